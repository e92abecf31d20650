import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../domain/identity/password-policy.ts';

const email = z.string().trim().email().max(320);
// Length and commonness are judged by the password policy, so its message reaches the person.
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH * 4);
const token = z.string().min(16).max(512);

export const signUpBody = z.object({ email, password, name: z.string().trim().min(1).max(200) }).strict();
export const verifyEmailBody = z.object({ token }).strict();
export const signInBody = z.object({ email, password, totp: z.string().trim().min(6).max(32).optional() }).strict();
export const refreshBody = z.object({ refreshToken: token }).strict();
export const signOutBody = z.object({ refreshToken: token.optional() }).strict();
export const passwordResetRequestBody = z.object({ email }).strict();
export const passwordResetConfirmBody = z.object({ token, password }).strict();
export const changePasswordBody = z.object({ currentPassword: password, newPassword: password }).strict();
export const changeEmailBody = z.object({ currentPassword: password, newEmail: email }).strict();
export const totpConfirmBody = z.object({ code: z.string().trim().min(6).max(12) }).strict();
export const reauthBody = z.object({ currentPassword: password }).strict();

export const tokenPair = z.object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number().int() });

export const publicUser = z.object({ id: z.string().uuid(), email: z.string(), name: z.string() });
export const publicTenant = z.object({ id: z.string().uuid(), slug: z.string(), name: z.string() });

export const meResponse = z.object({
  user: publicUser.extend({ emailVerified: z.boolean(), mfaEnabled: z.boolean() }),
  memberships: z.array(
    z.object({
      tenantId: z.string().uuid(),
      tenantSlug: z.string(),
      tenantName: z.string(),
      tenantType: z.enum(['personal', 'team', 'white_label']),
      role: z.enum(['member', 'clinician', 'admin']),
      branding: z.record(z.string(), z.unknown()),
    }),
  ),
});
