import type { CorrelationFinding } from '../../../domain/analytics/index.ts';
import { AppError } from '../../errors.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import { readablePerson } from '../../ingest/read-access.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { CORRELATION_OUTCOMES } from './correlation-variables.ts';

export interface CorrelationsQuery {
  /** Only findings about this outcome. */
  outcome?: string;
  userId?: string;
}

export interface Correlations {
  /** When the stored report was computed; null before the first run. */
  computedAt: string | null;
  /** Most convincing first. */
  findings: CorrelationFinding[];
}

/** The person's stored correlation findings (a job computes them; POST /correlations/refresh asks for a run now). */
export async function listCorrelations(deps: InsightDeps, ctx: RequestContext, query: CorrelationsQuery): Promise<Correlations> {
  const { outcome } = query;
  if (outcome !== undefined && !(CORRELATION_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new AppError('validation_failed', `outcome must be one of ${CORRELATION_OUTCOMES.join(', ')}.`);
  }
  const report = await deps.tx.withTenant(ctx, async (sql) => {
    const person = await readablePerson(deps, sql, ctx, query.userId, { resource: 'correlations' });
    return deps.insight.correlationReports.get(sql, person);
  });
  if (!report) return { computedAt: null, findings: [] };
  return { computedAt: report.computedAt, findings: report.findings.filter((finding) => outcome === undefined || finding.outcome === outcome) };
}
