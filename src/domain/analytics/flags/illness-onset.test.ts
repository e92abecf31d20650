import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../series/calendar-date.ts';
import { seriesFrom } from '../testing/fixtures.ts';
import { checkIllnessOnset } from './illness-onset.ts';

const START = '2024-11-01';
const DAY = addDays(START, 29);
const YESTERDAY = addDays(DAY, -1);

/** 28 baseline days (resting HR 54/56, HRV 57/63), then yesterday and today as given. */
function inputs(last2: { rhr: [number, number]; hrv: [number, number]; temperature?: [number, number] }) {
  const alternate = (a: number, b: number) => Array.from({ length: 28 }, (_, i) => (i % 2 ? a : b));
  return {
    restingHeartRate: seriesFrom(START, [...alternate(54, 56), ...last2.rhr]),
    hrv: seriesFrom(START, [...alternate(57, 63), ...last2.hrv]),
    ...(last2.temperature ? { temperatureDeviation: seriesFrom(YESTERDAY, last2.temperature) } : {}),
  };
}

describe('illness onset', () => {
  it('is raised after two days of resting HR >= 3 bpm up and HRV >= 1 SD down, linking both days', () => {
    const check = checkIllnessOnset(inputs({ rhr: [59, 60], hrv: [55, 54] }), DAY);
    assert.ok(check.raised);
    const { flag } = check;
    assert.equal(flag.kind, 'illness_onset');
    assert.equal(flag.version, 'illness_onset.v1');
    assert.equal(flag.strength, 'possible');
    assert.deepEqual(flag.days, [YESTERDAY, DAY]);
    assert.equal(flag.evidence.length, 2);
    assert.equal(flag.evidence[0]!.restingHeartRateBaseline, 55);
    assert.match(flag.sentence, /^Your resting heart rate has been at least 4 bpm above and your HRV at least 1\.\d SD below your 28-day baseline for 2 days running \(2024-11-29, 2024-11-30\)/);
    assert.doesNotMatch(flag.sentence, /temperature/);
  });

  it('is likely when temperature is up too, and says so', () => {
    const check = checkIllnessOnset(inputs({ rhr: [59, 60], hrv: [55, 54], temperature: [0.2, 0.7] }), DAY);
    assert.ok(check.raised);
    assert.equal(check.flag.strength, 'likely');
    assert.match(check.flag.sentence, /temperature was also 0\.7 °C above your norm\.$/);
    assert.equal(check.flag.evidence[1]!.temperatureDeviation, 0.7);
  });

  it('needs both days: one bad day, or a rise without an HRV drop, stays within range', () => {
    assert.deepEqual(checkIllnessOnset(inputs({ rhr: [55, 60], hrv: [60, 54] }), DAY), { raised: false, reason: 'within normal range' });
    assert.deepEqual(checkIllnessOnset(inputs({ rhr: [59, 60], hrv: [60, 61] }), DAY), { raised: false, reason: 'within normal range' });
    // 2.9 bpm is under the rule's 3.
    assert.deepEqual(checkIllnessOnset(inputs({ rhr: [57.9, 60], hrv: [55, 54] }), DAY), { raised: false, reason: 'within normal range' });
  });

  it('says when there is not enough data rather than guessing', () => {
    const full = inputs({ rhr: [59, 60], hrv: [55, 54] });
    assert.deepEqual(checkIllnessOnset({ ...full, hrv: full.hrv.slice(0, -1) }, DAY), { raised: false, reason: 'not enough data' });
    assert.deepEqual(checkIllnessOnset({ ...full, restingHeartRate: full.restingHeartRate.slice(-3) }, DAY), { raised: false, reason: 'not enough data' });
  });
});
