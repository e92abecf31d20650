import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSleepStage } from './sleep-stages.ts';

describe('parseSleepStage', () => {
  it("reads Apple Health's category values, old and new", () => {
    assert.equal(parseSleepStage('HKCategoryValueSleepAnalysisInBed'), 'in_bed');
    assert.equal(parseSleepStage('HKCategoryValueSleepAnalysisAsleep'), 'asleep');
    assert.equal(parseSleepStage('HKCategoryValueSleepAnalysisAsleepUnspecified'), 'asleep');
    assert.equal(parseSleepStage('HKCategoryValueSleepAnalysisAsleepCore'), 'light');
    assert.equal(parseSleepStage('HKCategoryValueSleepAnalysisAsleepDeep'), 'deep');
    assert.equal(parseSleepStage('HKCategoryValueSleepAnalysisAsleepREM'), 'rem');
    assert.equal(parseSleepStage('HKCategoryValueSleepAnalysisAwake'), 'awake');
  });

  it('reads short names in snake_case and camelCase', () => {
    for (const [text, stage] of [['inBed', 'in_bed'], ['asleepCore', 'light'], ['asleepREM', 'rem'], ['asleepUnspecified', 'asleep'], ['core', 'light'], ['Deep', 'deep'], ['in_bed', 'in_bed']]) {
      assert.equal(parseSleepStage(text as string), stage, text);
    }
  });

  it('refuses anything else', () => {
    assert.equal(parseSleepStage('nap'), undefined);
    assert.equal(parseSleepStage('__proto__'), undefined);
  });
});
