import { z } from 'zod';
import type { SignatureScheme } from '../webhook-signature.ts';

/**
 * Oura API v2 as documented (see VENDORS.md): endpoints, scopes, paging and webhook signing.
 * A change of endpoint, parameter or signature format is a fix in this file.
 */
export const OURA = 'oura';

export const OURA_DEFAULT_URLS = { apiBaseUrl: 'https://api.ouraring.com', authBaseUrl: 'https://cloud.ouraring.com' } as const;

/** Only what the mapped resources need; `personal` gives personal_info, whose id webhooks carry. */
export const OURA_SCOPES = ['personal', 'daily', 'heartrate', 'workout', 'spo2'] as const;

/** Neither VENDORS.md nor Oura's documentation mentions PKCE: no challenge is sent. */
export const OURA_PKCE = false;

export const OURA_PATHS = {
  /** On the auth base (cloud.ouraring.com); the rest are on the API base. */
  authorize: '/oauth/authorize',
  token: '/oauth/token',
  /** Takes the access token as the `access_token` query parameter (community). */
  revoke: '/oauth/revoke',
  personalInfo: '/v2/usercollection/personal_info',
  collection: (resource: string) => `/v2/usercollection/${resource}`,
  document: (resource: string, id: string) => `/v2/usercollection/${resource}/${encodeURIComponent(id)}`,
} as const;

export type OuraWindowStyle = 'dates' | 'datetimes';

/** How each mapped resource is listed. Heart rate takes instants and its readings have no id or single-document route. */
export const OURA_RESOURCES = {
  daily_activity: { window: 'dates', fetchable: true },
  daily_sleep: { window: 'dates', fetchable: true },
  daily_readiness: { window: 'dates', fetchable: true },
  daily_spo2: { window: 'dates', fetchable: true },
  sleep: { window: 'dates', fetchable: true },
  workout: { window: 'dates', fetchable: true },
  heartrate: { window: 'datetimes', fetchable: false },
} as const satisfies Record<string, { window: OuraWindowStyle; fetchable: boolean }>;

export type OuraResource = keyof typeof OURA_RESOURCES;

export function isOuraResource(resource: string): resource is OuraResource {
  return Object.hasOwn(OURA_RESOURCES, resource);
}

export const OURA_PAGING = { cursorParameter: 'next_token' } as const;

export const ouraPage = z.object({ data: z.array(z.unknown()), next_token: z.string().min(1).nullish() });

export const ouraPersonalInfo = z.object({ id: z.string().min(1) });

/** Signature = upper-case hex HMAC-SHA256(client secret, timestamp + raw body); timestamp in seconds (community). */
export const OURA_SIGNATURE: SignatureScheme = {
  signatureHeader: 'x-oura-signature',
  timestampHeader: 'x-oura-timestamp',
  encoding: 'hex',
  timestampUnit: 'seconds',
  separator: '',
};

export const ouraEvent = z.object({
  event_type: z.enum(['create', 'update', 'delete']),
  data_type: z.string().min(1),
  object_id: z.string().min(1),
  user_id: z.string().min(1),
});
