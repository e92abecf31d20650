import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import { dispatchOwedNotifications } from '../../app/monitoring/notifications/dispatch-owed-notifications.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** The dispatcher of notifications a crash left unqueued (a platform job: no tenant). */
export function dispatchOwedNotificationsProcessor(deps: MonitoringDeps): JobHandler {
  return async (job) => {
    await dispatchOwedNotifications(deps, jobs['alerts.dispatch-owed.v1'].parse(job.payload).slot);
  };
}
