import { z } from 'zod';

// ------------------------------------------------------------------ bodies

/**
 * One sample as a client sends it. Only its shape is checked here; what it means (a known
 * metric and unit, a plausible value and time) is checked by normalization, which skips a bad
 * sample with its reason and keeps the rest of the batch.
 */
export const sampleInput = z
  .object({
    metric: z.string().min(1).max(100),
    /** A number, a decimal string, or a stage name for sleep_stage. */
    value: z.union([z.number(), z.string().max(100)]),
    unit: z.string().max(50).optional(),
    /** ISO 8601: an instant, a local time without offset (the person's zone applies), or a date. */
    start: z.string().min(1).max(64),
    end: z.string().min(1).max(64).optional(),
    source: z.string().min(1).max(200),
    device: z.string().max(1000).optional(),
    externalId: z.union([z.string().min(1).max(200), z.number()]).optional(),
    /** The local offset when it is not part of the timestamps. */
    utcOffsetMinutes: z.number().int().optional(),
    /** When the source recorded or revised the value: the newest revision wins. */
    recordedAt: z.string().max(64).optional(),
    notWorn: z.boolean().optional(),
    /** Workouts: `activityName`, `statistics` ({value, unit} by name); HRV: `beats` ([{t, bpm}]). Checked by normalization. */
    details: z
      .object({
        activityName: z.string().max(1000).optional(),
        statistics: z.record(z.string().max(100), z.object({ value: z.union([z.number(), z.string().max(100)]), unit: z.string().max(50).optional() })).optional(),
        beats: z.array(z.object({ t: z.string().max(64), bpm: z.number() })).max(10_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const samplesBody = (maxSamples: number) =>
  z
    .object({
      samples: z.array(sampleInput).min(1).max(maxSamples),
      /** Sending the same batch again with the same key changes nothing. */
      idempotencyKey: z.string().trim().min(1).max(200).optional(),
    })
    .strict();

export const samplesAccepted = z.object({ rawId: z.string().uuid(), accepted: z.number().int(), duplicate: z.boolean() });

export const sourcePriorityBody = z.object({ priority: z.array(z.string().trim().min(1).max(200)).max(50) }).strict();

export const timeZoneBody = z.object({ timeZone: z.string().trim().min(1).max(64) }).strict();

// ------------------------------------------------------------------ parameters

const instant = z.string().datetime({ offset: true });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** A member on the caller's care team; absent: the caller. */
const subject = z.string().uuid().optional();

export const samplesQuery = z.object({
  metric: z.string().min(1).max(100),
  from: instant,
  to: instant,
  cursor: z.string().min(1).max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  userId: subject,
});

export const dailyQuery = z.object({ metric: z.string().min(1).max(100), from: localDate, to: localDate, userId: subject });

export const sourcesQuery = z.object({ userId: subject });

export const metricParams = z.object({ metric: z.string().min(1).max(100) });

export const batchParams = z.object({ rawId: z.string().uuid() });

// ------------------------------------------------------------------ responses

export const samplesPage = z.object({
  items: z.array(
    z.object({
      start: z.string(),
      end: z.string().optional(),
      value: z.number(),
      unit: z.string(),
      source: z.string(),
      category: z.string().optional(),
      /** Workouts: the source's own name for the activity (kept when the category is `other`). */
      activityName: z.string().optional(),
      /** Workouts: {activeEnergy, distance, heartRateAverage, heartRateMin, heartRateMax, duration}, each {value, unit}, where the source gave them. */
      statistics: z.record(z.string(), z.object({ value: z.number(), unit: z.string() })).optional(),
      /** HRV SDNN: the beat-to-beat series, [{t (ISO instant), bpm}]. */
      beats: z.array(z.object({ t: z.string(), bpm: z.number() })).optional(),
    }),
  ),
  next: z.string().nullable(),
});

export const sourceContribution = z.object({
  source: z.string(),
  rank: z.number().int(),
  samples: z.number().int(),
  total: z.number(),
  contributed: z.number(),
  dropped: z.number().optional(),
  used: z.boolean(),
  intradayTotal: z.number().optional(),
  notWorn: z.boolean().optional(),
});

export const dailyValues = z.object({
  metric: z.string(),
  unit: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      value: z.number(),
      min: z.number().optional(),
      max: z.number().optional(),
      count: z.number().int(),
      status: z.enum(['ok', 'not_worn']),
      byCategory: z.record(z.string(), z.number()).optional(),
      sources: z.array(sourceContribution),
    }),
  ),
});

export const metricSources = z.object({
  metric: z.string(),
  unit: z.string(),
  sources: z.array(z.string()),
  priority: z.array(z.string()),
  effective: z.array(z.string()),
});

export const sourcesResponse = z.object({ metrics: z.array(metricSources) });

export const batchStatus = z.object({
  rawId: z.string().uuid(),
  state: z.enum(['pending', 'normalized', 'failed']),
  receivedAt: z.string(),
  normalizedAt: z.string().nullable(),
  samples: z.number().int(),
  stored: z.number().int().nullable(),
  unchanged: z.number().int().nullable(),
  superseded: z.number().int().nullable(),
  rejected: z.number().int().nullable(),
  rejections: z.array(z.object({ record: z.number().int(), field: z.string(), code: z.string(), reason: z.string() })),
  error: z.string().nullable(),
});

export const timeZoneResponse = z.object({ timeZone: z.string() });
