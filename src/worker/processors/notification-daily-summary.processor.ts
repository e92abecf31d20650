import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import { sendDailySummary } from '../../app/monitoring/notifications/send-daily-summary.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** A person's daily summary email; queues the next day's. */
export function notificationDailySummaryProcessor(deps: MonitoringDeps): JobHandler {
  return async (job) => {
    await sendDailySummary(deps, jobs['notifications.daily-summary.v1'].parse(job.payload));
  };
}
