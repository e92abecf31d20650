import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, type DailyPoint } from '../../../domain/analytics/index.ts';
import { dashboardTile } from './dashboard-tile.ts';

const today = '2024-03-31';
/** `n` days before today, each with `value`. */
const before = (n: number, value: (i: number) => number): DailyPoint[] => Array.from({ length: n }, (_, i) => ({ date: addDays(today, i - n), value: value(i) }));

describe('a dashboard tile', () => {
  it('shows a not-worn today but compares nothing with it', () => {
    const tile = dashboardTile('steps', '{steps}', [...before(28, (i) => 8000 + i * 10), { date: today, value: 0, status: 'not_worn' }], today);
    assert.deepEqual(tile.today, { date: today, value: 0, state: 'not_worn' });
    assert.ok(tile.baseline.ok);
    assert.equal(tile.versusBaseline, null);
  });

  it('leaves out z against a baseline without spread, and the relative change against a zero mean', () => {
    const steady = dashboardTile('resting_heart_rate', '/min', [...before(10, () => 55), { date: today, value: 58 }], today);
    assert.deepEqual(steady.versusBaseline, { difference: 3, relative: 3 / 55, withinBand: false });
    const zero = dashboardTile('temperature_deviation', 'Cel', [...before(10, () => 0), { date: today, value: 0 }], today);
    assert.deepEqual(zero.versusBaseline, { difference: 0, withinBand: true });
  });

  it('marks gaps in the sparkline as missing and needs 7 days for a baseline', () => {
    const tile = dashboardTile('hrv_rmssd', 'ms', [{ date: addDays(today, -3), value: 50 }, { date: today, value: 52 }], today);
    assert.deepEqual(
      tile.sparkline.map((d) => d.state),
      ['missing', 'missing', 'missing', 'ok', 'missing', 'missing', 'ok'],
    );
    assert.deepEqual(tile.baseline, { ok: false, reason: 'not enough days' });
    assert.equal(tile.versusBaseline, null);
  });
});
