import { createHash } from 'node:crypto';
import type { EventOf } from '../../../contracts/events.ts';
import { EVALUATE_RULES_JOB, type MonitoringDeps } from '../monitoring-deps.ts';

const MINUTE_MS = 60_000;

/**
 * Queues the evaluation of a stored batch. Every node hears samples.ingested, so the job id is
 * the event's digest within its minute: the nodes' copies make one job, while the same
 * span stored again later (revised values) is evaluated again. A copy that slips through
 * (the minute turned in between) finds its work done.
 */
export async function requestEvaluation(deps: Pick<MonitoringDeps, 'queue' | 'clock'>, event: EventOf<'samples.ingested'>): Promise<void> {
  const minute = Math.floor(deps.clock.now().getTime() / MINUTE_MS);
  const digest = createHash('sha256')
    .update(JSON.stringify([event.tenantId, event.userId, [...event.metrics].sort(), event.from, event.to, minute]))
    .digest('hex')
    .slice(0, 32);
  await deps.queue.enqueue(EVALUATE_RULES_JOB, event, { jobId: `rules:${event.userId}:${digest}` });
}
