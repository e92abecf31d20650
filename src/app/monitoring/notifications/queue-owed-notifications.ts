import { NOTIFY_ALERT_JOB, type MonitoringDeps } from '../monitoring-deps.ts';
import type { OwedNotification } from '../monitoring-ports.ts';

/**
 * Queues the notification job of each alert that still owes its notifications. The job id is
 * the alert's, so queueing one again while it waits, runs or after it ran adds nothing: the
 * evaluation, the start-up sweep and the dispatcher may all hand on the same alert.
 */
export async function queueOwedNotifications(deps: Pick<MonitoringDeps, 'queue'>, owed: readonly OwedNotification[]): Promise<void> {
  for (const { tenantId, userId, alertId } of owed) {
    await deps.queue.enqueue(NOTIFY_ALERT_JOB, { tenantId, userId, alertId }, { jobId: `alert-notify:${alertId}` });
  }
}
