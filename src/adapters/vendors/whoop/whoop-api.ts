import { z } from 'zod';
import type { SignatureScheme } from '../webhook-signature.ts';

/**
 * WHOOP API v2 as documented (see VENDORS.md): endpoints, scopes, paging and webhook signing.
 * A change of endpoint, parameter or signature format is a fix in this file.
 */
export const WHOOP = 'whoop';

/** WHOOP serves consent, tokens and data from one host. */
export const WHOOP_DEFAULT_URLS = { apiBaseUrl: 'https://api.prod.whoop.com', authBaseUrl: 'https://api.prod.whoop.com' } as const;

/** `offline` is what yields a refresh token; `read:profile` gives the user id webhooks carry. */
export const WHOOP_SCOPES = ['offline', 'read:recovery', 'read:cycles', 'read:sleep', 'read:workout', 'read:profile'] as const;

/** Refreshes must ask for `offline` again or the answer carries no new refresh token. */
export const WHOOP_REFRESH_PARAMETERS = { scope: 'offline' } as const;

/**
 * WHOOP's consent and token endpoints are an Ory Hydra server (`/oauth/oauth2/*`), which
 * verifies an S256 challenge when one is sent (community: VENDORS.md does not say).
 */
export const WHOOP_PKCE = true;

export const WHOOP_PATHS = {
  authorize: '/oauth/oauth2/auth',
  token: '/oauth/oauth2/token',
  /** DELETE with the bearer token. */
  revoke: '/developer/v2/user/access',
  profile: '/developer/v2/user/profile/basic',
  cycleRecovery: (cycleId: number) => `/developer/v2/cycle/${cycleId}/recovery`,
} as const;

/** Collection path of each mapped resource; one document is `${path}/${id}` except recovery (see whoop-adapter.ts). */
export const WHOOP_RESOURCES = {
  cycle: '/developer/v2/cycle',
  sleep: '/developer/v2/activity/sleep',
  recovery: '/developer/v2/recovery',
  workout: '/developer/v2/activity/workout',
} as const;

export type WhoopResource = keyof typeof WHOOP_RESOURCES;

export function isWhoopResource(resource: string): resource is WhoopResource {
  return Object.hasOwn(WHOOP_RESOURCES, resource);
}

/** Requests send `nextToken` (and `limit`, at most 25); pages answer `next_token`. */
export const WHOOP_PAGING = { cursorParameter: 'nextToken', limit: 25 } as const;

export const whoopPage = z.object({ records: z.array(z.unknown()), next_token: z.string().min(1).nullish() });

export const whoopProfile = z.object({ user_id: z.number().int() });

/**
 * Signature = base64 HMAC-SHA256(client secret, timestamp + raw body), timestamp in epoch
 * milliseconds (community; implementations disagree on a separator: pinned by the fixture in
 * webhook-signature.test.ts).
 */
export const WHOOP_SIGNATURE: SignatureScheme = {
  signatureHeader: 'x-whoop-signature',
  timestampHeader: 'x-whoop-signature-timestamp',
  encoding: 'base64',
  timestampUnit: 'milliseconds',
  separator: '',
};

/** v2: `id` is a UUID; for recovery events it is the sleep's, not the cycle's. */
export const whoopEvent = z.object({
  user_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  id: z.union([z.string().min(1), z.number().int()]),
  type: z.string().regex(/^[a-z_]+\.(updated|deleted)$/),
  trace_id: z.string().optional(),
});
