import { passwordProblem } from '../../domain/identity/password-policy.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Tenant, User } from '../ports.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { issueEmailToken } from './email-tokens.ts';
import { isUniqueViolation } from './unique-violation.ts';

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
}

/** A new person with a personal tenant they administer; a verification link goes out by mail. */
export async function signUp(deps: IdentityDeps, input: SignUpInput): Promise<{ user: User; tenant: Tenant }> {
  const email = input.email.trim().toLowerCase();
  const problem = passwordProblem(input.password, { email, commonPasswords: deps.commonPasswords });
  if (problem) throw new AppError('validation_failed', `Password: ${problem}.`);
  const passwordHash = await deps.passwords.hash(input.password);

  const created = await deps.tx
    .withSystem('sign-up creates a person and their personal tenant', async (sql) => {
      if (await deps.identity.accountByEmail(sql, email)) {
        throw new AppError('conflict', 'An account with this email exists already: sign in, or reset your password.');
      }
      const userId = deps.ids.newId();
      const tenant = await deps.repos.tenants.insert(sql, {
        id: deps.ids.newId(),
        slug: personalSlug(email, userId),
        name: input.name.trim(),
        type: 'personal',
        branding: {},
        featureFlags: {},
      });
      await deps.identity.insertUser(sql, { id: userId, email, name: input.name.trim(), personalTenantId: tenant.id });
      await deps.identity.insertCredentials(sql, userId, passwordHash);
      await deps.repos.memberships.upsert(sql, { tenantId: tenant.id, userId, role: 'admin' });
      await recordAudit(deps, sql, tenant.id, { action: 'user.signed_up', actorUserId: userId, targetType: 'user', targetId: userId });
      const link = await issueEmailToken(deps, sql, userId, 'verify_email');
      return { user: { id: userId, email, name: input.name.trim() }, tenant, link };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'An account with this email exists already: sign in, or reset your password.');
      throw error;
    });

  await deps.queue.enqueue('mail.send.v1', {
    tenantId: created.tenant.id,
    message: {
      to: email,
      subject: 'Confirm your email for Vitalis',
      text: `Hello ${created.user.name},\n\nConfirm your email address to start using Vitalis:\n${created.link}\n\nThe link is valid for 24 hours. If you did not sign up, ignore this message.`,
    },
  });
  return { user: created.user, tenant: created.tenant };
}

function personalSlug(email: string, userId: string): string {
  const base = (email.split('@')[0] ?? 'me').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'me';
  return `${base}-${userId.replace(/-/g, '').slice(-8)}`;
}
