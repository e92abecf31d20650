import { z } from 'zod';

// ------------------------------------------------------------------ parameters and bodies

export const vendorParams = z.object({ vendor: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a vendor id such as oura, whoop or simulator') });

export const connectionParams = z.object({ id: z.string().uuid() });

/** The simulator's person; absent: a default adult. Other vendors take no body. */
export const authorizeBody = z
  .object({
    profile: z
      .object({
        age: z.number().int().min(13).max(100),
        sex: z.enum(['female', 'male']),
        /** 0 sedentary, 0.5 regularly active, 1 trained endurance athlete. */
        fitness: z.number().min(0).max(1),
        weightKg: z.number().min(30).max(300),
      })
      .strict()
      .optional(),
  })
  .strict();

/** As the vendor sends the browser back (RFC 6749 section 4.1.2); read whole by the OAuth client. */
export const callbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(1000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

export const disconnectQuery = z.object({
  /** Also delete everything this connection brought. */
  deleteData: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** Oura's verification handshake. */
export const webhookChallengeQuery = z.object({
  verification_token: z.string().min(1).max(500),
  challenge: z.string().min(1).max(500),
});

// ------------------------------------------------------------------ answers

export const authorizeAnswer = z.object({ url: z.string().url() });

const instant = z.string();

export const syncRunView = z.object({
  id: z.string().uuid(),
  kind: z.enum(['backfill', 'scheduled', 'manual']),
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  windowFrom: instant,
  windowTo: instant,
  pages: z.number().int(),
  documents: z.number().int(),
  samples: z.number().int(),
  skipped: z.number().int(),
  retries: z.number().int(),
  error: z.string().nullable(),
  createdAt: instant,
  startedAt: instant.nullable(),
  finishedAt: instant.nullable(),
});

export const connectionView = z.object({
  id: z.string().uuid(),
  vendor: z.string(),
  status: z.enum(['connected', 'needs_reauth', 'error']),
  lastSyncAt: instant.nullable(),
  lastError: z.string().nullable(),
  createdAt: instant,
  resources: z.array(z.object({ resource: z.string(), lastSyncAt: instant.nullable(), runs: z.array(syncRunView) })),
});

export const connectionList = z.array(connectionView);

export const availableSources = z.array(z.object({ vendor: z.string(), name: z.string(), kind: z.enum(['oauth', 'builtin']) }));

export const syncAccepted = z.object({ queued: z.array(z.object({ resource: z.string(), syncId: z.string().uuid() })) });

export const disconnectAnswer = z.object({
  id: z.string().uuid(),
  vendor: z.string(),
  revokedAtVendor: z.boolean(),
  deletingData: z.boolean(),
});

export const webhookChallengeAnswer = z.object({ challenge: z.string() });
