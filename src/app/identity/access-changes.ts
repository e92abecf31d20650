import { z } from 'zod';
import type { PubSub, Unsubscribe } from '../ports.ts';
import type { AccessChange, VerifiedSessionMemo } from './verified-session-memo.ts';

export const ACCESS_CHANGES_CHANNEL = 'identity.access-changed';

const id = z.string().uuid();
const accessChange: z.ZodType<AccessChange> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session-ended'), userId: id, familyId: id }),
  z.object({ kind: z.literal('account-changed'), userId: id }),
  z.object({ kind: z.literal('membership-changed'), tenantId: id, userId: id }),
  z.object({ kind: z.literal('tenant-policy-changed'), tenantId: id }),
  z.object({ kind: z.literal('api-key-revoked'), keyId: id }),
]);
const announcement = z.object({ changes: z.array(accessChange).min(1) });

export interface AccessChanges {
  /**
   * Call after the change has committed (earlier, a request could re-read the old rows): this
   * node forgets at once, every node as the announcement arrives — before the caller's answer
   * leaves, since the publish completes first.
   */
  announce(...changes: AccessChange[]): Promise<void>;
}

export function announceOver(pubsub: PubSub, memo: VerifiedSessionMemo): AccessChanges {
  return {
    async announce(...changes) {
      if (changes.length === 0) return;
      for (const change of changes) memo.forget(change);
      await pubsub.publish(ACCESS_CHANGES_CHANNEL, { changes });
    },
  };
}

/** Makes `memo` forget what any node announces; an announcement it cannot read forgets everything. */
export function listenForAccessChanges(pubsub: PubSub, memo: VerifiedSessionMemo): Promise<Unsubscribe> {
  return pubsub.subscribe(ACCESS_CHANGES_CHANNEL, (message) => {
    const parsed = announcement.safeParse(message);
    if (!parsed.success) return memo.forgetAll();
    for (const change of parsed.data.changes) memo.forget(change);
  });
}
