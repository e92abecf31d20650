import {
  addDays,
  checkRiskFlags,
  readinessScores,
  type CorrelationFinding,
  type DailySeries,
  type ScoreResult,
  type READINESS_VERSION,
} from '../../../domain/analytics/index.ts';
import { getMetric } from '../../../domain/metrics/index.ts';
import { HRV, readinessInputs, RESTING_HR, riskFlagInputs, SLEEP, STEPS } from '../series/analytics-inputs.ts';
import { scoreSeries } from '../series/score-series.ts';
import { dashboardTile, SPARKLINE_DAYS, type DashboardTile } from './dashboard-tile.ts';
import { topInsights, type DashboardInsight } from './dashboard-insights.ts';

/** Readiness needs 21 days of baseline before each of the 7 + 28 days its tile shows, and yesterday's steps before that. */
export const DASHBOARD_LOOKBACK_DAYS = 56;
const READINESS_TILE_DAYS = SPARKLINE_DAYS + 28;

export interface DashboardSummary {
  userId: string;
  today: string;
  /** When it was computed. */
  asOf: string;
  /** Sleep, HRV, resting heart rate, steps (so far today) and readiness. */
  tiles: DashboardTile[];
  /** Today's readiness with its components, or why there is none. */
  readiness: ScoreResult<typeof READINESS_VERSION>;
  insights: DashboardInsight[];
  openAlerts: number;
}

export interface DashboardInputs {
  userId: string;
  today: string;
  asOf: string;
  series: ReadonlyMap<string, DailySeries>;
  findings: readonly CorrelationFinding[];
  openAlerts: number;
}

const unitOf = (metric: string) => getMetric(metric)?.unit ?? '';

/** Today against the person's baseline, the week behind it, and what stands out. */
export function dashboardSummary(inputs: DashboardInputs): DashboardSummary {
  const { today, series } = inputs;
  const readiness = readinessScores(readinessInputs(series), addDays(today, 1 - READINESS_TILE_DAYS), today);
  const risks = checkRiskFlags(riskFlagInputs(series), today);
  return {
    userId: inputs.userId,
    today,
    asOf: inputs.asOf,
    tiles: [
      ...[SLEEP, HRV, RESTING_HR, STEPS].map((metric) => dashboardTile(metric, unitOf(metric), series.get(metric) ?? [], today)),
      dashboardTile('readiness', '{score}', scoreSeries(readiness), today),
    ],
    readiness: readiness[readiness.length - 1]!,
    insights: topInsights(risks, inputs.findings),
    openAlerts: inputs.openAlerts,
  };
}
