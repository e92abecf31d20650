import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriesFrom } from '../testing/fixtures.ts';
import { checkSleepDebt } from './sleep-debt.ts';

describe('sleep debt', () => {
  it('adds up the shortfall of the last 7 nights against the need and links the short nights', () => {
    const check = checkSleepDebt(seriesFrom('2024-09-01', [420, 420, 420, 480, 420, 420, 360]), '2024-09-07');
    assert.ok(check.raised);
    const { flag } = check;
    assert.equal(flag.sentence, 'Over the last 7 nights you slept 7 h less than your 8 h need (short on 6 of the 7 nights with data).');
    assert.deepEqual(flag.days, ['2024-09-01', '2024-09-02', '2024-09-03', '2024-09-05', '2024-09-06', '2024-09-07']);
    assert.equal(flag.strength, 'possible');
    assert.deepEqual(flag.evidence.map((w) => [w.nights, w.debtMinutes]), [[7, 420]]);
  });

  it('is likely when both the 7- and 14-night windows are over; surplus nights pay nothing back', () => {
    const check = checkSleepDebt(seriesFrom('2024-09-01', [...Array(7).fill(600), ...Array(7).fill(400)]), '2024-09-14', { sleepNeedMinutes: 450 });
    assert.ok(check.raised);
    assert.deepEqual(check.flag.evidence.map((w) => [w.nights, w.debtMinutes, w.overThreshold]), [[7, 350, true], [14, 350, false]]);
    assert.equal(check.flag.strength, 'possible');
    const both = checkSleepDebt(seriesFrom('2024-09-01', Array(14).fill(400)), '2024-09-14');
    assert.ok(both.raised && both.flag.strength === 'likely');
    assert.match(both.flag.sentence, /slept 9 h 20 min less than your 8 h need/);
  });

  it('stays quiet after enough sleep and needs five of seven nights with data', () => {
    assert.deepEqual(checkSleepDebt(seriesFrom('2024-09-01', Array(7).fill(470)), '2024-09-07'), { raised: false, reason: 'within normal range' });
    assert.deepEqual(checkSleepDebt(seriesFrom('2024-09-01', [300, null, 300, 'not_worn', 300, null, 300]), '2024-09-07'), { raised: false, reason: 'not enough data' });
  });
});
