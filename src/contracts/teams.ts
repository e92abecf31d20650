import { z } from 'zod';
import { PERMISSIONS } from '../domain/identity/permissions.ts';
import { ROLES } from '../domain/identity/role.ts';

// ------------------------------------------------------------------ path parameters

const id = z.string().uuid();
/** A name shown in mail subjects and headings: one line, no control characters. */
const label = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\p{Cc}]*$/u, 'no control characters');

export const tenantParams = z.object({ tenantId: id });
export const memberParams = z.object({ tenantId: id, userId: id });
export const invitationParams = z.object({ tenantId: id, invitationId: id });
export const apiKeyParams = z.object({ tenantId: id, apiKeyId: id });
export const careTeamParams = z.object({ tenantId: id, clinicianId: id, memberId: id });
export const invitationTokenParams = z.object({ token: z.string().min(16).max(512) });

// ------------------------------------------------------------------ bodies

export const role = z.enum(ROLES);
export const permission = z.enum(PERMISSIONS);

/**
 * Routes that take no body refuse one with content, rather than ignoring what a client meant.
 * Fastify hands a request without a body over as null.
 */
export const noBody = z.object({}).strict().nullish();

export const changeRoleBody = z.object({ role }).strict();

export const inviteBody = z.object({ email: z.string().trim().email().max(320), role }).strict();

const logoUrl = z
  .string()
  .trim()
  .url()
  .max(2048)
  .regex(/^https?:\/\//i, 'an http(s) address');
const primaryColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');

/** Branding keys given replace the stored ones; null removes one. */
export const updateTenantBody = z
  .object({
    name: label(200).optional(),
    branding: z.object({ logoUrl: logoUrl.nullable().optional(), primaryColor: primaryColor.nullable().optional() }).strict().optional(),
    requireMfa: z.boolean().optional(),
  })
  .strict();

export const createApiKeyBody = z
  .object({
    name: label(100),
    permissions: z.array(permission).min(1).max(PERMISSIONS.length * 2),
  })
  .strict();

// ------------------------------------------------------------------ answers

const instant = z.string();

export const memberView = z.object({ userId: id, email: z.string(), name: z.string(), role });
export const membersResponse = z.object({ members: z.array(memberView) });
export const memberResponse = z.object({ member: memberView });

export const invitationCreatedView = z.object({ id, email: z.string(), role, expiresAt: instant });
export const invitationView = invitationCreatedView.extend({ acceptedAt: instant.nullable(), revokedAt: instant.nullable() });
export const invitationCreatedResponse = z.object({ invitation: invitationCreatedView });
export const invitationsResponse = z.object({ invitations: z.array(invitationView) });
export const invitationAcceptedResponse = z.object({ tenantId: id, role });

export const tenantView = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  type: z.enum(['personal', 'team', 'white_label']),
  branding: z.object({ logoUrl: z.string().optional(), primaryColor: z.string().optional() }).catchall(z.unknown()),
  requireMfa: z.boolean(),
});

export const apiKeyCreatedView = z.object({ id, name: z.string(), prefix: z.string(), permissions: z.array(z.string()), createdAt: instant });
export const apiKeyView = apiKeyCreatedView.extend({ lastUsedAt: instant.nullable(), revokedAt: instant.nullable() });
export const apiKeyCreatedResponse = z.object({ apiKey: apiKeyCreatedView, key: z.string() });
export const apiKeysResponse = z.object({ apiKeys: z.array(apiKeyView) });
