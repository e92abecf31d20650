import { z } from 'zod';

/**
 * Messages on the PubSub port, by channel: what consumers (rules, caches, live views) may
 * rely on. Like job payloads, each names its tenant.
 */
export const events = {
  /** A batch of samples was stored: these metrics changed for this person between from and to (ISO instants). */
  'samples.ingested': z.object({
    tenantId: z.string().uuid(),
    userId: z.string().uuid(),
    metrics: z.array(z.string()).min(1),
    from: z.string().datetime(),
    to: z.string().datetime(),
  }),
  /**
   * A setting that shapes a person's days changed: their time zone (which holds in every tenant:
   * "today" moves) or a metric's source priority in this tenant (published when it is set and
   * again when its daily values have been recomputed). Cached views of the person are stale.
   */
  'person.settings-changed': z.object({
    tenantId: z.string().uuid(),
    userId: z.string().uuid(),
    setting: z.enum(['time_zone', 'source_priority']),
  }),
  /** The tenant's live event log grew to `seq`: stream connections of the tenant read what they may see. */
  'monitoring.live': z.object({
    tenantId: z.string().uuid(),
    seq: z.number().int().positive(),
    /** The people whose alerts opened or changed in what was appended (their dashboards are stale). */
    alertsChangedFor: z.array(z.string().uuid()).default([]),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventOf<N extends EventName> = z.infer<(typeof events)[N]>;
