import { z } from 'zod';

/**
 * Every job the worker runs: a name with a version, and a zod payload that always names
 * the tenant. A payload change that old workers cannot read gets a new version.
 */
const tenantScoped = z.object({ tenantId: z.string().uuid() });

export const jobs = {
  'mail.send.v1': tenantScoped.extend({
    message: z.object({
      to: z.string().email(),
      subject: z.string().min(1).max(300),
      text: z.string(),
      html: z.string().optional(),
    }),
  }),
  /** Normalize one stored batch of samples (the job id is the batch id). */
  'ingest.normalize.v1': tenantScoped.extend({
    userId: z.string().uuid(),
    rawId: z.string().uuid(),
  }),
  /** Recompute every daily value of one metric of one person (after a source priority change). */
  'ingest.recompute-daily.v1': tenantScoped.extend({
    userId: z.string().uuid(),
    metric: z.string().min(1).max(100),
  }),
  /** Read one uploaded file into samples (the job id is the import id). */
  'import.run.v1': tenantScoped.extend({
    userId: z.string().uuid(),
    importId: z.string().uuid(),
  }),
} as const;

export type JobName = keyof typeof jobs;
export type JobPayloadOf<N extends JobName> = z.infer<(typeof jobs)[N]>;
