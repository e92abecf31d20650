import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkRiskFlags,
  findCorrelations,
  forecastNextDays,
  loggingStreaks,
  populationPercentile,
  readinessScores,
  sleepScores,
  trend,
  type DailyPoint,
  type ForecastMetric,
  type TrendWindow,
} from './index.ts';
import { addDays } from './series/calendar-date.ts';
import { nonFiniteNumbers } from './testing/fixtures.ts';

const TODAY = '2024-03-31';

/** Sparse, gappy, tied, constant or hostile daily series over the 120 days before TODAY. */
const dailySeries = fc
  .tuple(
    fc.oneof(fc.constant(60), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
    fc.array(
      fc.record({
        offset: fc.integer({ min: 0, max: 120 }),
        value: fc.oneof(
          fc.constant<number | null>(null),
          fc.constant(Number.NaN),
          fc.constant(Number.POSITIVE_INFINITY),
          fc.integer({ min: 0, max: 3 }),
          fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        ),
        notWorn: fc.boolean(),
      }),
      { maxLength: 120 },
    ),
  )
  .map(([constant, points]): DailyPoint[] =>
    points.map(({ offset, value, notWorn }) => ({
      date: addDays(TODAY, -offset),
      value: value === 2 ? constant : value,
      status: notWorn && offset % 5 === 0 ? 'not_worn' : 'ok',
    })),
  );

const assertFinite = (label: string, value: unknown) => assert.deepEqual(nonFiniteNumbers(value), [], label);

describe('no NaN or Infinity in any result', () => {
  it('holds for every analysis over arbitrary series', () => {
    fc.assert(
      fc.property(dailySeries, dailySeries, dailySeries, dailySeries, (a, b, c, d) => {
        for (const window of ['7d', '30d', '90d'] as TrendWindow[]) assertFinite(`trend ${window}`, trend(a, window, TODAY));
        for (const metric of ['weight', 'hrv_rmssd', 'resting_heart_rate', 'sleep_duration'] as ForecastMetric[]) {
          assertFinite(`forecast ${metric}`, forecastNextDays(metric, b, { today: TODAY }));
        }
        assertFinite('correlations', findCorrelations({ drivers: [{ id: 'tag:x', series: a }, { id: 'steps', series: b }], outcomes: [{ id: 'hrv_rmssd', series: c }], minPairs: 4 }));
        const today = addDays(TODAY, -1);
        assertFinite('readiness', readinessScores({ hrv: a, restingHeartRate: b, sleepDuration: c, steps: d, temperatureDeviation: a }, today, TODAY));
        assertFinite('sleep', sleepScores({ sleepDuration: a, timeInBed: b, deepSleep: c, remSleep: d }, today, TODAY));
        assertFinite('flags', checkRiskFlags({ restingHeartRate: a, hrv: b, sleepDuration: c, load: d, temperatureDeviation: a }, TODAY));
        assertFinite('streaks', loggingStreaks([...a, ...b], TODAY));
      }),
      { numRuns: 60 },
    );
  });

  it('holds for population percentiles of any value and age', () => {
    fc.assert(
      fc.property(fc.double(), fc.double({ min: 0, max: 120, noNaN: true }), fc.constantFrom('male', 'female'), (value, ageYears, sex) => {
        assertFinite('percentile', populationPercentile({ measure: 'vo2max', value, ageYears, sex }));
      }),
    );
  });
});
