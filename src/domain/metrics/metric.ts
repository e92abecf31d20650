/**
 * instant: a reading at a moment (heart rate, weight).
 * interval: a quantity accumulated over [start, end) (steps, energy, a sleep stage).
 * daily: one value per local day by definition (a vendor score, a night's sleep total).
 */
export type MetricKind = 'instant' | 'interval' | 'daily';

/**
 * How one source's samples of a day become its daily value. `duration` sums the time covered
 * by categorical intervals (sleep stages) without counting overlaps twice.
 */
export type DailyAggregation = 'sum' | 'duration' | 'mean' | 'min' | 'max' | 'last';

/** Which local date a sample belongs to; see ../ingest/local-day.ts. */
export type LocalDayRule = 'start' | 'sleep';

export interface MetricDefinition {
  /** Stable snake_case id; clients and stored rows depend on it. */
  readonly id: string;
  readonly name: string;
  /** Canonical UCUM unit; every stored value is in it. */
  readonly unit: string;
  readonly kind: MetricKind;
  readonly aggregation: DailyAggregation;
  /**
   * Additive interval metrics merge overlapping intervals across sources (the higher-priority
   * source wins the overlap). Other metrics take the highest-priority source with data.
   */
  readonly additive: boolean;
  /** Plausible range of one sample, inclusive, in the canonical unit. */
  readonly range: { readonly min: number; readonly max: number };
  /** Only where a LOINC code is certain; undefined otherwise (RMSSD has none). */
  readonly loinc?: string;
  readonly localDay: LocalDayRule;
  /** Longest plausible [start, end) of one sample. */
  readonly maxDurationHours: number;
  /** Sleep sessions and stages need an end: their value depends on it. */
  readonly requiresEnd: boolean;
  /** Highest plausible rate of an additive quantity, per minute, checked on intervals >= 1 min. */
  readonly maxPerMinute?: number;
  /** A temperature difference: converts by scale only (1 degF of deviation = 5/9 Cel). */
  readonly difference?: boolean;
  /** g/mol, for mass <-> molar concentration. */
  readonly molarMass?: number;
  /** Spellings that mean the canonical unit for this metric only (Apple writes BMI as "count"). */
  readonly unitAliases?: Readonly<Record<string, string>>;
  /** Categorical metrics: the value names one of these; the stored value is the minutes. */
  readonly categories?: readonly string[];
  /** Vendor whose proprietary score this is; never merged with another vendor's score. */
  readonly vendor?: string;
  /**
   * What a sample may carry beside its value: a workout's statistics (`workout`), the
   * beat-to-beat series an HRV value was computed from (`beat_series`). Never summed into
   * another metric.
   */
  readonly details?: 'workout' | 'beat_series';
}
