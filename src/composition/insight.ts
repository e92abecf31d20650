import { nightlySchedule } from '../app/insight/correlations/nightly-correlations.ts';
import { alertsChanged } from '../app/insight/dashboard/alerts-changed.ts';
import type { InsightDeps } from '../app/insight/insight-deps.ts';
import type { AlertReads } from '../app/insight/insight-ports.ts';
import { personDataChanged } from '../app/insight/person-data-changed.ts';
import { personSettingsChanged } from '../app/insight/person-settings-changed.ts';
import { SETTINGS_CHANGED } from '../app/ingest/announce-settings-changed.ts';
import { SAMPLES_INGESTED, type IngestDeps } from '../app/ingest/ingest-deps.ts';
import type { Cache, SecretBox } from '../app/ports.ts';
import { events } from '../contracts/events.ts';
import { alertRepo } from '../db/repos/alert.repo.ts';
import { insightRepos } from '../db/repos/insight-repos.ts';

/** Changes invalidate it as they land; the TTL only bounds what an invalidation could miss (a lost pub/sub message). */
const DASHBOARD_TTL_MS = 5 * 60_000;
/** Long enough for a sync or most imports to finish landing before the automatic correlation run. */
const CORRELATION_REFRESH_DELAY_MS = 30 * 60_000;

/** Monitoring's alerts, read in the insight request's own transaction (one per request; PGlite cannot nest them). */
const alertReads: AlertReads = { countOpen: (sql, person) => alertRepo.countUnresolved(sql, person) };

/**
 * The insight services, subscribed on this node to `samples.ingested` (a stored batch makes the
 * person's dashboard stale and their correlations due), `person.settings-changed` (a new time
 * zone or source priority: their dashboards are stale) and monitoring's `monitoring.live` (an
 * alert that opened or changed makes its person's dashboard stale). Every node subscribes,
 * so an in-process cache is invalidated wherever it lives; the refresh job is deduplicated by its id.
 * Also queues the next nightly refresh of stale correlation reports.
 */
export async function openInsight(ingest: IngestDeps, parts: { cache: Cache; secretBox: SecretBox }): Promise<InsightDeps> {
  const insight: InsightDeps = {
    ...ingest,
    insight: insightRepos,
    cache: parts.cache,
    secretBox: parts.secretBox,
    alerts: alertReads,
    insightSettings: { dashboardTtlMs: DASHBOARD_TTL_MS, correlationRefreshDelayMs: CORRELATION_REFRESH_DELAY_MS },
  };
  await ingest.pubsub.subscribe(SAMPLES_INGESTED, (message) => {
    const { tenantId, userId } = events['samples.ingested'].parse(message);
    return personDataChanged(insight, { tenantId, userId });
  });
  await ingest.pubsub.subscribe(SETTINGS_CHANGED, (message) => personSettingsChanged(insight, events[SETTINGS_CHANGED].parse(message)));
  await ingest.pubsub.subscribe('monitoring.live', (message) => alertsChanged(insight, events['monitoring.live'].parse(message)));
  await nightlySchedule.schedule(insight, nightlySchedule.nextSlot(insight.clock.now()));
  return insight;
}
