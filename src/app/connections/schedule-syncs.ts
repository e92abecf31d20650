import { createHash } from 'node:crypto';
import type { PersonRef } from '../ports.ts';
import { SCHEDULE_JOB, SIMULATOR, type ConnectionDeps } from './connection-deps.ts';
import type { ConnectionRef } from './connection-ports.ts';
import { sourceOf } from './connection-source.ts';
import { queueSyncs } from './queue-syncs.ts';

/** Runs kept per resource in a connection's history. */
const HISTORY_PER_RESOURCE = 20;

export interface ScheduleJob extends PersonRef {
  connectionId: string;
  slot: number;
}

function intervalOf(deps: ConnectionDeps, vendor: string): number {
  return vendor === SIMULATOR ? deps.connectionSettings.simulatorIntervalMs : deps.connectionSettings.syncIntervalMs;
}

/** Each connection syncs at its own offset within the interval, so they do not all call their vendor at once. */
function phaseOf(connectionId: string, intervalMs: number): number {
  return Number.parseInt(createHash('sha256').update(connectionId).digest('hex').slice(0, 12), 16) % intervalMs;
}

/**
 * Queues the connection's next scheduled sync (the first slot after `afterMs`). The job id
 * names the connection and the slot: every node starting, and the previous sync, may queue it;
 * it runs once.
 */
export async function scheduleNextSync(deps: ConnectionDeps, connection: ConnectionRef, afterMs: number): Promise<void> {
  const interval = intervalOf(deps, connection.vendor);
  const phase = phaseOf(connection.id, interval);
  const slot = Math.floor((afterMs - phase) / interval) + 1;
  const delayMs = Math.max(0, slot * interval + phase - deps.clock.now().getTime());
  await deps.queue.enqueue(
    SCHEDULE_JOB,
    { tenantId: connection.tenantId, userId: connection.userId, connectionId: connection.id, slot },
    { jobId: `connection-schedule:${connection.id}:${slot}`, delayMs, attempts: 3 },
  );
}

/**
 * A scheduled sync: queues the next one, then a catch-up run of every resource not syncing
 * already (for a vendor, what webhooks missed; for the simulator, what fell due since). The
 * chain ends with the connection.
 */
export async function runScheduledSync(deps: ConnectionDeps, job: ScheduleJob): Promise<void> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  const connection = await deps.tx.withTenant(person, async (sql) => {
    await deps.connections.syncs.prune(sql, job.connectionId, HISTORY_PER_RESOURCE);
    return deps.connections.connections.get(sql, job.connectionId);
  });
  if (!connection) return;
  const interval = intervalOf(deps, connection.vendor);
  await scheduleNextSync(deps, connection, job.slot * interval + phaseOf(connection.id, interval));
  if (connection.status === 'needs_reauth') return;
  const source = sourceOf(deps, connection);
  if (source) await queueSyncs(deps, connection, 'scheduled', source);
}
