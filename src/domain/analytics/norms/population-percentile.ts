import { unavailable, type StatResult } from '../stats/stat-result.ts';
import { NORM_TABLES, type NormMeasure, type NormSource, type NormTable, type Sex } from './norm-tables.ts';

export interface PopulationPercentile {
  /** Share of the reference group with a lower value, 0–100, interpolated between published percentiles. */
  readonly percentile: number;
  /** `below` / `above`: beyond the table's ends, so the percentile is a bound (say "under 5th"). */
  readonly position: 'within' | 'below' | 'above';
  readonly group: { readonly sex: Sex; readonly ageFrom: number; readonly ageTo: number };
  readonly source: NormSource;
  /** For resting heart rate lower is the healthier direction; for VO2max higher. */
  readonly higherIsBetter: boolean;
}

export interface PercentileQuery {
  readonly measure: NormMeasure;
  readonly value: number;
  readonly ageYears: number;
  readonly sex: Sex;
}

const HIGHER_IS_BETTER: Readonly<Record<NormMeasure, boolean>> = { vo2max: true, resting_heart_rate: false };

function interpolate(table: NormTable, value: number): Pick<PopulationPercentile, 'percentile' | 'position'> {
  const { anchors } = table;
  const [lowestPercentile, lowestValue] = anchors[0]!;
  const [highestPercentile, highestValue] = anchors[anchors.length - 1]!;
  if (value < lowestValue) return { percentile: lowestPercentile, position: 'below' };
  if (value > highestValue) return { percentile: highestPercentile, position: 'above' };
  const upper = anchors.findIndex(([, anchorValue]) => anchorValue >= value);
  const [p1, v1] = anchors[upper]!;
  const [p0, v0] = anchors[Math.max(0, upper - 1)]!;
  const percentile = v1 === v0 ? p1 : p0 + ((value - v0) / (v1 - v0)) * (p1 - p0);
  return { percentile, position: 'within' };
}

/** Where a value falls among published norms for the person's age and sex. */
export function populationPercentile(query: PercentileQuery): StatResult<PopulationPercentile, 'no norms for this age' | 'not a finite value'> {
  if (!Number.isFinite(query.value)) return unavailable('not a finite value');
  const table = NORM_TABLES.find((t) => t.measure === query.measure && t.sex === query.sex && query.ageYears >= t.ageFrom && query.ageYears < t.ageTo + 1);
  if (!table) return unavailable('no norms for this age');
  return {
    ok: true,
    ...interpolate(table, query.value),
    group: { sex: table.sex, ageFrom: table.ageFrom, ageTo: table.ageTo },
    source: table.source,
    higherIsBetter: HIGHER_IS_BETTER[query.measure],
  };
}
