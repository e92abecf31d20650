import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RuleStream, type RuleEvent } from '../domain/rules/index.ts';
import { at, steady, summary } from '../domain/rules/test-rules.ts';
import { createRuleBody, patchRuleBody } from './rules.ts';

const SEED = {
  name: 'Tachycardia',
  condition: { metric: 'heart_rate', operator: '>', value: 100, duration: 30 },
  action: { type: 'doctor_ping', severity: 'high' },
};

const issues = (body: unknown, schema: typeof createRuleBody | typeof patchRuleBody = createRuleBody): string[] => {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

const withCondition = (condition: Record<string, unknown>) => ({ ...SEED, condition: { ...SEED.condition, ...condition } });

describe('rules contract', () => {
  it('takes the seed rule as written, with defaults, and the engine fires it', () => {
    const body = createRuleBody.parse(SEED);
    assert.deepEqual(body, { ...SEED, condition: { ...SEED.condition, maxGapMinutes: 10 }, cooldownMinutes: 60, autoResolve: false, enabled: true });
    const stream = new RuleStream({ userId: 'user-1', metric: 'heart_rate', rules: [{ id: 'seed', revision: 1, ...body }] });
    const out: RuleEvent[] = [];
    for (const [minute, value] of steady(0, 35, 120)) stream.observe(at(minute), value, 0, 0, out);
    stream.flush(out);
    assert.deepEqual(summary(out), ['seed fired 30']);
  });

  it('takes scope, context, a baseline threshold and the other operators', () => {
    const body = {
      ...withCondition({ operator: 'outside', value: undefined, baseline: { sd: [-2, 2] }, maxGapMinutes: 5 }),
      scope: { teamId: '0190f5b2-7c3a-7d2e-9b1a-3c4d5e6f7a8b' },
      context: { atRest: true, asleep: false, timeOfDay: { from: '22:00', to: '06:00' } },
      cooldownMinutes: 0,
      autoResolve: true,
      enabled: false,
    };
    assert.deepEqual(issues(body), []);
    assert.deepEqual(issues(withCondition({ operator: 'between', value: [50, 60] })), []);
  });

  it('says what is wrong with a condition', () => {
    assert.deepEqual(issues(withCondition({ operator: 'between' })), ['condition.value: between needs a range [lo, hi], got 100']);
    assert.deepEqual(issues(withCondition({ operator: 'between', value: [120, 80] })), ['condition.value: the range must be [lo, hi] with lo < hi, got [120, 80]']);
    assert.match(issues(withCondition({ metric: 'hart_rate' }))[0]!, /^condition\.metric: "hart_rate" is not a metric a rule can watch; one of: heart_rate, /);
    assert.deepEqual(issues(withCondition({ value: '100' })), ['condition.value: a number, or [lo, hi] for between and outside']);
    assert.deepEqual(issues(withCondition({ duration: 1441 })), ['condition.duration: duration is 0 to 1440 minutes']);
    assert.deepEqual(issues(withCondition({ duration: 7.5 })), ['condition.duration: duration is in whole minutes']);
    assert.deepEqual(issues(withCondition({ maxGapMinutes: 0 })), ['condition.maxGapMinutes: maxGapMinutes is 1 to 1440 minutes']);
    assert.deepEqual(issues(withCondition({ unit: 'bpm' })), ['condition: Unrecognized key: "unit"']);
  });

  it('says what is wrong with scope, context, action and cooldown', () => {
    const both = { userId: '0190f5b2-7c3a-7d2e-9b1a-3c4d5e6f7a8b', teamId: '0190f5b2-7c3a-7d2e-9b1a-3c4d5e6f7a8c' };
    assert.deepEqual(issues({ ...SEED, scope: both }), ['scope: scope names one person ({ userId }) or one team ({ teamId }); leave it out for the whole tenant']);
    assert.deepEqual(issues({ ...SEED, scope: {} }), ['scope: scope names one person ({ userId }) or one team ({ teamId }); leave it out for the whole tenant']);
    assert.deepEqual(issues({ ...SEED, context: { timeOfDay: { from: '22:00', to: '22:00' } } }), ['context.timeOfDay.to: from and to are the same time: the window would be empty']);
    assert.deepEqual(issues({ ...SEED, context: { timeOfDay: { from: '24:00', to: '06:00' } } }), ['context.timeOfDay.from: a local time as HH:MM, 00:00 to 23:59']);
    assert.equal(issues({ ...SEED, action: { type: 'page', severity: 'high' } })[0]?.startsWith('action.type: '), true);
    assert.deepEqual(issues({ ...SEED, cooldownMinutes: -1 }), ['cooldownMinutes: cooldownMinutes is 0 to 10080 minutes']);
  });

  it('patches any field, removes scope or context with null, and refuses an empty patch', () => {
    assert.deepEqual(patchRuleBody.parse({ enabled: false, scope: null, context: null }), { enabled: false, scope: null, context: null });
    assert.deepEqual(issues({ condition: { metric: 'heart_rate', operator: '<', value: 40, duration: 10 } }, patchRuleBody), []);
    assert.deepEqual(issues({}, patchRuleBody), [': nothing to change: give at least one field']);
    assert.deepEqual(issues({ condition: { operator: '<' } }, patchRuleBody).length > 0, true);
  });
});
