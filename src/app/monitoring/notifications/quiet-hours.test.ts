import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PREFERENCES, emailTime, planDelivery } from './quiet-hours.ts';

const BERLIN = 'Europe/Berlin';
const NIGHT = { from: '22:00', to: '07:00' };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('quiet hours', () => {
  it('sends at once outside quiet hours and holds mail until they end inside them', () => {
    // 2024-01-15 21:30 in Berlin (UTC+1) is before 22:00; 23:30 is inside; quiet ends 07:00 = 06:00 UTC.
    assert.equal(iso(emailTime(at('2024-01-15T20:30:00Z'), NIGHT, BERLIN, false)), '2024-01-15T20:30:00.000Z');
    assert.equal(iso(emailTime(at('2024-01-15T22:30:00Z'), NIGHT, BERLIN, false)), '2024-01-16T06:00:00.000Z');
    // After midnight, still inside: the same morning.
    assert.equal(iso(emailTime(at('2024-01-16T03:00:00Z'), NIGHT, BERLIN, false)), '2024-01-16T06:00:00.000Z');
    // 07:00 local is no longer quiet (to is exclusive).
    assert.equal(iso(emailTime(at('2024-01-16T06:00:00Z'), NIGHT, BERLIN, false)), '2024-01-16T06:00:00.000Z');
  });

  it('ends quiet hours at 07:00 local on the night clocks spring forward (UTC+1 -> UTC+2)', () => {
    // 2024-03-30 23:30 CET = 22:30 UTC; on 31 March 02:00 becomes 03:00, so 07:00 CEST = 05:00 UTC, not 06:00.
    assert.equal(iso(emailTime(at('2024-03-30T22:30:00Z'), NIGHT, BERLIN, false)), '2024-03-31T05:00:00.000Z');
    // 04:30 local after the change (02:30 UTC) is still quiet.
    assert.equal(iso(emailTime(at('2024-03-31T02:30:00Z'), NIGHT, BERLIN, false)), '2024-03-31T05:00:00.000Z');
  });

  it('ends quiet hours at 07:00 local on the night clocks fall back (UTC+2 -> UTC+1)', () => {
    // 2024-10-26 23:00 CEST = 21:00 UTC; on 27 October 03:00 becomes 02:00, so 07:00 CET = 06:00 UTC.
    assert.equal(iso(emailTime(at('2024-10-26T21:00:00Z'), NIGHT, BERLIN, false)), '2024-10-27T06:00:00.000Z');
    // 21:30 CEST (19:30 UTC) the evening before is not quiet yet.
    assert.equal(iso(emailTime(at('2024-10-26T19:30:00Z'), NIGHT, BERLIN, false)), '2024-10-26T19:30:00.000Z');
  });

  it('reads quiet hours in the person’s own zone', () => {
    // 23:00 UTC is 18:00 in New York (not quiet) and 00:00 in Berlin (quiet).
    const t = at('2024-01-15T23:00:00Z');
    assert.equal(emailTime(t, NIGHT, 'America/New_York', false), t);
    assert.notEqual(emailTime(t, NIGHT, BERLIN, false), t);
  });

  it('lets critical alerts break through only where the person or the tenant says so', () => {
    const night = at('2024-01-15T23:00:00Z');
    const quiet = { ...DEFAULT_PREFERENCES, quietHours: NIGHT };
    const morning = '2024-01-16T06:00:00.000Z';
    assert.equal(iso(planDelivery('critical', quiet, BERLIN, false, night).emailAt), morning);
    assert.equal(iso(planDelivery('critical', { ...quiet, criticalBreaksQuietHours: true }, BERLIN, false, night).emailAt), iso(night));
    assert.equal(iso(planDelivery('critical', quiet, BERLIN, true, night).emailAt), iso(night));
    // High never breaks through.
    assert.equal(iso(planDelivery('high', { ...quiet, criticalBreaksQuietHours: true }, BERLIN, true, night).emailAt), morning);
  });

  it('sends each channel only the severities the person chose', () => {
    const now = at('2024-01-15T12:00:00Z');
    assert.deepEqual(planDelivery('low', DEFAULT_PREFERENCES, BERLIN, false, now), { inApp: true });
    assert.deepEqual(planDelivery('high', { ...DEFAULT_PREFERENCES, inApp: [] }, BERLIN, false, now), { inApp: false, emailAt: now });
  });
});
