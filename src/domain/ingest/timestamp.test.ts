import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimestamp } from './timestamp.ts';

const parsed = (text: string) => {
  const result = parseTimestamp(text);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.value;
};
const refused = (text: string) => {
  const result = parseTimestamp(text);
  assert.equal(result.ok, false, `${text} was accepted`);
  return result.ok ? '' : result.reason;
};

describe('parseTimestamp', () => {
  it('reads an ISO instant with its offset', () => {
    assert.deepEqual(parsed('2021-12-11T18:04:47-07:00'), { kind: 'instant', utcMs: Date.parse('2021-12-12T01:04:47Z'), offsetMinutes: -420 });
    assert.deepEqual(parsed('2021-12-11T18:04:47.250+05:30'), { kind: 'instant', utcMs: Date.parse('2021-12-11T12:34:47.250Z'), offsetMinutes: 330 });
  });

  it("reads Apple Health's format, keeping the offset", () => {
    assert.deepEqual(parsed('2021-12-11 18:04:47 -0700'), { kind: 'instant', utcMs: Date.parse('2021-12-12T01:04:47Z'), offsetMinutes: -420 });
  });

  it('treats Z and +00:00 as fixing the instant only (no local offset)', () => {
    assert.deepEqual(parsed('2021-12-11T18:04:47Z'), { kind: 'instant', utcMs: Date.parse('2021-12-11T18:04:47Z'), offsetMinutes: undefined });
    assert.deepEqual(parsed('2021-12-11T18:04:47+00:00'), { kind: 'instant', utcMs: Date.parse('2021-12-11T18:04:47Z'), offsetMinutes: undefined });
  });

  it('reads a local time without offset and a bare date', () => {
    assert.deepEqual(parsed('2016-04-12T13:00:00'), { kind: 'local', wallMs: Date.UTC(2016, 3, 12, 13) });
    assert.deepEqual(parsed('2016-04-12 13:00'), { kind: 'local', wallMs: Date.UTC(2016, 3, 12, 13) });
    assert.deepEqual(parsed('2016-04-12'), { kind: 'date', date: '2016-04-12', wallMs: Date.UTC(2016, 3, 12) });
  });

  it('keeps milliseconds and drops finer digits', () => {
    const value = parsed('2021-01-01T00:00:00.123456789Z');
    assert.equal(value.kind === 'instant' && value.utcMs % 1000, 123);
  });

  it('refuses impossible dates, times and offsets rather than rolling them over', () => {
    assert.match(refused('2021-02-29'), /no such date/);
    assert.match(refused('2021-13-01'), /no such date/);
    assert.match(refused('2021-01-01T24:00:00Z'), /no such time/);
    assert.match(refused('2021-01-01T12:00:60Z'), /no such time/);
    assert.match(refused('2021-01-01T12:00:00+15:00'), /offset/);
    assert.match(refused('1850-01-01'), /year/);
  });

  it('refuses other date formats instead of guessing day and month', () => {
    refused('4/12/2016');
    refused('4/12/2016 12:00:00 AM');
    refused('12.04.2016');
    refused('1460419200');
    refused('');
    refused('2016-04-12Z');
  });
});
