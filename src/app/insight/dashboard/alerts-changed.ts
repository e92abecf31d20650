import type { InsightDeps } from '../insight-deps.ts';
import { invalidateDashboard } from './dashboard-cache.ts';

export type Announcement = { tenantId: string; alertsChangedFor: string[] };

/**
 * Monitoring announces (`monitoring.live`) whose alerts opened or changed; their dashboards are
 * invalidated, so the open-alert count is right on their next read. A lost announcement leaves
 * a count stale for the dashboard's TTL at most.
 */
export async function alertsChanged(deps: Pick<InsightDeps, 'cache' | 'ids' | 'insightSettings'>, { tenantId, alertsChangedFor }: Announcement): Promise<void> {
  await Promise.all(
    [...new Set(alertsChangedFor)].map((userId) => invalidateDashboard(deps.cache, { tenantId, userId }, deps.ids.newId(), deps.insightSettings.dashboardTtlMs)),
  );
}
