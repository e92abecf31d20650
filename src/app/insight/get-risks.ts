import { addDays, checkRiskFlags, type RiskFlagChecks } from '../../domain/analytics/index.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { InsightDeps } from './insight-deps.ts';
import { insightSubject } from './series/insight-subject.ts';
import { BODY_METRICS, riskFlagInputs } from './series/analytics-inputs.ts';
import { readDailySeries } from './series/read-daily-series.ts';

/** The longest look back of any rule: overreaching's 7 acute and 28 chronic days; illness onset's 28-day baselines of yesterday. */
const RISK_LOOKBACK_DAYS = 35;

export interface Risks {
  date: string;
  checks: RiskFlagChecks;
}

/**
 * Today's risk flags (illness onset, overreaching, sleep debt), each raised with why and the days
 * behind it, or not with the reason. Steps are the training load.
 */
export async function getRisks(deps: InsightDeps, ctx: RequestContext, userId?: string): Promise<Risks> {
  return deps.tx.withTenant(ctx, async (sql) => {
    const { person, today } = await insightSubject(deps, sql, ctx, userId, 'risks');
    const series = await readDailySeries(deps, sql, person, BODY_METRICS, addDays(today, -RISK_LOOKBACK_DAYS), today);
    return { date: today, checks: checkRiskFlags(riskFlagInputs(series), today) };
  });
}
