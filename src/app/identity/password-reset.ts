import { passwordProblem } from '../../domain/identity/password-policy.ts';
import { AppError } from '../errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { consumeEmailToken, issueEmailToken } from './email-tokens.ts';
import { auditAccount } from './user-audit.ts';

const RESET_MAILS_PER_HOUR = 5;

/** Mails a reset link when the address has an account; the answer is the same either way. */
export async function requestPasswordReset(deps: IdentityDeps, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const budget = await deps.rateLimiter.hit(`password-reset:${deps.random.digest(email)}`, RESET_MAILS_PER_HOUR, 3_600_000);
  if (!budget.allowed) return;
  const found = await deps.tx.withSystem('password reset request', async (sql) => {
    const account = await deps.identity.accountByEmail(sql, email);
    if (!account?.personalTenantId) return undefined;
    const link = await issueEmailToken(deps, sql, account.id, 'reset_password');
    await auditAccount(deps, sql, account, { action: 'auth.password_reset_requested' });
    return { link, tenantId: account.personalTenantId, name: account.name };
  });
  if (!found) return;
  await deps.queue.enqueue('mail.send.v1', {
    tenantId: found.tenantId,
    message: {
      to: email,
      subject: 'Reset your Vitalis password',
      text: `Hello ${found.name},\n\nSomeone (hopefully you) asked to reset your Vitalis password. Choose a new one here:\n${found.link}\n\nThe link is valid for one hour. If it was not you, ignore this message: your password stays as it is.`,
    },
  });
}

/** Sets a new password from a reset link and ends every session (a thief's included). */
export async function resetPassword(deps: IdentityDeps, token: string, password: string): Promise<void> {
  const hashed = await deps.tx.withSystem('password reset: check the link', async (sql) => {
    const row = await deps.identity.emailTokenByHash(sql, deps.random.digest(token));
    const account = row && (await deps.identity.accountById(sql, row.userId));
    return account?.email;
  });
  if (hashed) {
    const problem = passwordProblem(password, { email: hashed, commonPasswords: deps.commonPasswords });
    if (problem) throw new AppError('validation_failed', `Password: ${problem}.`);
  }
  const passwordHash = await deps.passwords.hash(password);
  const userId = await deps.tx.withSystem('password reset', async (sql) => {
    const row = await consumeEmailToken(deps, sql, token, ['reset_password']);
    const now = deps.clock.now();
    await deps.identity.setPassword(sql, row.userId, passwordHash, now);
    // Whoever could read the mailbox can now sign in; the address is evidently theirs.
    await deps.identity.markEmailVerified(sql, row.userId, now);
    await deps.identity.revokeAllOfUser(sql, row.userId, 'password reset', now);
    const account = await deps.identity.accountById(sql, row.userId);
    if (account) await auditAccount(deps, sql, account, { action: 'auth.password_reset' });
    return row.userId;
  });
  await deps.accessChanges.announce({ kind: 'account-changed', userId });
}
