/** The readings behind an alert: from the episode's first matching reading to the one that fired it. */
export interface Evidence {
  readonly from: number;
  readonly to: number;
  /** Readings in the episode so far; `samples` holds the last of them, up to the stream's evidence limit. */
  readonly sampleCount: number;
  readonly samples: readonly { readonly t: number; readonly value: number }[];
}

/** The condition has held for the rule's duration (and the cooldown is over). Times are sample times, epoch ms. */
export interface RuleFired {
  readonly kind: 'fired';
  readonly alertKey: string;
  readonly ruleId: string;
  readonly userId: string;
  readonly metric: string;
  /** The reading that completed the duration: evidence.to. */
  readonly at: number;
  readonly evidence: Evidence;
}

/** A fired episode is over: a reading no longer matched, or the data had a hole longer than the rule bridges. */
export interface RuleCleared {
  readonly kind: 'cleared';
  readonly alertKey: string;
  readonly ruleId: string;
  readonly userId: string;
  readonly metric: string;
  /** The reading that ended the episode. */
  readonly at: number;
  readonly episodeStart: number;
  /** The episode's last matching reading. */
  readonly lastMatchAt: number;
  readonly reason: 'condition_cleared' | 'data_gap';
}

export type RuleEvent = RuleFired | RuleCleared;

/** The same for every delivery of one episode's alert, so storing alerts by it is idempotent. */
export const alertKey = (ruleId: string, userId: string, episodeStart: number): string =>
  `${ruleId}:${userId}:${new Date(episodeStart).toISOString()}`;
