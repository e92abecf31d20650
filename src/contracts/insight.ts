import { z } from 'zod';

// Every number below is a zod number, which refuses NaN and Infinity: a statistic that does
// not exist is an `{ ok: false, reason }` (or null), never a non-finite number in JSON.

/** The analytics hand out read-only arrays. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** A member on the caller's care team; absent: the caller. */
const subject = z.string().uuid().optional();

// ------------------------------------------------------------------ parameters

export const subjectQuery = z.object({ userId: subject });

export const trendQuery = z.object({
  metric: z.string().min(1).max(100),
  window: z.enum(['7d', '30d', '90d', '1y']).default('30d'),
  userId: subject,
});

export const scoresQuery = z.object({ from: localDate.optional(), to: localDate.optional(), userId: subject });

export const forecastsQuery = z.object({
  metric: z.enum(['weight', 'resting_heart_rate', 'hrv_rmssd', 'sleep_duration']).optional(),
  userId: subject,
});

export const correlationsQuery = z.object({ outcome: z.string().min(1).max(100).optional(), userId: subject });

// ------------------------------------------------------------------ building blocks

const unavailable = <const R extends readonly [string, ...string[]]>(reasons: R) => z.object({ ok: z.literal(false), reason: z.enum(reasons) });

const dayState = z.enum(['ok', 'not_worn', 'missing']);

const baseline = z.union([
  z.object({ ok: z.literal(true), mean: z.number(), sd: z.number(), low: z.number(), high: z.number(), n: z.number().int() }),
  unavailable(['not enough days']),
]);

const description = z.union([z.object({ ok: z.literal(true), n: z.number().int(), mean: z.number(), sd: z.number() }), unavailable(['too few values'])]);

const day = z.object({ date: z.string(), value: z.number().nullable(), state: dayState });

const reference = z.union([
  z.object({ kind: z.literal('baseline'), mean: z.number(), sd: z.number(), n: z.number().int() }),
  z.object({ kind: z.literal('target'), value: z.number() }),
]);

const scoreResult = z.union([
  z.object({
    ok: z.literal(true),
    version: z.string(),
    date: z.string(),
    score: z.number(),
    confidence: z.number(),
    components: list(z.object({ id: z.string(), value: z.number(), unit: z.string(), reference, points: z.number(), weight: z.number() })),
  }),
  z.object({ ok: z.literal(false), version: z.string(), date: z.string(), reason: z.literal('warming up'), nightsWithData: z.number().int(), nightsNeeded: z.number().int() }),
  z.object({ ok: z.literal(false), version: z.string(), date: z.string(), reason: z.literal('no data for the day'), missing: list(z.string()) }),
]);

// ------------------------------------------------------------------ responses

export const dashboardSummary = z.object({
  userId: z.string().uuid(),
  today: z.string(),
  asOf: z.string(),
  tiles: list(
    z.object({
      id: z.string(),
      unit: z.string(),
      today: day,
      baseline,
      versusBaseline: z
        .object({ difference: z.number(), relative: z.number().optional(), z: z.number().optional(), withinBand: z.boolean() })
        .nullable(),
      sparkline: list(day),
    }),
  ),
  readiness: scoreResult,
  insights: list(
    z.union([
      z.object({ kind: z.literal('risk'), flag: z.string(), strength: z.enum(['possible', 'likely']), sentence: z.string(), days: list(z.string()) }),
      z.object({ kind: z.literal('correlation'), driver: z.string(), outcome: z.string(), lag: z.union([z.literal(0), z.literal(1)]), q: z.number(), sentence: z.string() }),
    ]),
  ),
  openAlerts: z.number().int(),
});

