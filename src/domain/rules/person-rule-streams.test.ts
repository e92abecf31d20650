import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PersonRuleStreams, type PersonRulesSnapshot, type RuleSample } from './person-rule-streams.ts';
import type { RuleEvent } from './rule-event.ts';
import { at, steady, summary, watchRule } from './test-rules.ts';

const RULES = [
  watchRule('tachycardia', { operator: '>', value: 100, duration: 10 }),
  watchRule('desaturation', { metric: 'spo2', operator: '<', value: 90, duration: 5 }, { context: { asleep: true } }),
  watchRule('hrv-drop', { metric: 'hrv_rmssd', operator: '<', value: undefined, baseline: { sd: -2 } }),
];

const heartRate = (minute: number, value: number): RuleSample => ({ metric: 'heart_rate', t: at(minute), value, utcOffsetMinutes: 60 });
const spo2 = (minute: number, value: number, asleep: boolean): RuleSample => ({ metric: 'spo2', t: at(minute), value, utcOffsetMinutes: 60, asleep });

describe('PersonRuleStreams', () => {
  it('routes each reading to the rules of its metric, with its context, and ignores metrics no rule watches', () => {
    const person = new PersonRuleStreams({ userId: 'user-1', rules: RULES });
    const out: RuleEvent[] = [];
    for (const [minute] of steady(0, 12, 0)) {
      person.observe(heartRate(minute, 120), out);
      person.observe(spo2(minute, 85, minute >= 3), out);
      person.observe({ metric: 'steps', t: at(minute), value: 100, utcOffsetMinutes: 60 }, out);
    }
    person.flush(out);
    assert.deepEqual(summary(out).sort(), ['desaturation fired 8', 'tachycardia fired 10']);
    assert.deepEqual(person.waitingForBaseline, ['hrv-drop']);
  });

  it('uses the baseline of each metric, and sums what its streams dropped', () => {
    const person = new PersonRuleStreams({ userId: 'user-1', rules: RULES, baselines: { hrv_rmssd: { mean: 50, sd: 10 } }, options: { latenessMinutes: 0 } });
    const out: RuleEvent[] = [];
    for (const [minute, value] of [[0, 40], [1, 29], [0, 29]] as const) person.observe({ metric: 'hrv_rmssd', t: at(minute), value, utcOffsetMinutes: 0 }, out);
    person.observe({ metric: 'heart_rate', t: at(5), value: 60, utcOffsetMinutes: 0 }, out);
    person.observe({ metric: 'heart_rate', t: at(4), value: 60, utcOffsetMinutes: 0 }, out);
    person.observe({ metric: 'heart_rate', t: at(5), value: Number.NaN, utcOffsetMinutes: 0 }, out);
    person.flush(out);
    assert.deepEqual(summary(out), ['hrv-drop fired 1']);
    assert.deepEqual(person.waitingForBaseline, []);
    assert.equal(person.droppedLate, 2);
    assert.equal(person.droppedInvalid, 1);
  });

  it('saves each metric’s stream, and resumes where they left off', () => {
    const first = new PersonRuleStreams({ userId: 'user-1', rules: RULES });
    const out: RuleEvent[] = [];
    for (const [minute] of steady(0, 6, 0)) first.observe(heartRate(minute, 120), out);
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as PersonRulesSnapshot;
    assert.deepEqual(Object.keys(saved.streams).sort(), ['heart_rate', 'hrv_rmssd', 'spo2']);
    const second = new PersonRuleStreams({ userId: 'user-1', rules: RULES, snapshot: saved });
    for (const [minute] of steady(7, 16, 0)) second.observe(heartRate(minute, 120), out);
    second.advanceWatermark(at(17), out);
    assert.deepEqual(summary(out), ['tachycardia fired 10']);
  });
});
