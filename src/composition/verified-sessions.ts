import { announceOver, listenForAccessChanges, type AccessChanges } from '../app/identity/access-changes.ts';
import { VerifiedSessionMemo } from '../app/identity/verified-session-memo.ts';
import type { PubSub } from '../app/ports.ts';

/** Per kind (sessions, memberships, API keys): a few MB at most, far more than one node serves in one TTL. */
const MAX_ENTRIES = 20_000;

/**
 * The node's memo of verified sessions, listening on the pub/sub for access changes from any
 * node (Redis when scaled out, so every API node forgets at once; in-process when embedded).
 */
export async function openVerifiedSessions(pubsub: PubSub, ttlSeconds: number): Promise<{ verifiedSessions: VerifiedSessionMemo; accessChanges: AccessChanges }> {
  const verifiedSessions = new VerifiedSessionMemo({ ttlMs: ttlSeconds * 1000, maxEntries: MAX_ENTRIES, now: () => performance.now() });
  await listenForAccessChanges(pubsub, verifiedSessions);
  return { verifiedSessions, accessChanges: announceOver(pubsub, verifiedSessions) };
}
