import { AppError } from '../errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { UserAccount } from './identity-repo.ts';

/** Sensitive changes need the current password again, not just a session. */
export async function reauthenticate(deps: IdentityDeps, userId: string, currentPassword: string): Promise<UserAccount> {
  const account = await deps.tx.withSystem('re-authentication reads credentials', (sql) => deps.identity.accountById(sql, userId));
  if (!account || !(await deps.passwords.verify(account.passwordHash, currentPassword))) {
    throw new AppError('invalid_credentials', 'The current password is not right.');
  }
  return account;
}
