import { thresholdProblems } from './condition-problems.ts';
import { MINUTE_MS } from './instants.ts';
import { nextUp } from './next-up.ts';
import type { Baseline, RuleCondition, Threshold, WatchRule } from './rule.ts';
import { ASLEEP, AT_REST } from './sample-context.ts';
import { MINUTES_PER_DAY, parseClockTime } from './time-of-day.ts';

/**
 * A rule reduced to numbers for the hot path. Every operator becomes one half-open range: a
 * reading is in range when lo <= value < hiExclusive, and matches when it is in range (or, for
 * `outside`, when it is not), its flags fit and its local minute is in the window.
 */
export interface CompiledRule {
  readonly id: string;
  readonly revision: number;
  readonly lo: number;
  readonly hiExclusive: number;
  readonly outside: boolean;
  readonly requiredFlags: number;
  readonly forbiddenFlags: number;
  /** Local minutes [windowStart, windowEnd), wrapping midnight when windowEnd < windowStart; [0, 1440) without a window. */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly durationMs: number;
  readonly maxGapMs: number;
  readonly cooldownMs: number;
}

/** A baseline the engine can use: anything else leaves baseline rules waiting, as no baseline does. */
export const isUsableBaseline = (baseline: Baseline | undefined): baseline is Baseline =>
  baseline !== undefined && Number.isFinite(baseline.mean) && Number.isFinite(baseline.sd) && baseline.sd >= 0;

/** `baseline` is required when the rule's threshold is relative to it (see isUsableBaseline). Throws for a threshold the operator cannot take. */
export function compileRule(rule: WatchRule, baseline?: Baseline): CompiledRule {
  const problems = thresholdProblems(rule.condition);
  if (problems.length > 0) throw new Error(`rule ${rule.id}: ${problems.map((p) => p.message).join('; ')}`);
  const { condition, context = {} } = rule;
  const [lo, hiExclusive] = inRange(condition, absoluteThreshold(rule, baseline));
  const window = context.timeOfDay;
  return {
    id: rule.id,
    revision: rule.revision,
    lo,
    hiExclusive,
    outside: condition.operator === 'outside',
    requiredFlags: (context.atRest === true ? AT_REST : 0) | (context.asleep === true ? ASLEEP : 0),
    forbiddenFlags: (context.atRest === false ? AT_REST : 0) | (context.asleep === false ? ASLEEP : 0),
    windowStart: window ? parseClockTime(window.from) : 0,
    windowEnd: window ? parseClockTime(window.to) : MINUTES_PER_DAY,
    durationMs: condition.duration * MINUTE_MS,
    maxGapMs: condition.maxGapMinutes * MINUTE_MS,
    cooldownMs: rule.cooldownMinutes * MINUTE_MS,
  };
}

function absoluteThreshold(rule: WatchRule, baseline: Baseline | undefined): Threshold {
  const { value, baseline: relative } = rule.condition;
  if (value !== undefined) return value;
  if (!isUsableBaseline(baseline)) throw new Error(`rule ${rule.id} is relative to a baseline and none was given`);
  const at = (sds: number) => baseline.mean + sds * baseline.sd;
  const sd = relative!.sd;
  return typeof sd === 'number' ? at(sd) : [at(sd[0]), at(sd[1])];
}

/** [lo, hiExclusive) of the readings the operator's comparison accepts (for `outside`, the ones it rejects). */
function inRange(condition: RuleCondition, threshold: Threshold): [number, number] {
  if (typeof threshold !== 'number') return [threshold[0], nextUp(threshold[1])];
  switch (condition.operator) {
    case '>':
      return [nextUp(threshold), Infinity];
    case '>=':
      return [threshold, Infinity];
    case '<':
      return [-Infinity, threshold];
    case '<=':
      return [-Infinity, nextUp(threshold)];
    default: // ==; the range operators took a pair above
      return [threshold, nextUp(threshold)];
  }
}
