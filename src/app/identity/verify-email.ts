import { AppError } from '../errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { consumeEmailToken } from './email-tokens.ts';
import { auditAccount } from './user-audit.ts';
import { isUniqueViolation } from './unique-violation.ts';

/** Confirms an address: the one signed up with, or a new one asked for by change-email. */
export async function verifyEmail(deps: IdentityDeps, token: string): Promise<{ verified: true }> {
  await deps.tx
    .withSystem('verify an email address from a mailed link', async (sql) => {
      const row = await consumeEmailToken(deps, sql, token, ['verify_email', 'change_email']);
      const account = await deps.identity.accountById(sql, row.userId);
      if (!account) throw new AppError('invalid_token', 'This link is invalid, was used already, or has expired.');
      const now = deps.clock.now();
      if (row.purpose === 'change_email' && row.newEmail) {
        await deps.identity.changeEmail(sql, account.id, row.newEmail, now);
        await auditAccount(deps, sql, account, { action: 'user.email_changed', details: { from: account.email, to: row.newEmail } });
      } else {
        await deps.identity.markEmailVerified(sql, account.id, now);
        await auditAccount(deps, sql, account, { action: 'user.email_verified' });
      }
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'Another account uses this email address now.');
      throw error;
    });
  return { verified: true };
}
