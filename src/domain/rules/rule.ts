/** How a reading is compared with a rule's threshold. `between` takes [lo, hi], both ends included; `outside` is its complement. */
export const RULE_OPERATORS = ['>', '<', '>=', '<=', '==', 'between', 'outside'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export const RANGE_OPERATORS: readonly RuleOperator[] = ['between', 'outside'];

export const ACTION_TYPES = ['alert', 'notification', 'doctor_ping'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One number, or [lo, hi] for the range operators. */
export type Threshold = number | readonly [number, number];

export interface RuleCondition {
  readonly metric: string;
  readonly operator: RuleOperator;
  /** An absolute threshold, in the metric's canonical unit. Exactly one of `value` and `baseline`. */
  readonly value?: Threshold;
  /**
   * A threshold relative to the person's own baseline, in standard deviations from their mean:
   * `{ sd: 2 }` with `>` is "above mean + 2 SD"; `{ sd: [-1, 1] }` with `outside` is "more than
   * 1 SD either side of the mean".
   */
  readonly baseline?: { readonly sd: Threshold };
  /** Minutes the condition must hold without a break before the rule fires; 0 fires on one reading. */
  readonly duration: number;
  /** The longest hole between two readings that still counts as holding throughout. */
  readonly maxGapMinutes: number;
}

/** When the rule applies; a reading outside it breaks a run as a non-matching one does. */
export interface RuleContext {
  /** true: only at rest; false: only when not at rest; absent: either. */
  readonly atRest?: boolean;
  /** true: only asleep; false: only awake; absent: either. */
  readonly asleep?: boolean;
  /** A window of the person's local time, `from` inclusive, `to` exclusive, `HH:MM`; wraps midnight when to < from. */
  readonly timeOfDay?: { readonly from: string; readonly to: string };
}

/** What the engine needs of a stored rule. */
export interface WatchRule {
  readonly id: string;
  /** Changes whenever the rule is edited: an episode saved under another revision is not carried on. */
  readonly revision: number;
  readonly condition: RuleCondition;
  readonly context?: RuleContext;
  /** After a rule fires for a person, it does not fire again for them for this many minutes. */
  readonly cooldownMinutes: number;
}

/** A person's usual level of a metric, computed by the caller (e.g. over their last 30 days). */
export interface Baseline {
  readonly mean: number;
  readonly sd: number;
}

export const MAX_DURATION_MINUTES = 1440;
/** Watches write background heart rate every few minutes, with jitter: 10 minutes bridges that, not a watch taken off. */
export const DEFAULT_MAX_GAP_MINUTES = 10;
export const DEFAULT_COOLDOWN_MINUTES = 60;
export const MAX_COOLDOWN_MINUTES = 7 * 1440;

export const usesBaseline = (rule: WatchRule): boolean => rule.condition.baseline !== undefined;
