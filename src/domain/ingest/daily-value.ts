/** One value per (person, metric, local day), with where it came from. */
export interface DailyValue {
  readonly metric: string;
  readonly date: string;
  readonly unit: string;
  /**
   * Additive metrics: the merged total. Sleep stages: minutes asleep. Others: the metric's
   * aggregation (mean, last, ...) over the winning source's samples.
   */
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  /** Samples behind `value`. */
  readonly count: number;
  /** `not_worn`: only not-worn data that day; shown, but left out of averages. */
  readonly status: 'ok' | 'not_worn';
  /** Sleep stages: minutes per stage (and `asleep`, `in_bed`) of the winning source. */
  readonly byCategory?: Readonly<Record<string, number>>;
  /** Every source with data that day, highest priority first. */
  readonly sources: readonly SourceContribution[];
}

export interface SourceContribution {
  readonly source: string;
  /** Position among the day's sources, 0 = highest priority. */
  readonly rank: number;
  readonly samples: number;
  /** The source's own value for the day on its own: its daily total if it gave one. */
  readonly total: number;
  /** What it added to the day's value. */
  readonly contributed: number;
  /** Additive metrics: the part of `total` hidden by higher-priority sources' overlap. */
  readonly dropped?: number;
  readonly used: boolean;
  /** The source gave a daily total and intraday values; this is the intraday sum beside it. */
  readonly intradayTotal?: number;
  readonly notWorn?: boolean;
}

export function countsTowardAverages(day: Pick<DailyValue, 'status'>): boolean {
  return day.status === 'ok';
}

/** Mean of daily values, leaving out not-worn days; undefined when none count. */
export function averageOfDays(days: ReadonlyArray<Pick<DailyValue, 'status' | 'value'>>): number | undefined {
  const counted = days.filter(countsTowardAverages).map((d) => d.value);
  return counted.length === 0 ? undefined : counted.reduce((a, b) => a + b, 0) / counted.length;
}
