import type { EventOf } from '../../contracts/events.ts';
import { invalidateDashboards } from './dashboard/dashboard-cache.ts';
import type { InsightDeps } from './insight-deps.ts';
import { personDataChanged } from './person-data-changed.ts';

/**
 * A setting that shapes the person's days changed. A new time zone moves "today" in each of
 * their tenants: every dashboard of theirs is stale. A new source priority is recomputing a
 * metric's daily values in one tenant: as new data there.
 */
export async function personSettingsChanged(deps: Pick<InsightDeps, 'cache' | 'ids' | 'queue' | 'clock' | 'insightSettings'>, change: EventOf<'person.settings-changed'>): Promise<void> {
  if (change.setting === 'time_zone') await invalidateDashboards(deps.cache, change, deps.ids.newId(), deps.insightSettings.dashboardTtlMs);
  else await personDataChanged(deps, { tenantId: change.tenantId, userId: change.userId });
}
