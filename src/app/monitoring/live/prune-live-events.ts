import { platformSchedule } from '../../platform-schedule.ts';
import { PRUNE_LIVE_EVENTS_JOB, type MonitoringDeps } from '../monitoring-deps.ts';

/** Hourly. */
export const pruneSchedule = platformSchedule(PRUNE_LIVE_EVENTS_JOB, 'prune-live-events', 3_600_000);

/**
 * Hourly: drops every tenant's live events older than the resume window (a platform job, so a
 * system transaction), after queueing the next hour's run. A stream resuming from an id older
 * than the window gets what is left.
 */
export async function pruneLiveEvents(deps: MonitoringDeps, slot: number): Promise<number> {
  await pruneSchedule.scheduleAfter(deps, slot);
  const before = new Date(deps.clock.now().getTime() - deps.monitoringSettings.liveEventRetentionMs);
  return deps.tx.withSystem('prune live events past the resume window', (sql) => deps.monitoring.liveEvents.prune(sql, before));
}
