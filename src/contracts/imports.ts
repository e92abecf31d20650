import { z } from 'zod';

export const importFormat = z.enum(['apple-health', 'fitbit', 'csv']);

const columnMapping = z.union([z.literal('ignore'), z.object({ metric: z.string().min(1).max(100), unit: z.string().min(1).max(50).optional() }).strict()]);

/** The form fields (or query parameters of a streamed body) beside the file. */
export const importFields = z
  .object({
    format: importFormat.optional(),
    /** Fitbit: the `Id` whose rows to import, for a file holding several people (Fitabase). */
    personId: z.string().trim().min(1).max(100).optional(),
    /** Generic CSV: the day/month order of dates written year last (`4/12/2016`). */
    dateFormat: z.enum(['mdy', 'dmy']).optional(),
    /** Generic CSV: JSON mapping header text to `{metric, unit?}` or `"ignore"`. */
    columns: z
      .string()
      .max(20_000)
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'columns must be JSON: {"<header>": {"metric": "<id>", "unit": "<unit>"} | "ignore"}' });
          return z.NEVER;
        }
      })
      .pipe(z.record(z.string().min(1).max(200), columnMapping))
      .optional(),
    /** A streamed body's file name (multipart carries its own). */
    fileName: z.string().max(1000).optional(),
  })
  .strict();

export const importAccepted = z.object({ id: z.string().uuid(), format: importFormat, state: z.literal('queued') });

export const importParams = z.object({ id: z.string().uuid() });

export const importStatus = z.object({
  id: z.string().uuid(),
  format: importFormat,
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  /** Percent of the file read, 0-100. */
  progress: z.number(),
  /** Samples taken per metric. */
  counts: z.record(z.string(), z.number().int()),
  /** The first 1,000 lines (or records) skipped, with why; `skippedTotal` counts them all. */
  skipped: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  skippedTotal: z.number().int(),
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
