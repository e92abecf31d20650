import type { InsightDeps } from '../app/insight/insight-deps.ts';
import type { OpenAlerts } from '../app/insight/insight-ports.ts';
import { personDataChanged } from '../app/insight/person-data-changed.ts';
import { SAMPLES_INGESTED, type IngestDeps } from '../app/ingest/ingest-deps.ts';
import type { Cache, SecretBox } from '../app/ports.ts';
import { events } from '../contracts/events.ts';
import { insightRepos } from '../db/repos/insight-repos.ts';

/** New data invalidates within a request; the TTL only bounds what an invalidation could miss (a changed source priority). */
const DASHBOARD_TTL_MS = 5 * 60_000;
/** Long enough for a sync or most imports to finish landing before the automatic correlation run. */
const CORRELATION_REFRESH_DELAY_MS = 30 * 60_000;

/** Monitoring (rules and their alerts) is not built yet: until it is, nobody has an open alert. */
const noAlertsBeforeMonitoring: OpenAlerts = { countOpen: async () => 0 };

/**
 * The insight services, subscribed to `samples.ingested` on this node: a stored batch makes the
 * person's dashboard stale and their correlations due. Every node subscribes, so an in-process
 * cache is invalidated wherever it lives; the refresh job is deduplicated by its id.
 */
export async function openInsight(ingest: IngestDeps, parts: { cache: Cache; secretBox: SecretBox }): Promise<InsightDeps> {
  const insight: InsightDeps = {
    ...ingest,
    insight: insightRepos,
    cache: parts.cache,
    secretBox: parts.secretBox,
    alerts: noAlertsBeforeMonitoring,
    insightSettings: { dashboardTtlMs: DASHBOARD_TTL_MS, correlationRefreshDelayMs: CORRELATION_REFRESH_DELAY_MS },
  };
  await ingest.pubsub.subscribe(SAMPLES_INGESTED, (message) => {
    const { tenantId, userId } = events['samples.ingested'].parse(message);
    return personDataChanged(insight, { tenantId, userId });
  });
  return insight;
}
