import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../series/calendar-date.ts';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import { seededNormal, seriesFrom } from '../testing/fixtures.ts';
import { findCorrelations } from './find-correlations.ts';
import { labelOf } from './variable-labels.ts';

const START = '2024-01-01';
const DAYS = 90;

/** Alcohol on about one day in four; the next night's HRV is 12% lower. Steps lengthen same-night sleep. */
function person() {
  const normal = seededNormal(42);
  const alcohol = Array.from({ length: DAYS }, (_, day) => (day % 4 === 1 || day % 11 === 3 ? 1 : 0));
  const steps = Array.from({ length: DAYS }, () => Math.round(8000 + 2500 * normal()));
  const hrv = alcohol.map((_, day) => 55 * (day > 0 && alcohol[day - 1] === 1 ? 0.88 : 1) + 3 * normal());
  const sleep = steps.map((s) => 400 + (s - 8000) / 100 + 20 * normal());
  const mood = Array.from({ length: DAYS }, () => Math.round(5 + 2 * normal()));
  return {
    drivers: [
      { id: 'tag:alcohol', series: seriesFrom(START, alcohol) },
      { id: 'steps', series: seriesFrom(START, steps) },
      { id: 'journal:mood', series: seriesFrom(START, mood) },
    ],
    outcomes: [
      { id: 'hrv_rmssd', series: seriesFrom(START, hrv) },
      { id: 'sleep_duration', series: seriesFrom(START, sleep) },
    ],
  };
}

describe('correlation runner', () => {
  it('finds next-day HRV lower after alcohol and says so in one sentence', () => {
    const report = findCorrelations(person());
    const alcohol = report.findings.find((f) => f.driver === 'tag:alcohol' && f.outcome === 'hrv_rmssd' && f.lag === 1);
    assert.ok(alcohol?.discovery);
    assert.ok(alcohol.rho < 0 && alcohol.ciHigh < 0);
    const { withTag, withoutTag } = alcohol.comparison!;
    const percent = Math.round(((withoutTag.mean - withTag.mean) / withoutTag.mean) * 100);
    assert.ok(percent >= 9 && percent <= 15, `${percent}%`);
    assert.equal(withTag.n + withoutTag.n, alcohol.n);
    assert.match(alcohol.sentence, new RegExp(`^On days after you tag alcohol, your HRV is ${percent}% lower \\(n=${alcohol.n} days, ${withTag.n} tagged, q[<=]0\\.\\d+\\)$`));
  });

  it('phrases continuous drivers by direction and unlinked pairs as no clear link', () => {
    const report = findCorrelations(person());
    const steps = report.findings.find((f) => f.driver === 'steps' && f.outcome === 'sleep_duration' && f.lag === 0)!;
    assert.ok(steps.discovery);
    assert.match(steps.sentence, /^On days with more steps, your sleep tends to be longer \(rho=0\.\d\d, n=90, q[<=]0\.\d+\)$/);
    const mood = report.findings.find((f) => f.driver === 'journal:mood' && f.outcome === 'hrv_rmssd' && f.lag === 1)!;
    assert.equal(mood.discovery, false);
    assert.match(mood.sentence, /^No clear link yet between mood and next-day HRV \(n=89, q=0\.\d\d\)$/);
  });

  it('adjusts every test of the run together with Benjamini–Hochberg and sorts by q', () => {
    const report = findCorrelations(person());
    assert.equal(report.findings.length, 3 * 2 * 2);
    const expected = benjaminiHochberg(report.findings.map((f) => f.p));
    report.findings.forEach((f, i) => assert.ok(Math.abs(f.q - expected[i]!) < 1e-15));
    report.findings.slice(1).forEach((f, i) => assert.ok(f.q >= report.findings[i]!.q));
  });

  it('pairs the driver on day d with the outcome on day d + lag', () => {
    const values = Array.from({ length: 30 }, (_, i) => (i * 37) % 23);
    const driver = { id: 'steps', series: seriesFrom(START, values) };
    const echo = { id: 'hrv_rmssd', series: seriesFrom(addDays(START, 1), values) };
    const report = findCorrelations({ drivers: [driver], outcomes: [echo] });
    const nextDay = report.findings.find((f) => f.lag === 1)!;
    assert.equal(nextDay.rho, 1);
    assert.equal(nextDay.n, 30);
    const sameDay = report.findings.find((f) => f.lag === 0)!;
    assert.equal(sameDay.n, 29);
    assert.ok(Math.abs(sameDay.rho) < 0.5);
  });

  it('skips, with a reason, pairs with too few days, a tag that never varies or a constant series', () => {
    const report = findCorrelations({
      drivers: [
        { id: 'tag:sauna', series: seriesFrom(START, Array(20).fill(1)) },
        { id: 'journal:energy', series: seriesFrom(START, Array(20).fill(6)) },
        { id: 'tag:late_meal', series: seriesFrom(START, [1, 0, 1, 0, 1]) },
      ],
      outcomes: [{ id: 'resting_heart_rate', series: seriesFrom(START, Array.from({ length: 21 }, (_, i) => 50 + (i % 5))) }],
      lags: [0],
    });
    assert.deepEqual(report.findings, []);
    assert.deepEqual(
      report.skipped.map((s) => [s.driver, s.reason, s.n]),
      [
        ['tag:sauna', 'tag never or always present', 20],
        ['journal:energy', 'constant series', 20],
        ['tag:late_meal', 'too few paired days', 5],
      ],
    );
  });

  it('names series in plain words', () => {
    assert.equal(labelOf('tag:late_meal'), 'late meal');
    assert.equal(labelOf('journal:stress'), 'stress');
    assert.equal(labelOf('resting_heart_rate'), 'resting heart rate');
    assert.equal(labelOf('readiness'), 'readiness score');
    assert.equal(labelOf('sleep_deep'), 'deep sleep');
    assert.equal(labelOf('spo2'), 'oxygen saturation');
    assert.equal(labelOf('custom_thing'), 'custom thing');
  });
});
