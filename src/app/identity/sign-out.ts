import type { IdentityDeps } from './identity-deps.ts';
import { auditAccount } from './user-audit.ts';

/** Ends the session a refresh token belongs to, if it is the caller's. */
export async function signOut(deps: IdentityDeps, userId: string, refreshToken: string | undefined, currentSessionId: string): Promise<void> {
  const familyId = await deps.tx.withSystem('sign out', async (sql) => {
    const session = refreshToken ? await deps.identity.sessionByTokenHash(sql, deps.random.digest(refreshToken)) : undefined;
    const ended = session && session.userId === userId ? session.familyId : currentSessionId;
    await deps.identity.revokeFamily(sql, ended, 'signed out', deps.clock.now());
    const account = await deps.identity.accountById(sql, userId);
    if (account) await auditAccount(deps, sql, account, { action: 'auth.signed_out', details: { sessionId: ended } });
    return ended;
  });
  await deps.accessChanges.announce({ kind: 'session-ended', userId, familyId });
}

/** Ends every session of the person, on every device. */
export async function signOutEverywhere(deps: IdentityDeps, userId: string): Promise<{ sessionsEnded: number }> {
  const ended = await deps.tx.withSystem('sign out everywhere', async (sql) => {
    const sessionsEnded = await deps.identity.revokeAllOfUser(sql, userId, 'signed out everywhere', deps.clock.now());
    const account = await deps.identity.accountById(sql, userId);
    if (account) await auditAccount(deps, sql, account, { action: 'auth.signed_out_everywhere', details: { sessionsEnded } });
    return { sessionsEnded };
  });
  await deps.accessChanges.announce({ kind: 'account-changed', userId });
  return ended;
}
