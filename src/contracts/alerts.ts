import { z } from 'zod';
import { SEVERITIES } from '../domain/rules/index.ts';

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;

const id = z.string().uuid();
const instant = z.string();

export const alertParams = z.object({ id });

export const alertsQuery = z
  .object({
    state: z.enum(ALERT_STATES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    /** One person's alerts: yourself, or someone you watch (care team, on call). */
    userId: id.optional(),
    /** Keyset paging, newest first: the id of the last alert of the previous page. */
    before: id.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** The severity counts of the alerts the same filters find (without paging). */
export const alertCountsQuery = alertsQuery.omit({ severity: true, before: true, limit: true });

export const resolveBody = z
  .object({ note: z.string().trim().min(1).max(4000).optional() })
  .strict()
  .nullish();

export const commentBody = z.object({ body: z.string().trim().min(1, 'a comment needs some text').max(4000) }).strict();

// ------------------------------------------------------------------ answers

const evidence = z.object({
  from: instant,
  to: instant,
  /** Readings in the episode up to the one that fired; `samples` holds the last of them (at most 100). */
  sampleCount: z.number().int(),
  samples: z.array(z.object({ at: instant, value: z.number() })),
});

export const alertView = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  userId: z.string(),
  metric: z.string(),
  severity: z.enum(SEVERITIES),
  action: z.string(),
  state: z.enum(ALERT_STATES),
  /** Found in readings older than the live horizon (a backfill): recorded resolved, nobody notified. */
  historical: z.boolean(),
  /** The time of the reading that fired it. */
  openedAt: instant,
  evidence,
  acknowledgedAt: instant.optional(),
  acknowledgedBy: z.string().optional(),
  resolvedAt: instant.optional(),
  resolvedBy: z.string().optional(),
  resolution: z.enum(['manual', 'condition_cleared', 'historical']).optional(),
  /** When the episode ended (a reading no longer matched, or the data stopped), resolved or not. */
  clearedAt: instant.optional(),
  clearReason: z.enum(['condition_cleared', 'data_gap']).optional(),
});

export const alertList = z.array(alertView);

export const alertComment = z.object({ id: z.string(), authorId: z.string(), body: z.string(), createdAt: instant });

export const alertDetail = alertView.extend({ comments: z.array(alertComment) });

export const alertCounts = z.object({
  low: z.number().int(),
  medium: z.number().int(),
  high: z.number().int(),
  critical: z.number().int(),
  total: z.number().int(),
});

export type AlertView = z.infer<typeof alertView>;
export type AlertComment = z.infer<typeof alertComment>;
export type AlertCounts = z.infer<typeof alertCounts>;
export type AlertsQuery = z.infer<typeof alertsQuery>;
