import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InProcessPubSub } from '../../adapters/pubsub/memory-pubsub.ts';
import { ACCESS_CHANGES_CHANNEL, announceOver, listenForAccessChanges } from './access-changes.ts';
import { VerifiedSessionMemo, type SessionFacts } from './verified-session-memo.ts';

const ANA = '018f0000-0000-7000-8000-00000000000a';
const FAMILY = '018f0000-0000-7000-8000-0000000000f1';
const facts: SessionFacts = { userId: ANA, personalTenantId: null, mfaEnabled: false };

/** Two nodes' memos sharing one pub/sub, each holding ana's session. */
async function twoNodes() {
  const pubsub = new InProcessPubSub();
  const nodes = [0, 1].map(() => new VerifiedSessionMemo({ ttlMs: 60_000, maxEntries: 10, now: () => 0 }));
  for (const memo of nodes) {
    await listenForAccessChanges(pubsub, memo);
    await memo.session(ANA, FAMILY, async () => facts);
  }
  return { pubsub, here: nodes[0]!, there: nodes[1]! };
}

/** Whether `memo` still answers ana's session without loading. */
async function remembers(memo: VerifiedSessionMemo): Promise<boolean> {
  let loaded = false;
  await memo.session(ANA, FAMILY, async () => {
    loaded = true;
    return undefined;
  });
  return !loaded;
}

const delivered = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('access changes over pub/sub', () => {
  it('forgets on the announcing node before the announcement is even published, and on every other node as it arrives', async () => {
    const { pubsub, here, there } = await twoNodes();
    const announcing = announceOver(pubsub, here).announce({ kind: 'session-ended', userId: ANA, familyId: FAMILY });
    assert.equal(await remembers(here), false);
    await announcing;
    await delivered();
    assert.equal(await remembers(there), false);
    await pubsub.close();
  });

  it('forgets everything on an announcement it cannot read, rather than guess', async () => {
    const { pubsub, there } = await twoNodes();
    await pubsub.publish(ACCESS_CHANGES_CHANNEL, { changes: [{ kind: 'session-ended', userId: 'not-an-id' }] });
    await delivered();
    assert.equal(await remembers(there), false);
    await pubsub.close();
  });

  it('forgets only what a readable announcement names: another session of the person stays', async () => {
    const { pubsub, there } = await twoNodes();
    await pubsub.publish(ACCESS_CHANGES_CHANNEL, { changes: [{ kind: 'session-ended', userId: ANA, familyId: '018f0000-0000-7000-8000-0000000000f2' }] });
    await delivered();
    assert.equal(await remembers(there), true);
    await pubsub.close();
  });
});
