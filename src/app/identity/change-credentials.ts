import { passwordProblem } from '../../domain/identity/password-policy.ts';
import { AppError } from '../errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { issueEmailToken } from './email-tokens.ts';
import { reauthenticate } from './reauthenticate.ts';
import { auditAccount } from './user-audit.ts';

/** A new password; every other session ends, the current one goes on. */
export async function changePassword(deps: IdentityDeps, userId: string, currentSessionId: string, currentPassword: string, newPassword: string): Promise<void> {
  const account = await reauthenticate(deps, userId, currentPassword);
  const problem = passwordProblem(newPassword, { email: account.email, commonPasswords: deps.commonPasswords });
  if (problem) throw new AppError('validation_failed', `Password: ${problem}.`);
  const passwordHash = await deps.passwords.hash(newPassword);
  await deps.tx.withSystem('change password', async (sql) => {
    const now = deps.clock.now();
    await deps.identity.setPassword(sql, userId, passwordHash, now);
    await deps.identity.revokeAllOfUser(sql, userId, 'password changed', now, currentSessionId);
    await auditAccount(deps, sql, account, { action: 'auth.password_changed' });
  });
  await deps.accessChanges.announce({ kind: 'account-changed', userId });
}

/** Mails a confirmation link to the new address; the change happens when it is followed. */
export async function changeEmail(deps: IdentityDeps, userId: string, currentPassword: string, rawNewEmail: string): Promise<void> {
  const account = await reauthenticate(deps, userId, currentPassword);
  const newEmail = rawNewEmail.trim().toLowerCase();
  const link = await deps.tx.withSystem('change email', async (sql) => {
    if (await deps.identity.accountByEmail(sql, newEmail)) return undefined;
    const issued = await issueEmailToken(deps, sql, userId, 'change_email', newEmail);
    await auditAccount(deps, sql, account, { action: 'user.email_change_requested', details: { to: newEmail } });
    return issued;
  });
  if (!link || !account.personalTenantId) return; // the same answer whether or not the address is taken
  await deps.queue.enqueue('mail.send.v1', {
    tenantId: account.personalTenantId,
    message: {
      to: newEmail,
      subject: 'Confirm your new email for Vitalis',
      text: `Hello ${account.name},\n\nConfirm this address for your Vitalis account:\n${link}\n\nUntil you do, you keep signing in with ${account.email}.`,
    },
  });
}
