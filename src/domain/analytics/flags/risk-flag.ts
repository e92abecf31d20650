export type RiskFlagKind = 'illness_onset' | 'overreaching' | 'sleep_debt';

export interface RiskFlag<Kind extends RiskFlagKind, Evidence> {
  readonly kind: Kind;
  /** The rule set that raised it, so a changed rule never silently reinterprets old flags. */
  readonly version: `${Kind}.v${number}`;
  /** The day the flag is raised for. */
  readonly date: string;
  /** `likely` when the rule's stronger condition also holds (see docs/scores.md). */
  readonly strength: 'possible' | 'likely';
  /** Why, in one or two plain sentences. */
  readonly sentence: string;
  /** The days whose data raised it. */
  readonly days: readonly string[];
  readonly evidence: Evidence;
}

export type FlagCheck<Flag> =
  | { readonly raised: true; readonly flag: Flag }
  | { readonly raised: false; readonly reason: 'within normal range' | 'not enough data' };

export const NOT_ENOUGH_DATA = { raised: false, reason: 'not enough data' } as const;
export const WITHIN_NORMAL_RANGE = { raised: false, reason: 'within normal range' } as const;

/** A number as a sentence shows it: at most one decimal, none when whole. */
export function plainNumber(value: number, decimals = 1): string {
  return String(Number(value.toFixed(decimals)));
}
