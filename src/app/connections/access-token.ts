import type { PersonRef, VendorClient } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';
import { openTokens, sealTokens } from './connection-tokens.ts';

/** Tokens are refreshed this long before they lapse, so no request goes out with one about to. */
export const REFRESH_AHEAD_MS = 5 * 60_000;
/** Longer than a refresh can take (the vendor HTTP timeout is 15 s); a worker that died holding it lets it lapse. */
const REFRESH_LEASE_MS = 60_000;
const LEASE_POLL_MS = 200;

/** The connection is gone, or cannot be used until the person connects again. */
export class ConnectionUnusable extends Error {
  constructor(readonly reason: 'disconnected' | 'reauthorization_required') {
    super(`the connection is unusable (${reason})`);
    this.name = 'ConnectionUnusable';
  }
}

/**
 * A live access token for the connection: the stored one, or a new one when it lapses within
 * REFRESH_AHEAD_MS or the vendor just refused it (`refused`). Refreshes of one connection never
 * overlap, across workers and nodes (a lease on the row): refresh tokens work once, and some
 * vendors revoke the whole grant when one is used twice. A worker that finds the lease taken
 * waits for it, then uses what the other one stored.
 */
export async function accessToken(deps: ConnectionDeps, person: PersonRef, connectionId: string, client: VendorClient, refused?: string): Promise<string> {
  const repo = deps.connections.connections;
  const deadline = deps.clock.now().getTime() + 2 * REFRESH_LEASE_MS;
  for (;;) {
    const connection = await deps.tx.withTenant(person, (sql) => repo.get(sql, connectionId));
    if (!connection?.sealedTokens) throw new ConnectionUnusable('disconnected');
    const tokens = openTokens(deps.secretBox, person.tenantId, connectionId, connection.sealedTokens);
    const now = deps.clock.now();
    const lapsing = connection.tokenExpiresAt !== null && Date.parse(connection.tokenExpiresAt) - now.getTime() < REFRESH_AHEAD_MS;
    if (!lapsing && tokens.accessToken !== refused) return tokens.accessToken;
    if (tokens.refreshToken === undefined) throw new ConnectionUnusable('reauthorization_required');

    const until = new Date(now.getTime() + REFRESH_LEASE_MS);
    if (!(await deps.tx.withTenant(person, (sql) => repo.claimRefresh(sql, connectionId, now, until)))) {
      if (now.getTime() > deadline) throw new Error('the refresh lease of a connection was held too long');
      await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
      continue;
    }
    let fresh;
    try {
      fresh = await client.refresh(tokens.refreshToken);
    } catch (error) {
      await deps.tx.withTenant(person, (sql) => repo.releaseRefresh(sql, connectionId));
      throw error;
    }
    const kept = { ...fresh, refreshToken: fresh.refreshToken ?? tokens.refreshToken };
    deps.logger.debug({ tenantId: person.tenantId, connectionId, vendor: client.vendor, expiresAt: kept.expiresAt }, 'vendor tokens refreshed');
    await deps.tx.withTenant(person, (sql) =>
      repo.storeTokens(sql, connectionId, { sealedTokens: sealTokens(deps.secretBox, person.tenantId, connectionId, kept), tokenExpiresAt: kept.expiresAt ?? null }, deps.clock.now()),
    );
    return kept.accessToken;
  }
}

/** Calls the vendor with the connection's access token; a token the vendor refuses is refreshed once and the call made again. */
export async function withAccessToken<T>(deps: ConnectionDeps, person: PersonRef, connectionId: string, client: VendorClient, call: (token: string) => Promise<T>): Promise<T> {
  const token = await accessToken(deps, person, connectionId, client);
  try {
    return await call(token);
  } catch (error) {
    if (deps.vendors.failureOf(error, 1)?.code !== 'unauthorized') throw error;
    return call(await accessToken(deps, person, connectionId, client, token));
  }
}
