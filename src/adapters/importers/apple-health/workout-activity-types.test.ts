import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWorkoutActivity } from '../../../domain/metrics/index.ts';
import { workoutCategory } from './workout-activity-types.ts';

describe('workoutCategory', () => {
  it('maps Apple’s common activity types onto workout categories', () => {
    const expected: Record<string, string> = {
      HKWorkoutActivityTypeRunning: 'running',
      HKWorkoutActivityTypeWalking: 'walking',
      HKWorkoutActivityTypeCycling: 'cycling',
      HKWorkoutActivityTypeTraditionalStrengthTraining: 'strength_training',
      HKWorkoutActivityTypeFunctionalStrengthTraining: 'strength_training',
      HKWorkoutActivityTypeHighIntensityIntervalTraining: 'hiit',
      HKWorkoutActivityTypeSoccer: 'team_sport',
      HKWorkoutActivityTypeTableTennis: 'racket_sport',
      HKWorkoutActivityTypeWheelchairRunPace: 'wheelchair',
      HKWorkoutActivityTypeOther: 'other',
    };
    for (const [apple, category] of Object.entries(expected)) assert.equal(workoutCategory(apple), category, apple);
  });

  it('keeps types it does not map as other, never as a near guess', () => {
    assert.equal(workoutCategory('HKWorkoutActivityTypeFishing'), 'other');
    assert.equal(workoutCategory('HKWorkoutActivityTypeSomethingNew'), 'other');
    assert.equal(workoutCategory('Running'), 'other', 'only Apple’s full names');
  });

  it('only names categories the catalog knows', () => {
    for (const name of ['Running', 'Yoga', 'Badminton', 'Snowboarding', 'PaddleSports', 'Golf', 'Cooldown', 'Climbing']) {
      const category = workoutCategory(`HKWorkoutActivityType${name}`);
      assert.equal(parseWorkoutActivity(category), category, name);
    }
  });
});
