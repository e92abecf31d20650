import { z } from 'zod';
import { PROFILE_SEXES } from './profile.ts';

// Zod numbers refuse NaN and Infinity: what does not exist is `{ ok: false, reason }`.

export const benchmarksQuery = z.object({ userId: z.string().uuid().optional() });

const recent = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.number(), statistic: z.enum(['mean', 'latest']), from: z.string(), to: z.string(), days: z.number().int() }),
  z.object({ ok: z.literal(false), reason: z.literal('not enough data'), have: z.number().int(), need: z.number().int() }),
]);

const percentile = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    percentile: z.number().min(0).max(100),
    position: z.enum(['within', 'below', 'above']),
    group: z.object({ sex: z.enum(['female', 'male']), ageFrom: z.number().int(), ageTo: z.number().int() }),
    source: z.string(),
    citation: z.string(),
    higherIsBetter: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['birth year not set', 'sex not set', 'sex not given', 'no norms for this age', 'no recent value', 'no percentile norms for this measure']),
  }),
]);

export const populationBenchmark = z.object({
  measure: z.enum(['resting_heart_rate', 'vo2max', 'steps']),
  unit: z.string(),
  recent,
  percentile,
  activityLevel: z.object({ level: z.string(), source: z.string(), citation: z.string() }).nullable().optional(),
});

export const benchmarksResponse = z.object({
  userId: z.string(),
  today: z.string(),
  profile: z.object({ birthYear: z.number().int().nullable(), sex: z.enum(PROFILE_SEXES).nullable(), ageYears: z.number().int().nullable() }),
  benchmarks: z.array(populationBenchmark).readonly(),
});
