import { RANGE_OPERATORS, type RuleCondition, type Threshold } from './rule.ts';
import { WATCHABLE_METRIC_IDS, watchableMetric } from './watchable-metric.ts';

export interface RuleProblem {
  /** Where in the condition, e.g. ['value', 1]. */
  readonly path: readonly (string | number)[];
  /** One line a person can act on; names the offending value. */
  readonly message: string;
}

/**
 * What is wrong with a condition beyond its shape (the contract checks types and ranges of
 * single fields): an unknown metric, a threshold that does not fit the operator, both or
 * neither kind of threshold, an absolute threshold the metric can never read. Empty when the
 * rule may be stored.
 */
export function conditionProblems(condition: RuleCondition): RuleProblem[] {
  const threshold = thresholdProblems(condition);
  const plausibility = threshold.length === 0 && condition.value !== undefined ? plausibilityProblems(condition.metric, condition.value) : [];
  return [...metricProblems(condition.metric), ...threshold, ...plausibility];
}

function metricProblems(id: string): RuleProblem[] {
  if (watchableMetric(id)) return [];
  const known = WATCHABLE_METRIC_IDS.join(', ');
  return [{ path: ['metric'], message: `"${id}" is not a metric a rule can watch; one of: ${known}` }];
}

/**
 * What keeps the engine from compiling the condition at all. A stored rule can lose its
 * metric or its plausibility when the catalog changes, but never this.
 */
export function thresholdProblems(condition: RuleCondition): RuleProblem[] {
  const { operator, value, baseline } = condition;
  if (value !== undefined && baseline !== undefined) {
    return [{ path: ['baseline'], message: 'give either value (an absolute threshold) or baseline (relative to the person), not both' }];
  }
  if (value === undefined && baseline === undefined) {
    return [{ path: ['value'], message: 'needs a threshold: value (absolute) or baseline (e.g. { "sd": 2 } for mean + 2 SD)' }];
  }
  if (baseline !== undefined && operator === '==') {
    return [{ path: ['operator'], message: '== needs an absolute value: a reading is almost never exactly mean + k SD' }];
  }
  const shape = shapeProblem(operator, value ?? baseline!.sd);
  return shape ? [{ path: value !== undefined ? ['value'] : ['baseline', 'sd'], message: shape }] : [];
}

function shapeProblem(operator: RuleCondition['operator'], threshold: Threshold): string | undefined {
  const wantsRange = RANGE_OPERATORS.includes(operator);
  if (typeof threshold === 'number') return wantsRange ? `${operator} needs a range [lo, hi], got ${threshold}` : undefined;
  if (!wantsRange) return `${operator} compares with one number, got [${threshold.join(', ')}]; use between or outside for a range`;
  const [lo, hi] = threshold;
  return lo < hi ? undefined : `the range must be [lo, hi] with lo < hi, got [${lo}, ${hi}]`;
}

/** An absolute threshold outside what the metric can plausibly read is a unit mistake (°F for °C, a fraction for %). */
function plausibilityProblems(metricId: string, value: Threshold): RuleProblem[] {
  const metric = watchableMetric(metricId);
  if (!metric) return [];
  const { min, max } = metric.range;
  const values = typeof value === 'number' ? [value] : value;
  return values.flatMap((v, i) =>
    v >= min && v <= max
      ? []
      : [{ path: typeof value === 'number' ? ['value'] : ['value', i], message: `${v} is outside ${metric.id}'s plausible range ${min}–${max} ${metric.unit}` }],
  );
}
