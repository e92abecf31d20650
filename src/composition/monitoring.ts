import { SAMPLES_INGESTED, type IngestDeps } from '../app/ingest/ingest-deps.ts';
import { requestEvaluation } from '../app/monitoring/evaluation/request-evaluation.ts';
import { LiveFeed } from '../app/monitoring/live/live-feed.ts';
import { pruneSchedule } from '../app/monitoring/live/prune-live-events.ts';
import type { MonitoringDeps } from '../app/monitoring/monitoring-deps.ts';
import { dispatchSchedule } from '../app/monitoring/notifications/dispatch-owed-notifications.ts';
import { sweepOwedNotifications } from '../app/monitoring/notifications/sweep-owed-notifications.ts';
import type { SecretBox } from '../app/ports.ts';
import { fetchWebhookSender } from '../adapters/webhooks/fetch-webhook-sender.ts';
import type { Config } from '../config.ts';
import { events } from '../contracts/events.ts';
import { monitoringRepos } from '../db/repos/monitoring-repos.ts';

const HOUR_MS = 3_600_000;
/** Readings older than this when they fire are a backfill's: their alerts are recorded, nobody is paged. */
const LIVE_HORIZON_MS = 6 * HOUR_MS;
/** A stream can resume (Last-Event-ID) from events up to a day old. */
const LIVE_EVENT_RETENTION_MS = 24 * HOUR_MS;

/**
 * Monitoring on this node: every stored batch (samples.ingested, heard on every node) queues
 * its person's rule evaluation — the job id makes the nodes' copies one job — and this node's
 * stream connections hear about new live events from any node. Also starts the hourly prune
 * of the live event log and the dispatcher of owed notifications, and queues the notifications
 * a crash left owed (the start-up sweep).
 */
export async function openMonitoring(config: Config, ingest: IngestDeps, parts: { secretBox: SecretBox; publicUrl: () => string }): Promise<MonitoringDeps> {
  const live = new LiveFeed({ tx: ingest.tx, liveEvents: monitoringRepos.liveEvents, pubsub: ingest.pubsub, logger: ingest.logger });
  const monitoring: MonitoringDeps = {
    ...ingest,
    monitoring: monitoringRepos,
    secretBox: parts.secretBox,
    webhookSender: fetchWebhookSender(),
    live,
    monitoringSettings: {
      liveHorizonMs: LIVE_HORIZON_MS,
      liveEventRetentionMs: LIVE_EVENT_RETENTION_MS,
      streamMaxMs: config.ACCESS_TOKEN_TTL_SECONDS * 1000,
      publicUrl: parts.publicUrl,
    },
  };
  await ingest.pubsub.subscribe(SAMPLES_INGESTED, (message) => requestEvaluation(monitoring, events['samples.ingested'].parse(message)));
  await live.start();
  for (const periodic of [pruneSchedule, dispatchSchedule]) await periodic.schedule(monitoring, periodic.nextSlot(monitoring.clock.now()));
  const owed = await sweepOwedNotifications(monitoring, monitoring.clock.now());
  if (owed > 0) ingest.logger.info({ alerts: owed }, 'queued the notifications of alerts that still owed them');
  return monitoring;
}
