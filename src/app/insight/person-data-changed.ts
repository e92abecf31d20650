import type { PersonRef } from '../ports.ts';
import { scheduleCorrelationRefresh } from './correlations/schedule-correlation-refresh.ts';
import { invalidateDashboard } from './dashboard/dashboard-cache.ts';
import type { InsightDeps } from './insight-deps.ts';

/** New data of a person (a stored sample batch, a journal write): their dashboard is stale, their correlations due. */
export async function personDataChanged(deps: Pick<InsightDeps, 'cache' | 'ids' | 'queue' | 'clock' | 'insightSettings'>, person: PersonRef): Promise<void> {
  await Promise.all([invalidateDashboard(deps.cache, person, deps.ids.newId(), deps.insightSettings.dashboardTtlMs), scheduleCorrelationRefresh(deps, person)]);
}
