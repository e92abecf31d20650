import { getMetric } from '../../domain/metrics/index.ts';
import { AppError } from '../errors.ts';
import { announceSettingsChanged } from './announce-settings-changed.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import { notFound, RECOMPUTE_DAILY_JOB, type IngestDeps } from './ingest-deps.ts';
import { sourcesView, type MetricSourcesView } from './list-sources.ts';

export const MAX_PRIORITY_SOURCES = 50;

/**
 * Sets the order of the person's sources for one metric (highest first) and queues the
 * recomputation of every daily value of that metric. Only the person sets their own.
 */
export async function setSourcePriority(deps: IngestDeps, ctx: RequestContext, metricId: string, priority: readonly string[]): Promise<MetricSourcesView> {
  const metric = getMetric(metricId);
  if (!metric) throw notFound();
  const cleaned = priority.map((s) => s.trim());
  if (cleaned.some((s) => s === '' || s.length > 200)) throw new AppError('validation_failed', 'Each source is a name of 1 to 200 characters.');
  if (new Set(cleaned).size !== cleaned.length) throw new AppError('validation_failed', 'A source appears twice in the priority.');
  if (cleaned.length > MAX_PRIORITY_SOURCES) throw new AppError('validation_failed', `List at most ${MAX_PRIORITY_SOURCES} sources.`);

  const person = { tenantId: ctx.tenantId, userId: ctx.userId };
  const row = await deps.tx.withTenant(ctx, (sql) => deps.ingest.sourcePriorities.setPriority(sql, person, metric.id, cleaned, deps.clock.now()));
  // No job id: each change is recomputed with the priority stored when its job runs.
  await deps.queue.enqueue(RECOMPUTE_DAILY_JOB, { ...person, metric: metric.id });
  await announceSettingsChanged(deps, { ...person, setting: 'source_priority' });
  return sourcesView(row);
}
