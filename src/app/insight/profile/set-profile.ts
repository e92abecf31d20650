import type { BenchmarkProfile } from '../../../domain/analytics/index.ts';
import { AppError } from '../../errors.ts';
import { notFound, type PersonContext } from '../../ingest/ingest-deps.ts';
import type { InsightDeps } from '../insight-deps.ts';

/** The oldest age accepted: anything above is a typo, not a person. */
const MAX_AGE_YEARS = 120;

/** Sets the caller's own birth year and sex (each holds in every tenant, like the time zone). */
export async function setProfile(deps: Pick<InsightDeps, 'tx' | 'insight' | 'clock'>, ctx: PersonContext, profile: BenchmarkProfile): Promise<BenchmarkProfile> {
  const thisYear = deps.clock.now().getUTCFullYear();
  if (profile.birthYear !== null && (profile.birthYear > thisYear || profile.birthYear < thisYear - MAX_AGE_YEARS)) {
    throw new AppError('validation_failed', `birthYear must be between ${thisYear - MAX_AGE_YEARS} and ${thisYear}.`);
  }
  const updated = await deps.tx.withTenant(ctx, (sql) => deps.insight.profiles.set(sql, ctx.userId, profile));
  if (!updated) throw notFound();
  return profile;
}
