import { addDays, baselineBefore, datesBetween, indexByDate, type Baseline, type DailySeries, type DayState } from '../../../domain/analytics/index.ts';

export const SPARKLINE_DAYS = 7;

export interface SparkDay {
  date: string;
  value: number | null;
  state: DayState;
}

/** Today against the baseline band; absent when either is missing. */
export interface VersusBaseline {
  difference: number;
  /** Relative to the baseline mean; absent when that mean is 0. */
  relative?: number;
  /** In baseline SDs; absent when the baseline has no spread. */
  z?: number;
  /** Inside mean ± 1 SD. */
  withinBand: boolean;
}

export interface DashboardTile {
  id: string;
  unit: string;
  today: SparkDay;
  /** The 28 days before today; not enough days says so. */
  baseline: Baseline;
  versusBaseline: VersusBaseline | null;
  /** The last 7 days, oldest first, today last. */
  sparkline: SparkDay[];
}

function versus(value: number | null, baseline: Baseline): VersusBaseline | null {
  if (value === null || !baseline.ok) return null;
  const difference = value - baseline.mean;
  return {
    difference,
    ...(baseline.mean === 0 ? {} : { relative: difference / Math.abs(baseline.mean) }),
    ...(baseline.sd === 0 ? {} : { z: difference / baseline.sd }),
    withinBand: value >= baseline.low && value <= baseline.high,
  };
}

/** One metric's tile: today's value against the 28 days before, and the week's sparkline. */
export function dashboardTile(id: string, unit: string, series: DailySeries, today: string): DashboardTile {
  const index = indexByDate(series);
  const sparkline = datesBetween(addDays(today, 1 - SPARKLINE_DAYS), today).map((date): SparkDay => {
    const entry = index.get(date);
    return { date, value: entry?.value ?? null, state: entry?.state ?? 'missing' };
  });
  const todayEntry = sparkline[sparkline.length - 1]!;
  const baseline = baselineBefore(index, today);
  return { id, unit, today: todayEntry, baseline, versusBaseline: versus(todayEntry.state === 'ok' ? todayEntry.value : null, baseline), sparkline };
}
