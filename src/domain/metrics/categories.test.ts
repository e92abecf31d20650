import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getMetric } from './catalog.ts';
import { parseCategory } from './categories.ts';

const metric = (id: string) => {
  const found = getMetric(id);
  assert.ok(found, id);
  return found;
};

describe('parseCategory', () => {
  it('reads each categorical metric with its own vocabulary', () => {
    assert.equal(parseCategory(metric('sleep_stage'), 'HKCategoryValueSleepAnalysisAsleepCore'), 'light');
    assert.equal(parseCategory(metric('workout'), 'Running'), 'running');
  });

  it('never takes one metric’s category for another’s', () => {
    assert.equal(parseCategory(metric('workout'), 'deep'), undefined);
    assert.equal(parseCategory(metric('sleep_stage'), 'running'), undefined);
    assert.equal(parseCategory(metric('heart_rate'), 'running'), undefined, 'a numeric metric has no categories');
  });
});
