import { isoDate } from '../../../domain/ingest/iso-format.ts';
import type { PersonRef } from '../../ports.ts';
import { REFRESH_CORRELATIONS_JOB, type InsightDeps } from '../insight-deps.ts';

/**
 * Queues the automatic refresh that follows new data: one per person and UTC day (the job id
 * deduplicates), delayed so that the rest of a sync or an import lands first. A day without new
 * data needs none, since the analysis window ends at the person's latest data.
 */
export async function scheduleCorrelationRefresh(deps: Pick<InsightDeps, 'queue' | 'clock' | 'insightSettings'>, person: PersonRef): Promise<void> {
  const day = isoDate(deps.clock.now().getTime());
  await deps.queue.enqueue(
    REFRESH_CORRELATIONS_JOB,
    { tenantId: person.tenantId, userId: person.userId },
    { jobId: `correlations-auto:${person.tenantId}:${person.userId}:${day}`, delayMs: deps.insightSettings.correlationRefreshDelayMs },
  );
}
