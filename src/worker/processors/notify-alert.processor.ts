import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import { notifyAlert } from '../../app/monitoring/notifications/notify-alert.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Tells the people an alert concerns (inbox, email, the tenant's webhook). */
export function notifyAlertProcessor(deps: MonitoringDeps): JobHandler {
  return async (job) => {
    await notifyAlert(deps, jobs['alerts.notify.v1'].parse(job.payload));
  };
}
