import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { date, workoutRecord } from './testing/records.ts';
import { workoutSample } from './workout-sample.ts';

const span = (start: string, end: string) => ({ type: '', startDate: date(start), endDate: date(end), average: undefined, minimum: undefined, maximum: undefined, sum: undefined, unit: undefined });

describe('workoutSample', () => {
  it('takes the category, span and statistics of a newer export', () => {
    const whole = span('2024-03-09 07:31:10 -0800', '2024-03-09 08:05:35 -0800');
    const sample = workoutSample(
      workoutRecord('2024-03-09 07:31:10 -0800', '2024-03-09 08:05:35 -0800', {
        duration: 34.4,
        durationUnit: 'min',
        statistics: [
          { ...whole, type: 'HKQuantityTypeIdentifierActiveEnergyBurned', sum: 312.4, unit: 'kcal' },
          { ...whole, type: 'HKQuantityTypeIdentifierDistanceWalkingRunning', sum: 5.21, unit: 'km' },
          { ...whole, type: 'HKQuantityTypeIdentifierHeartRate', average: 152.3, minimum: 98, maximum: 171, unit: 'count/min' },
        ],
      }),
    );
    assert.deepEqual(sample, {
      metric: 'workout',
      value: 'running',
      start: date('2024-03-09 07:31:10 -0800'),
      end: date('2024-03-09 08:05:35 -0800'),
      source: 'Watch',
      line: 7,
      details: {
        activityName: 'HKWorkoutActivityTypeRunning',
        statistics: {
          activeEnergy: { value: 312.4, unit: 'kcal' },
          distance: { value: 5.21, unit: 'km' },
          heartRateAverage: { value: 152.3, unit: 'count/min' },
          heartRateMin: { value: 98, unit: 'count/min' },
          heartRateMax: { value: 171, unit: 'count/min' },
          duration: { value: 34.4, unit: 'min' },
        },
      },
    });
  });

  it('reads the totals of an older export, any kind of distance, and leaves out a figure without its unit', () => {
    const ride = workoutSample(
      workoutRecord('2021-06-05 18:00:00 -0700', '2021-06-05 18:45:00 -0700', {
        activityType: 'HKWorkoutActivityTypeCycling',
        totalDistance: 18.2,
        totalDistanceUnit: 'km',
        totalEnergyBurned: 401,
        totalEnergyBurnedUnit: undefined,
      }),
    );
    assert.equal(ride.value, 'cycling');
    assert.deepEqual(ride.details?.statistics, { distance: { value: 18.2, unit: 'km' } });

    const swim = workoutSample(
      workoutRecord('2021-06-05 18:00:00 -0700', '2021-06-05 18:45:00 -0700', {
        activityType: 'HKWorkoutActivityTypeSwimming',
        statistics: [{ ...span('2021-06-05 18:00:00 -0700', '2021-06-05 18:45:00 -0700'), type: 'HKQuantityTypeIdentifierDistanceSwimming', sum: 1500, unit: 'm' }],
      }),
    );
    assert.deepEqual(swim.details?.statistics, { distance: { value: 1500, unit: 'm' } });
  });

  it('keeps an activity it does not map as other, with Apple’s name', () => {
    const sample = workoutSample(workoutRecord('2024-03-09 07:00:00 -0800', '2024-03-09 09:00:00 -0800', { activityType: 'HKWorkoutActivityTypeFishing' }));
    assert.equal(sample.value, 'other');
    assert.deepEqual(sample.details, { activityName: 'HKWorkoutActivityTypeFishing', statistics: {} });
  });
});
