import { loggingStreaks, type LoggingStreaks } from '../../domain/analytics/index.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { InsightDeps } from './insight-deps.ts';
import { insightSubject } from './series/insight-subject.ts';

export type Streaks = LoggingStreaks & { today: string };

/**
 * Logging streaks over every metric the person records: a day counts when any metric counted
 * that day; a day with only not-worn data shows as such and breaks a streak.
 */
export async function getStreaks(deps: InsightDeps, ctx: RequestContext, userId?: string): Promise<Streaks> {
  return deps.tx.withTenant(ctx, async (sql) => {
    const { person, today } = await insightSubject(deps, sql, ctx, userId, 'streaks');
    const logged = await deps.insight.rollups.loggedDays(sql, person, today);
    return { today, ...loggingStreaks(logged.map((day) => ({ date: day.date, value: 1, status: day.status })), today) };
  });
}
