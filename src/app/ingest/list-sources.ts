import { rankSources } from '../../domain/ingest/index.ts';
import { getMetric } from '../../domain/metrics/index.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { MetricSources } from '../ports.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { readablePerson } from './read-access.ts';

export interface MetricSourcesView extends MetricSources {
  unit: string;
  /** The order daily values use: the person's priority, then unlisted sources alphabetically. */
  effective: string[];
}

export function sourcesView(row: MetricSources): MetricSourcesView {
  return { ...row, unit: getMetric(row.metric)?.unit ?? '', effective: rankSources(row.sources, row.priority) };
}

/** Per metric: the sources seen for the person, and the priority that decides between them. */
export async function listSources(deps: IngestDeps, ctx: RequestContext, query: { userId?: string } = {}): Promise<{ metrics: MetricSourcesView[] }> {
  const rows = await deps.tx.withTenant(ctx, async (sql) => {
    const person = await readablePerson(deps, sql, ctx, query.userId, { resource: 'sources' });
    return deps.ingest.sourcePriorities.list(sql, person);
  });
  return { metrics: rows.map(sourcesView) };
}
