import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRule } from './compile-rule.ts';
import { conditionProblems } from './condition-problems.ts';
import type { RuleCondition } from './rule.ts';
import { watchRule } from './test-rules.ts';

const condition = (fields: Partial<RuleCondition>): RuleCondition => ({ metric: 'heart_rate', operator: '>', value: 100, duration: 30, maxGapMinutes: 10, ...fields });
const problems = (fields: Partial<RuleCondition>) => conditionProblems(condition(fields)).map((p) => `${p.path.join('.')}: ${p.message}`);

describe('conditionProblems', () => {
  it('finds nothing wrong with the seed rule or a baseline rule', () => {
    assert.deepEqual(problems({}), []);
    assert.deepEqual(problems({ value: undefined, baseline: { sd: 2 } }), []);
    assert.deepEqual(problems({ operator: 'outside', value: undefined, baseline: { sd: [-1.5, 1.5] } }), []);
  });

  it('names a metric it does not know, or one a rule cannot compare', () => {
    assert.match(problems({ metric: 'heartrate' })[0]!, /^metric: "heartrate" is not a metric a rule can watch; one of: heart_rate, /);
    assert.match(problems({ metric: 'sleep_stage' })[0]!, /^metric: "sleep_stage" is not a metric a rule can watch/);
  });

  it('wants [lo, hi] with lo < hi for between and outside, and one number otherwise', () => {
    assert.deepEqual(problems({ operator: 'between', value: 100 }), ['value: between needs a range [lo, hi], got 100']);
    assert.deepEqual(problems({ operator: 'outside', value: [120, 80] }), ['value: the range must be [lo, hi] with lo < hi, got [120, 80]']);
    assert.deepEqual(problems({ operator: 'between', value: [80, 80] }), ['value: the range must be [lo, hi] with lo < hi, got [80, 80]']);
    assert.deepEqual(problems({ operator: '>=', value: [60, 100] }), ['value: >= compares with one number, got [60, 100]; use between or outside for a range']);
    assert.deepEqual(problems({ operator: 'between', value: undefined, baseline: { sd: [1, -1] } }), ['baseline.sd: the range must be [lo, hi] with lo < hi, got [1, -1]']);
  });

  it('wants exactly one threshold, and no baseline for ==', () => {
    assert.deepEqual(problems({ value: undefined }), ['value: needs a threshold: value (absolute) or baseline (e.g. { "sd": 2 } for mean + 2 SD)']);
    assert.deepEqual(problems({ baseline: { sd: 2 } }), ['baseline: give either value (an absolute threshold) or baseline (relative to the person), not both']);
    assert.deepEqual(problems({ operator: '==', value: undefined, baseline: { sd: 0 } }), ['operator: == needs an absolute value: a reading is almost never exactly mean + k SD']);
  });

  it('takes an absolute threshold the metric cannot read for the unit mistake it is', () => {
    assert.deepEqual(problems({ metric: 'body_temperature', value: 100.4 }), ["value: 100.4 is outside body_temperature's plausible range 30–45 Cel"]);
    assert.deepEqual(problems({ metric: 'spo2', operator: 'outside', value: [0.9, 99] }), ["value.0: 0.9 is outside spo2's plausible range 50–100 %"]);
  });
});

describe('compileRule', () => {
  it('refuses a threshold that does not fit the operator, or a baseline rule without a baseline', () => {
    assert.throws(() => compileRule(watchRule('r', { operator: 'between', value: 100 })), /rule r: between needs a range/);
    assert.throws(() => compileRule(watchRule('r', { operator: '>', value: undefined, baseline: { sd: 2 } })), /relative to a baseline and none was given/);
  });

  it('still compiles a stored rule the catalog no longer vouches for', () => {
    assert.equal(compileRule(watchRule('r', { metric: 'retired_metric', operator: '>', value: 1e6 })).id, 'r');
  });
});
