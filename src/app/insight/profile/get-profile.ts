import type { BenchmarkProfile } from '../../../domain/analytics/index.ts';
import { notFound, type PersonContext } from '../../ingest/ingest-deps.ts';
import type { InsightDeps } from '../insight-deps.ts';

/** The caller's own birth year and sex (null where not said). */
export async function getProfile(deps: Pick<InsightDeps, 'tx' | 'insight'>, ctx: PersonContext): Promise<BenchmarkProfile> {
  const profile = await deps.tx.withTenant(ctx, (sql) => deps.insight.profiles.get(sql, ctx.userId));
  if (!profile) throw notFound();
  return profile;
}
