import { NO_TENANT } from '../../../contracts/jobs.ts';
import { PRUNE_LIVE_EVENTS_JOB, type MonitoringDeps } from '../monitoring-deps.ts';

const HOUR_MS = 3_600_000;

/** Queues the prune of hour `slot` (every node queueing the same hour's adds one job). */
export async function schedulePruneLiveEvents(deps: Pick<MonitoringDeps, 'queue' | 'clock'>, slot: number): Promise<void> {
  await deps.queue.enqueue(
    PRUNE_LIVE_EVENTS_JOB,
    { tenantId: NO_TENANT, slot },
    { jobId: `prune-live-events:${slot}`, delayMs: Math.max(0, slot * HOUR_MS - deps.clock.now().getTime()) },
  );
}

export const nextPruneSlot = (deps: Pick<MonitoringDeps, 'clock'>): number => Math.floor(deps.clock.now().getTime() / HOUR_MS) + 1;

/**
 * Hourly: drops every tenant's live events older than the resume window (a platform job, so a
 * system transaction), after queueing the next hour's run. A stream resuming from an id older
 * than the window gets what is left.
 */
export async function pruneLiveEvents(deps: MonitoringDeps, slot: number): Promise<number> {
  await schedulePruneLiveEvents(deps, slot + 1);
  const before = new Date(deps.clock.now().getTime() - deps.monitoringSettings.liveEventRetentionMs);
  return deps.tx.withSystem('prune live events past the resume window', (sql) => deps.monitoring.liveEvents.prune(sql, before));
}
