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
  /** The tenant's live event log grew to `seq`: stream connections of the tenant read what they may see. */
  'monitoring.live': z.object({
    tenantId: z.string().uuid(),
    seq: z.number().int().positive(),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventOf<N extends EventName> = z.infer<(typeof events)[N]>;
