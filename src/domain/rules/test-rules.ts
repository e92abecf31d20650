import { MINUTE_MS } from './instants.ts';
import type { RuleCondition, WatchRule } from './rule.ts';
import type { RuleEvent } from './rule-event.ts';
import type { RuleStream } from './rule-stream.ts';

/** Shared by the rules engine's tests. */
export const MINUTE = MINUTE_MS;
export const T0 = Date.UTC(2024, 0, 10, 8, 0);
export const at = (minute: number): number => T0 + minute * MINUTE;

type ConditionFields = Partial<RuleCondition> & Pick<RuleCondition, 'operator'>;

/** A heart-rate rule of revision 1, 10-minute gaps, no cooldown unless given. */
export function watchRule(id: string, condition: ConditionFields, more: Partial<Omit<WatchRule, 'id' | 'condition'>> = {}): WatchRule {
  return {
    id,
    revision: 1,
    cooldownMinutes: 0,
    ...more,
    condition: { metric: 'heart_rate', duration: 0, maxGapMinutes: 10, value: 100, ...condition },
  };
}

/** [minute after T0, value, flags, local offset in minutes] */
export type Reading = readonly [minute: number, value: number, flags?: number, utcOffsetMinutes?: number];

export function feed(stream: RuleStream, readings: readonly Reading[], out: RuleEvent[] = []): RuleEvent[] {
  for (const [minute, value, flags = 0, offset = 0] of readings) stream.observe(at(minute), value, flags, offset, out);
  return out;
}

/** Every minute from `from` to `to` inclusive at one value. */
export const steady = (from: number, to: number, value: number, flags = 0): Reading[] =>
  Array.from({ length: to - from + 1 }, (_, i) => [from + i, value, flags] as const);

export const summary = (events: readonly RuleEvent[]): string[] =>
  events.map((e) => (e.kind === 'fired' ? `${e.ruleId} fired ${(e.at - T0) / MINUTE}` : `${e.ruleId} cleared ${(e.at - T0) / MINUTE} (${e.reason})`));