export const trendResponse = z.object({
  metric: z.string(),
  unit: z.string(),
  window: z.enum(['7d', '30d', '90d', '1y']),
  from: z.string(),
  to: z.string(),
  days: list(day.extend({ baseline })),
  current: description,
  previous: description,
  change: z.union([
    z.object({
      ok: z.literal(true),
      method: z.literal('welch-t'),
      meanA: z.number(),
      meanB: z.number(),
      difference: z.number(),
      ciLow: z.number(),
      ciHigh: z.number(),
      t: z.number(),
      df: z.number(),
      p: z.number(),
      relative: z.number().optional(),
      beyondNoise: z.boolean(),
      direction: z.enum(['up', 'down', 'no clear change']),
    }),
    unavailable(['too few values', 'no variance']),
  ]),
});

export const scoresResponse = z.object({
  from: z.string(),
  to: z.string(),
  readiness: list(scoreResult),
  sleep: list(scoreResult),
  vendor: list(z.object({ metric: z.string(), vendor: z.string(), unit: z.string(), days: list(z.object({ date: z.string(), value: z.number() })) })),
});

export const forecastsResponse = z.object({
  today: z.string(),
  forecasts: list(
    z.union([
      z.object({
        ok: z.literal(true),
        metric: z.string(),
        version: z.string(),
        confidence: z.number(),
        fittedFrom: z.string(),
        fittedTo: z.string(),
        n: z.number().int(),
        slopePerDay: z.number(),
        residualSd: z.number(),
        days: list(z.object({ date: z.string(), value: z.number(), low: z.number(), high: z.number() })),
      }),
      z.object({ ok: z.literal(false), metric: z.string(), reason: z.literal('not enough data'), have: z.number().int(), need: z.number().int() }),
    ]),
  ),
});

const flag = <E extends z.ZodType>(evidence: E) =>
  z.union([
    z.object({
      raised: z.literal(true),
      flag: z.object({
        kind: z.string(),
        version: z.string(),
        date: z.string(),
        strength: z.enum(['possible', 'likely']),
        sentence: z.string(),
        days: list(z.string()),
        evidence,
      }),
    }),
    z.object({ raised: z.literal(false), reason: z.enum(['within normal range', 'not enough data']) }),
  ]);

export const risksResponse = z.object({
  date: z.string(),
  checks: z.object({
    illnessOnset: flag(
      list(
        z.object({
          date: z.string(),
          restingHeartRate: z.number(),
          restingHeartRateBaseline: z.number(),
          hrv: z.number(),
          hrvBaseline: z.number(),
          hrvSdBelow: z.number(),
          temperatureDeviation: z.number().optional(),
        }),
      ),
    ),
    overreaching: flag(
      z.object({ acuteLoad: z.number(), chronicLoad: z.number(), loadRatio: z.number(), acuteHrv: z.number(), chronicHrv: z.number(), hrvSdBelow: z.number() }),
    ),
    sleepDebt: flag(
      list(
        z.object({ nights: z.number().int(), nightsWithData: z.number().int(), debtMinutes: z.number(), shortNights: list(z.string()), overThreshold: z.boolean() }),
      ),
    ),
  }),
});

const streakRun = z.object({ days: z.number().int(), from: z.string(), to: z.string() }).nullable();

export const streaksResponse = z.object({
  today: z.string(),
  current: streakRun,
  longest: streakRun,
  calendar: list(z.object({ date: z.string(), state: dayState })),
});

const groupMean = z.object({ n: z.number().int(), mean: z.number() });

export const correlationFinding = z.object({
  driver: z.string(),
  outcome: z.string(),
  lag: z.union([z.literal(0), z.literal(1)]),
  rho: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  p: z.number(),
  q: z.number(),
  n: z.number().int(),
  /** q at or below the false-discovery rate (0.1): phrased as a link; otherwise "no clear link yet". */
  discovery: z.boolean(),
  /** Tags: the outcome's mean on tagged and untagged days. */
  comparison: z.object({ withTag: groupMean, withoutTag: groupMean }).optional(),
  sentence: z.string(),
});

export const correlationsResponse = list(correlationFinding);

export const refreshAccepted = z.object({ jobId: z.string(), duplicate: z.boolean() });
