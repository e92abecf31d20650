import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../series/calendar-date.ts';
import { seriesFrom } from '../testing/fixtures.ts';
import { checkOverreaching } from './overreaching.ts';

const START = '2024-08-01';
const DAY = addDays(START, 34);

/** 28 chronic days (load 450/550, HRV 57/63), then 7 acute days as given. */
function inputs(acuteLoad: number, acuteHrv: number) {
  const alternate = (a: number, b: number) => Array.from({ length: 28 }, (_, i) => (i % 2 ? a : b));
  return {
    load: seriesFrom(START, [...alternate(450, 550), ...Array(7).fill(acuteLoad)]),
    hrv: seriesFrom(START, [...alternate(57, 63), ...Array(7).fill(acuteHrv)]),
  };
}

describe('overreaching', () => {
  it('is raised when the week’s load is 1.3x the month before and HRV has fallen half an SD', () => {
    const check = checkOverreaching(inputs(700, 58), DAY);
    assert.ok(check.raised);
    const { flag } = check;
    assert.equal(flag.strength, 'possible');
    assert.ok(Math.abs(flag.evidence.loadRatio - 1.4) < 1e-12);
    assert.equal(flag.evidence.chronicHrv, 60);
    assert.equal(flag.days.length, 7);
    assert.equal(flag.days[6], DAY);
    assert.match(flag.sentence, /^Your load over the last 7 days is 40% above the 28 days before, while your HRV averaged 0\.\d SD below that period/);
    const heavier = checkOverreaching(inputs(800, 58), DAY);
    assert.ok(heavier.raised && heavier.flag.strength === 'likely');
  });

  it('stays quiet while HRV holds up, or while load is steady', () => {
    assert.deepEqual(checkOverreaching(inputs(800, 61), DAY), { raised: false, reason: 'within normal range' });
    assert.deepEqual(checkOverreaching(inputs(520, 55), DAY), { raised: false, reason: 'within normal range' });
  });

  it('needs four acute days and fourteen chronic days of both series', () => {
    const full = inputs(800, 55);
    assert.deepEqual(checkOverreaching({ ...full, hrv: full.hrv.slice(0, -4) }, DAY), { raised: false, reason: 'not enough data' });
    assert.deepEqual(checkOverreaching({ ...full, load: full.load.slice(15) }, DAY), { raised: false, reason: 'not enough data' });
  });
});
