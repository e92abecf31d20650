import {
  addDays,
  findCorrelations,
  readinessScores,
  SCORE_BASELINE,
  READINESS_SERIES_ID,
  type CorrelationVariable,
  type DailySeries,
} from '../../../domain/analytics/index.ts';
import { checkInVariables } from '../../../domain/journal/check-in-series.ts';
import type { PersonRef, Sql } from '../../ports.ts';
import { invalidateDashboard } from '../dashboard/dashboard-cache.ts';
import type { CorrelationReportRecord } from '../insight-ports.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { localTodayOf } from '../series/insight-subject.ts';
import { BODY_METRICS, readinessInputs } from '../series/analytics-inputs.ts';
import { readDailySeries } from '../series/read-daily-series.ts';
import { scoreSeries } from '../series/score-series.ts';
import { BEHAVIOUR_DRIVERS, CORRELATION_OUTCOMES, CORRELATION_REPORT_VERSION, CORRELATION_WINDOW_DAYS } from './correlation-variables.ts';

const SERIES_METRICS = [...new Set([...BEHAVIOUR_DRIVERS, ...BODY_METRICS])];
/** Sleep totals may exist only as stage intervals. */
const DATA_METRICS = [...SERIES_METRICS, 'sleep_stage'];

const within = (series: DailySeries | undefined, from: string): DailySeries => (series ?? []).filter((point) => point.date >= from);

type Analysis = Pick<CorrelationReportRecord, 'dataFrom' | 'dataTo' | 'findings' | 'skippedCount'>;

const NO_DATA: Analysis = { dataFrom: null, dataTo: null, findings: [], skippedCount: 0 };

async function analyse(deps: InsightDeps, sql: Sql, person: PersonRef, end: string): Promise<Analysis> {
  const from = addDays(end, 1 - CORRELATION_WINDOW_DAYS);
  // Readiness on the first day needs its baseline, and the steps of the day before theirs.
  const series = await readDailySeries(deps, sql, person, SERIES_METRICS, addDays(from, -(SCORE_BASELINE.windowDays + 1)), end);
  const readiness = readinessScores(readinessInputs(series), from, end);
  const outcomeSeries = new Map<string, DailySeries>([...series, [READINESS_SERIES_ID, scoreSeries(readiness)]]);
  const drivers: CorrelationVariable[] = [
    ...BEHAVIOUR_DRIVERS.map((id) => ({ id, series: within(series.get(id), from) })),
    ...checkInVariables(await deps.insight.journal.checkIns(sql, person, from, end)),
  ];
  const outcomes = CORRELATION_OUTCOMES.map((id) => ({ id, series: within(outcomeSeries.get(id), from) }));
  const { findings, skipped } = findCorrelations({ drivers, outcomes });
  return { dataFrom: from, dataTo: end, findings: [...findings], skippedCount: skipped.length };
}

/**
 * Recomputes and stores a person's correlations (the refresh job, run as that person): every
 * driver against every outcome at lags 0 and 1 over the year up to their latest data, with
 * Benjamini–Hochberg control across all of it. Idempotent; the dashboard's insights follow.
 */
export async function refreshCorrelations(deps: InsightDeps, person: PersonRef): Promise<CorrelationReportRecord> {
  const report = await deps.tx.withTenant(person, async (sql) => {
    const { today } = await localTodayOf(deps, sql, person);
    const end = await deps.insight.rollups.latestDate(sql, person, DATA_METRICS, today);
    const analysis = end === undefined ? NO_DATA : await analyse(deps, sql, person, end);
    const stored: CorrelationReportRecord = { version: CORRELATION_REPORT_VERSION, computedAt: deps.clock.now().toISOString(), ...analysis };
    await deps.insight.correlationReports.save(sql, person, stored);
    return stored;
  });
  await invalidateDashboard(deps.cache, person, deps.ids.newId(), deps.insightSettings.dashboardTtlMs);
  return report;
}
