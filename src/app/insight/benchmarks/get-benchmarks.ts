import { addDays, ageInYearOf, BENCHMARK_WINDOWS, populationBenchmarks, type BenchmarkMeasure, type BenchmarkProfile, type PopulationBenchmark } from '../../../domain/analytics/index.ts';
import { getMetric } from '../../../domain/metrics/index.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { insightSubject } from '../series/insight-subject.ts';
import { readDailySeries } from '../series/read-daily-series.ts';

const MEASURES = Object.keys(BENCHMARK_WINDOWS) as BenchmarkMeasure[];
const LOOKBACK_DAYS = Math.max(...Object.values(BENCHMARK_WINDOWS).map((window) => window.days));
const UNSAID: BenchmarkProfile = { birthYear: null, sex: null };

export interface Benchmarks {
  userId: string;
  today: string;
  profile: BenchmarkProfile & { ageYears: number | null };
  benchmarks: Array<PopulationBenchmark & { unit: string }>;
}

/**
 * The person's recent resting heart rate, VO2max and steps against published population norms
 * for their age and sex (the caller's own, or a care-team member's: audited; anyone else 404).
 */
export async function getBenchmarks(deps: InsightDeps, ctx: RequestContext, userId?: string): Promise<Benchmarks> {
  return deps.tx.withTenant(ctx, async (sql) => {
    const { person, today } = await insightSubject(deps, sql, ctx, userId, 'benchmarks');
    const profile = (await deps.insight.profiles.get(sql, person.userId)) ?? UNSAID;
    const series = await readDailySeries(deps, sql, person, MEASURES, addDays(today, 1 - LOOKBACK_DAYS), today);
    return {
      userId: person.userId,
      today,
      profile: { ...profile, ageYears: profile.birthYear === null ? null : ageInYearOf(profile.birthYear, today) },
      benchmarks: populationBenchmarks(series, profile, today).map((benchmark) => ({ ...benchmark, unit: getMetric(benchmark.measure)?.unit ?? '' })),
    };
  });
}
