import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VerifiedSessionMemo, type AccessChange, type ApiKeyFacts, type MembershipFacts, type SessionFacts } from './verified-session-memo.ts';

const ANA = '018f0000-0000-7000-8000-00000000000a';
const BEN = '018f0000-0000-7000-8000-00000000000b';
const FAMILY_1 = '018f0000-0000-7000-8000-0000000000f1';
const FAMILY_2 = '018f0000-0000-7000-8000-0000000000f2';
const TEAM = '018f0000-0000-7000-8000-0000000000c1';
const CLINIC = '018f0000-0000-7000-8000-0000000000c2';
const KEY = '018f0000-0000-7000-8000-0000000000e1';

/** A loader that answers `facts` and counts its calls: a call is a database round trip. */
function loader<F>(facts: F | undefined) {
  const load = async () => {
    load.calls += 1;
    return facts;
  };
  load.calls = 0;
  return load;
}

function memoAt(ttlMs = 5_000) {
  const clock = { ms: 0 };
  return { memo: new VerifiedSessionMemo({ ttlMs, maxEntries: 100, now: () => clock.ms }), clock };
}

const sessionOf = (userId: string): SessionFacts => ({ userId, personalTenantId: TEAM, mfaEnabled: false });
const member: MembershipFacts = { role: 'member', requireMfa: false };
const apiKey: ApiKeyFacts = { id: KEY, tenantId: TEAM, createdBy: ANA, keyHash: 'ab', permissions: ['samples:read'] };

/** Looks up ana's and ben's sessions and memberships and a key, applies `change`, and names the lookups still answered without a load. */
async function survivors(change: AccessChange): Promise<string[]> {
  const { memo } = memoAt();
  const factsOfEveryKind = { ...sessionOf(ANA), ...member, ...apiKey };
  const load = loader(factsOfEveryKind);
  const lookUps: Record<string, () => Promise<unknown>> = {
    'ana/1': () => memo.session(ANA, FAMILY_1, load),
    'ana/2': () => memo.session(ANA, FAMILY_2, load),
    'ben/1': () => memo.session(BEN, FAMILY_1, load),
    'team/ana': () => memo.membership(TEAM, ANA, load),
    'team/ben': () => memo.membership(TEAM, BEN, load),
    'clinic/ana': () => memo.membership(CLINIC, ANA, load),
    key: () => memo.apiKey('abcdefghijkl', load),
  };
  for (const lookUp of Object.values(lookUps)) await lookUp();
  memo.forget(change);
  const kept: string[] = [];
  for (const [name, lookUp] of Object.entries(lookUps)) {
    const before = load.calls;
    await lookUp();
    if (load.calls === before) kept.push(name);
  }
  return kept;
}

describe('VerifiedSessionMemo', () => {
  it('answers a repeated lookup without loading, for the TTL, then loads again', async () => {
    const { memo, clock } = memoAt(5_000);
    const load = loader(sessionOf(ANA));
    assert.deepEqual(await memo.session(ANA, FAMILY_1, load), sessionOf(ANA));
    clock.ms += 4_999;
    assert.deepEqual(await memo.session(ANA, FAMILY_1, load), sessionOf(ANA));
    assert.equal(load.calls, 1);
    clock.ms += 1;
    await memo.session(ANA, FAMILY_1, load);
    assert.equal(load.calls, 2, 'expired after the TTL');
  });

  it("keys every fact by all the ids it depends on: one person's, family's or tenant's facts never answer for another", async () => {
    const { memo } = memoAt();
    await memo.session(ANA, FAMILY_1, loader(sessionOf(ANA)));
    await memo.membership(TEAM, ANA, loader({ role: 'admin', requireMfa: false }));
    const benSameFamilyId = loader(undefined);
    assert.equal(await memo.session(BEN, FAMILY_1, benSameFamilyId), undefined);
    const anaOtherFamily = loader(undefined);
    assert.equal(await memo.session(ANA, FAMILY_2, anaOtherFamily), undefined);
    const benInTeam = loader(member);
    assert.deepEqual(await memo.membership(TEAM, BEN, benInTeam), member);
    const anaInClinic = loader(undefined);
    assert.equal(await memo.membership(CLINIC, ANA, anaInClinic), undefined);
    assert.deepEqual([benSameFamilyId.calls, anaOtherFamily.calls, benInTeam.calls, anaInClinic.calls], [1, 1, 1, 1]);
  });

  it('never remembers a refusal: a dead session or a missing membership is read again every time', async () => {
    const { memo } = memoAt();
    const dead = loader<SessionFacts>(undefined);
    await memo.session(ANA, FAMILY_1, dead);
    await memo.session(ANA, FAMILY_1, dead);
    const outsider = loader<MembershipFacts>(undefined);
    await memo.membership(TEAM, BEN, outsider);
    await memo.membership(TEAM, BEN, outsider);
    assert.deepEqual([dead.calls, outsider.calls], [2, 2]);
  });

  it('forgets exactly what each change touches', async () => {
    assert.deepEqual(await survivors({ kind: 'session-ended', userId: ANA, familyId: FAMILY_1 }), ['ana/2', 'ben/1', 'team/ana', 'team/ben', 'clinic/ana', 'key']);
    assert.deepEqual(await survivors({ kind: 'account-changed', userId: ANA }), ['ben/1', 'team/ana', 'team/ben', 'clinic/ana', 'key']);
    assert.deepEqual(await survivors({ kind: 'membership-changed', tenantId: TEAM, userId: ANA }), ['ana/1', 'ana/2', 'ben/1', 'team/ben', 'clinic/ana', 'key']);
    assert.deepEqual(await survivors({ kind: 'tenant-policy-changed', tenantId: TEAM }), ['ana/1', 'ana/2', 'ben/1', 'clinic/ana', 'key']);
    assert.deepEqual(await survivors({ kind: 'api-key-revoked', keyId: KEY }), ['ana/1', 'ana/2', 'ben/1', 'team/ana', 'team/ben', 'clinic/ana']);
  });

  it('does not remember a load that a change overlapped, since it may have read the rows before the change committed', async () => {
    const { memo } = memoAt();
    let release!: () => void;
    const slow = loader(sessionOf(ANA));
    const racing = memo.session(ANA, FAMILY_1, async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return slow();
    });
    memo.forget({ kind: 'session-ended', userId: ANA, familyId: FAMILY_1 });
    release();
    assert.deepEqual(await racing, sessionOf(ANA), 'the request in flight gets what it read');
    const next = loader<SessionFacts>(undefined);
    assert.equal(await memo.session(ANA, FAMILY_1, next), undefined);
    assert.equal(next.calls, 1, 'the next request reads the database again');
  });

  it('forgets everything at once', async () => {
    const { memo } = memoAt();
    await memo.session(ANA, FAMILY_1, loader(sessionOf(ANA)));
    await memo.membership(TEAM, ANA, loader(member));
    await memo.apiKey('abcdefghijkl', loader(apiKey));
    memo.forgetAll();
    const loads = [loader(sessionOf(ANA)), loader(member), loader(apiKey)] as const;
    await memo.session(ANA, FAMILY_1, loads[0]);
    await memo.membership(TEAM, ANA, loads[1]);
    await memo.apiKey('abcdefghijkl', loads[2]);
    assert.deepEqual(loads.map((l) => l.calls), [1, 1, 1]);
  });
});
