import type { Sql } from '../ports.ts';
import type { IdentityDeps } from './identity-deps.ts';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/** Issues a refresh token in `familyId` (a new family on sign-in) and an access token for it. */
export async function issueTokens(
  deps: IdentityDeps,
  sql: Sql,
  userId: string,
  familyId: string,
  client: ClientInfo,
): Promise<TokenPair> {
  const now = deps.clock.now();
  const refreshToken = deps.random.token();
  await deps.identity.insertSession(sql, {
    id: deps.ids.newId(),
    userId,
    familyId,
    tokenHash: deps.random.digest(refreshToken),
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.settings.refreshTokenTtlDays * 86_400_000),
    ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 300) } : {}),
    ...(client.ip ? { ip: client.ip } : {}),
  });
  const ttl = deps.settings.accessTokenTtlSeconds;
  const accessToken = await deps.accessTokens.sign({ userId, sessionId: familyId }, ttl);
  return { accessToken, refreshToken, expiresIn: ttl };
}
