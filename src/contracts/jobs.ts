import { z } from 'zod';

/**
 * Every job the worker runs: a name with a version, and a zod payload that always names
 * the tenant. A payload change that old workers cannot read gets a new version.
 */
const tenantScoped = z.object({ tenantId: z.string().uuid() });
/** The tenant named by a job that belongs to none: the platform's own upkeep (webhook subscriptions). */
export const NO_TENANT = '00000000-0000-0000-0000-000000000000';
const personal = tenantScoped.extend({ userId: z.string().uuid() });
const ofConnection = personal.extend({ connectionId: z.string().uuid() });

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
  /** Recompute and store one person's correlations (asked for, or after new data landed). */
  'insight.refresh-correlations.v1': tenantScoped.extend({
    userId: z.string().uuid(),
  }),
  /** Queue the refresh of every correlation report that new data or a new method left behind; each run queues the next night's. */
  'insight.nightly-correlations.v1': z.object({
    tenantId: z.literal(NO_TENANT),
    slot: z.number().int(),
  }),
  /** One page of a connection's sync run (the job id names the run and the page). */
  'connection.sync.v1': ofConnection.extend({
    syncId: z.string().uuid(),
    page: z.number().int().min(0),
  }),
  /** Fetch (or forget) the document a vendor webhook named (the job id names the delivery). */
  'connection.webhook.v1': ofConnection.extend({
    resource: z.string().min(1).max(100),
    documentId: z.string().min(1).max(200),
    action: z.enum(['upsert', 'delete']),
    receivedAt: z.string().datetime(),
    eventId: z.string().regex(/^[0-9a-f]{64}$/),
    retry: z.number().int().min(0).default(0),
  }),
  /** A connection's scheduled sync; each run queues the next (the job id names the connection and the slot). */
  'connection.schedule.v1': ofConnection.extend({
    slot: z.number().int(),
  }),
  /** Delete what a removed connection brought the person. */
  'connection.delete-data.v1': ofConnection.extend({
    source: z.string().min(1).max(200),
  }),
  /** Create or renew the vendor's webhook subscriptions; each run queues the next. */
  'connection.webhook-subscriptions.v1': z.object({
    tenantId: z.literal(NO_TENANT),
    slot: z.number().int(),
  }),
  /** Run one person's rules over the samples a stored batch changed (as samples.ingested names them). */
  'rules.evaluate.v1': personal.extend({
    metrics: z.array(z.string().min(1).max(100)).min(1).max(200),
    from: z.string().datetime(),
    to: z.string().datetime(),
  }),
  /** Tell the people an alert concerns: inbox, email, the tenant's webhook (the job id names the alert). */
  'alerts.notify.v1': personal.extend({
    alertId: z.string().uuid(),
  }),
  /** Queue the notifications of alerts that still owe them (a crash's leftovers); each run queues the next. */
  'alerts.dispatch-owed.v1': z.object({
    tenantId: z.literal(NO_TENANT),
    slot: z.number().int(),
  }),
  /** One try of one outgoing webhook delivery; the queue retries with backoff. */
  'notifications.webhook.v1': tenantScoped.extend({
    deliveryId: z.string().uuid(),
  }),
  /** A person's daily summary for one local date, at their chosen local time; each run queues the next. */
  'notifications.daily-summary.v1': personal.extend({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  }),
  /** Drop live events older than the resume window; each run queues the next. */
  'monitoring.prune-live-events.v1': z.object({
    tenantId: z.literal(NO_TENANT),
    slot: z.number().int(),
  }),
} as const;

export type JobName = keyof typeof jobs;
export type JobPayloadOf<N extends JobName> = z.infer<(typeof jobs)[N]>;
