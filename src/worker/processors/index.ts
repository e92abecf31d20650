import type { ConnectionDeps } from '../../app/connections/connection-deps.ts';
import type { ImportDeps } from '../../app/imports/import-deps.ts';
import type { InsightDeps } from '../../app/insight/insight-deps.ts';
import type { IngestDeps } from '../../app/ingest/ingest-deps.ts';
import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import type { JobHandler, Mailer } from '../../app/ports.ts';
import type { JobName } from '../../contracts/jobs.ts';
import { connectionScheduleProcessor } from './connection-schedule.processor.ts';
import { connectionWebhookProcessor } from './connection-webhook.processor.ts';
import { deleteConnectionDataProcessor } from './delete-connection-data.processor.ts';
import { dispatchOwedNotificationsProcessor } from './dispatch-owed-notifications.processor.ts';
import { evaluateRulesProcessor } from './evaluate-rules.processor.ts';
import { nightlyCorrelationsProcessor } from './nightly-correlations.processor.ts';
import { normalizeSamplesProcessor } from './normalize-samples.processor.ts';
import { notificationDailySummaryProcessor } from './notification-daily-summary.processor.ts';
import { notificationWebhookProcessor } from './notification-webhook.processor.ts';
import { notifyAlertProcessor } from './notify-alert.processor.ts';
import { pruneLiveEventsProcessor } from './prune-live-events.processor.ts';
import { recomputeDailyProcessor } from './recompute-daily.processor.ts';
import { refreshCorrelationsProcessor } from './refresh-correlations.processor.ts';
import { runImportProcessor } from './run-import.processor.ts';
import { sendMailProcessor } from './send-mail.processor.ts';
import { syncConnectionProcessor } from './sync-connection.processor.ts';
import { webhookSubscriptionsProcessor } from './webhook-subscriptions.processor.ts';

export interface ProcessorDeps {
  mailer: Mailer;
  ingest: IngestDeps;
  imports: ImportDeps;
  insight: InsightDeps;
  connections: ConnectionDeps;
  monitoring: MonitoringDeps;
}

/** The handler for every job name; a job without one would sit in the queue forever. */
export function createProcessors(deps: ProcessorDeps): Record<JobName, JobHandler> {
  return {
    'mail.send.v1': sendMailProcessor(deps.mailer),
    'ingest.normalize.v1': normalizeSamplesProcessor(deps.ingest),
    'ingest.recompute-daily.v1': recomputeDailyProcessor(deps.ingest),
    'import.run.v1': runImportProcessor(deps.imports),
    'insight.refresh-correlations.v1': refreshCorrelationsProcessor(deps.insight),
    'insight.nightly-correlations.v1': nightlyCorrelationsProcessor(deps.insight),
    'connection.sync.v1': syncConnectionProcessor(deps.connections),
    'connection.webhook.v1': connectionWebhookProcessor(deps.connections),
    'connection.schedule.v1': connectionScheduleProcessor(deps.connections),
    'connection.delete-data.v1': deleteConnectionDataProcessor(deps.connections),
    'connection.webhook-subscriptions.v1': webhookSubscriptionsProcessor(deps.connections),
    'rules.evaluate.v1': evaluateRulesProcessor(deps.monitoring),
    'alerts.notify.v1': notifyAlertProcessor(deps.monitoring),
    'alerts.dispatch-owed.v1': dispatchOwedNotificationsProcessor(deps.monitoring),
    'notifications.webhook.v1': notificationWebhookProcessor(deps.monitoring),
    'notifications.daily-summary.v1': notificationDailySummaryProcessor(deps.monitoring),
    'monitoring.prune-live-events.v1': pruneLiveEventsProcessor(deps.monitoring),
  };
}
