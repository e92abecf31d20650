import { AppError } from '../errors.ts';
import type { TenantOfUser } from '../ports.ts';
import type { IdentityDeps } from './identity-deps.ts';

export interface Me {
  user: { id: string; email: string; name: string; emailVerified: boolean; mfaEnabled: boolean };
  memberships: TenantOfUser[];
}

/** The signed-in person and every tenant they belong to (for the tenant switcher). */
export async function getMe(deps: IdentityDeps, userId: string): Promise<Me> {
  return deps.tx.withSystem("list a person's own tenants", async (sql) => {
    const account = await deps.identity.accountById(sql, userId);
    if (!account) throw new AppError('unauthorized', 'Sign in again.');
    return {
      user: {
        id: account.id,
        email: account.email,
        name: account.name,
        emailVerified: Boolean(account.emailVerifiedAt),
        mfaEnabled: Boolean(account.mfaEnabledAt),
      },
      memberships: await deps.repos.memberships.tenantsOfUser(sql, userId),
    };
  });
}
