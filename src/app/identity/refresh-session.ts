import { AppError } from '../errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { issueTokens, type ClientInfo, type TokenPair } from './sessions.ts';
import { auditAccount } from './user-audit.ts';

const refused = () => new AppError('unauthorized', 'This session has ended; sign in again.');

/**
 * Rotates a refresh token. A token that was rotated already is being replayed — by a thief or
 * by the person after a thief — so the whole family (that sign-in) is revoked.
 */
export async function refreshSession(deps: IdentityDeps, refreshToken: string, client: ClientInfo): Promise<TokenPair> {
  const outcome = await deps.tx.withSystem('refresh a session', async (sql) => {
    const now = deps.clock.now();
    const session = await deps.identity.sessionByTokenHash(sql, deps.random.digest(refreshToken));
    if (!session || session.revokedAt || session.expiresAt <= now) return { kind: 'refused' as const };
    if (session.rotatedAt || !(await deps.identity.markRotated(sql, session.id, now))) {
      await deps.identity.revokeFamily(sql, session.familyId, 'refresh token reused', now);
      const account = await deps.identity.accountById(sql, session.userId);
      if (account) await auditAccount(deps, sql, account, { action: 'auth.refresh_reuse_detected', details: { sessionId: session.familyId, ip: client.ip ?? null } });
      return { kind: 'reused' as const, userId: session.userId, familyId: session.familyId };
    }
    return { kind: 'ok' as const, tokens: await issueTokens(deps, sql, session.userId, session.familyId, client) };
  });
  // The revocation above must commit, so the refusal is thrown only after the transaction.
  if (outcome.kind === 'reused') await deps.accessChanges.announce({ kind: 'session-ended', userId: outcome.userId, familyId: outcome.familyId });
  if (outcome.kind !== 'ok') throw refused();
  return outcome.tokens;
}
