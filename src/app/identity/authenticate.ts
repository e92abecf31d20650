import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { IdentityDeps } from './identity-deps.ts';

export type Principal =
  | { kind: 'user'; userId: string; sessionId: string; personalTenantId: string | null; mfaEnabled: boolean }
  | { kind: 'api_key'; keyId: string; tenantId: string; userId: string | null; permissions: string[] };

const API_KEY = /^vk_([a-z0-9]{12})_([A-Za-z0-9_-]{40,})$/;
const unauthorized = () => new AppError('unauthorized', 'Sign in, or send a valid API key.');

/** Who a bearer credential belongs to: a live session's access token, or an unrevoked API key. */
export async function authenticate(deps: IdentityDeps, bearer: string): Promise<Principal> {
  const key = API_KEY.exec(bearer);
  if (key) return authenticateApiKey(deps, key[1]!, bearer);
  const claims = await deps.accessTokens.verify(bearer);
  const facts = await deps.verifiedSessions.session(claims.userId, claims.sessionId, () =>
    deps.tx.withSystem('authenticate a request by its session', async (sql) => {
      const live = await deps.identity.familyIsLive(sql, claims.sessionId, claims.userId, deps.clock.now());
      const account = live ? await deps.identity.accountById(sql, claims.userId) : undefined;
      return account && { userId: account.id, personalTenantId: account.personalTenantId, mfaEnabled: Boolean(account.mfaEnabledAt) };
    }),
  );
  if (!facts) throw unauthorized();
  return { kind: 'user', userId: facts.userId, sessionId: claims.sessionId, personalTenantId: facts.personalTenantId, mfaEnabled: facts.mfaEnabled };
}

/**
 * A key's row is remembered only once the presented key matched its digest, and its last use
 * is recorded then: at most once per memo TTL and node, not on every request. A remembered
 * row is checked against the presented key again, so the prefix alone admits nobody.
 */
async function authenticateApiKey(deps: IdentityDeps, prefix: string, presented: string): Promise<Principal> {
  const digest = deps.random.digest(presented);
  const found = await deps.verifiedSessions.apiKey(prefix, () =>
    deps.tx.withSystem('authenticate a request by its API key', async (sql) => {
      const row = await deps.identity.liveApiKeyByPrefix(sql, prefix);
      if (!row || !sameDigest(row.keyHash, digest)) return undefined;
      await deps.identity.markApiKeyUsed(sql, row.id, deps.clock.now());
      return row;
    }),
  );
  if (!found || !sameDigest(found.keyHash, digest)) throw unauthorized();
  return { kind: 'api_key', keyId: found.id, tenantId: found.tenantId, userId: found.createdBy, permissions: found.permissions };
}

function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
