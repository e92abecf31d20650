import type { MonitoringDeps } from '../monitoring-deps.ts';
import { queueOwedNotifications } from './queue-owed-notifications.ts';

const PAGE = 500;
export type SweepDeps = Pick<MonitoringDeps, 'tx' | 'monitoring' | 'queue' | 'clock'>;

/**
 * Queues the notifications of every tenant's alerts stored before `recordedBefore` that still
 * owe them (a process died between storing an alert and queueing its job, or its job has not
 * finished). Reads across tenants, so as the system. Returns how many it queued (or found queued).
 */
export async function sweepOwedNotifications(deps: SweepDeps, recordedBefore: Date): Promise<number> {
  let after: string | undefined;
  let seen = 0;
  for (;;) {
    const page = await deps.tx.withSystem('monitoring: find alerts whose notifications a crash left unqueued (sweep)', (sql) =>
      deps.monitoring.alerts.owedNotificationsEverywhere(sql, { recordedBefore, ...(after !== undefined && { after }), limit: PAGE }),
    );
    await queueOwedNotifications(deps, page);
    seen += page.length;
    if (page.length < PAGE) return seen;
    after = page[page.length - 1]!.alertId;
  }
}
