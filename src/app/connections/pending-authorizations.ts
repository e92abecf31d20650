import { createHash } from 'node:crypto';
import type { PersonRef } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';

/** Long enough to sign in at the vendor and consent; a code is worth minutes anyway. */
const PENDING_TTL_MS = 10 * 60_000;

/** An authorization waiting for its callback: who started it, and its state and PKCE verifier. */
export interface PendingConnection extends PersonRef {
  vendor: string;
  state: string;
  codeVerifier?: string;
}

/** The callback arrives from the browser with the state only: the state finds the pending authorization. */
const keyOf = (state: string) => `connections:pending:${createHash('sha256').update(state).digest('hex')}`;

/** Kept sealed (the verifier is a secret), under a digest of the state, for a few minutes. */
export async function keepPending(deps: Pick<ConnectionDeps, 'cache' | 'secretBox'>, pending: PendingConnection): Promise<void> {
  const key = keyOf(pending.state);
  await deps.cache.set(key, deps.secretBox.seal(JSON.stringify(pending), key), PENDING_TTL_MS);
}

/** The pending authorization of `state`, once: a second callback with it finds nothing. */
export async function takePending(deps: Pick<ConnectionDeps, 'cache' | 'secretBox'>, state: string): Promise<PendingConnection | undefined> {
  const key = keyOf(state);
  const sealed = await deps.cache.get<string>(key);
  if (sealed === undefined) return undefined;
  await deps.cache.delete(key);
  return JSON.parse(deps.secretBox.open(sealed, key)) as PendingConnection;
}
