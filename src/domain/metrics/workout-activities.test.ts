import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWorkoutActivity, WORKOUT_ACTIVITIES } from './workout-activities.ts';

describe('parseWorkoutActivity', () => {
  it('reads every id, whatever the case and separators', () => {
    for (const id of WORKOUT_ACTIVITIES) assert.equal(parseWorkoutActivity(id), id);
    assert.equal(parseWorkoutActivity(' Strength Training '), 'strength_training');
    assert.equal(parseWorkoutActivity('stair-climbing'), 'stair_climbing');
    assert.equal(parseWorkoutActivity('HIIT'), 'hiit');
  });

  it('refuses names it does not know rather than guessing', () => {
    assert.equal(parseWorkoutActivity('HKWorkoutActivityTypeRunning'), undefined, 'vendor names are the adapter’s to map');
    assert.equal(parseWorkoutActivity('jogging'), undefined);
    assert.equal(parseWorkoutActivity('__proto__'), undefined);
  });
});
