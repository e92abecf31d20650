import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RuleEvent } from './rule-event.ts';
import { RuleStream } from './rule-stream.ts';
import { RuleStreams, type OpenRuleStream } from './rule-streams.ts';
import { at, watchRule } from './test-rules.ts';

const rules = [
  watchRule('high', { operator: '>', value: 100, duration: 10 }),
  watchRule('low', { operator: '<', value: 50, duration: 5 }),
  watchRule('night', { operator: '>', value: 80, duration: 0 }, { context: { timeOfDay: { from: '22:00', to: '06:00' } } }),
];

/** Person i's heart rate at minute m: each person's own swings, late now and then, in local time east or west. */
function reading(person: number, minute: number): { t: number; value: number; offset: number } {
  const phase = (minute + person * 37) % 90;
  const value = phase < 25 ? 110 + person : phase < 40 ? 45 : 70 + ((minute * 7 + person) % 15);
  const late = (minute + person) % 17 === 0 ? 2 : 0;
  return { t: at(minute - late) + person * 1000, value, offset: person % 2 === 0 ? 60 : -300 };
}

describe('RuleStreams', () => {
  it('keeps many streams apart: readings interleaved in one table give each the events of a stream of its own', () => {
    const people = Array.from({ length: 40 }, (_, person) => person);
    const open = (person: number): OpenRuleStream => ({ userId: `person-${person}`, metric: 'heart_rate', rules, options: { evidenceLimit: 8 } });
    const table = new RuleStreams();
    const indexes = people.map((person) => table.add(open(person)));
    const alone = people.map((person) => new RuleStream(open(person)));
    const together: RuleEvent[][] = people.map(() => []);
    const apart: RuleEvent[][] = people.map(() => []);
    for (let minute = 0; minute < 24 * 60; minute += 1) {
      for (const person of people) {
        const { t, value, offset } = reading(person, minute);
        table.observe(indexes[person]!, t, value, 0, offset, together[person]!);
        alone[person]!.observe(t, value, 0, offset, apart[person]!);
      }
    }
    people.forEach((person) => {
      table.flush(indexes[person]!, together[person]!);
      alone[person]!.flush(apart[person]!);
    });
    assert.deepEqual(together, apart);
    assert.ok(apart.every((events) => events.some((e) => e.kind === 'fired' && e.ruleId === 'high')));
    assert.ok(apart.every((events) => events.some((e) => e.kind === 'fired' && e.ruleId === 'night')));
    assert.deepEqual(indexes.map((stream) => table.snapshot(stream)), alone.map((stream) => stream.snapshot()));
  });
});
