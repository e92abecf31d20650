import type { Role } from '../ports.ts';
import { ExpiringMap, type ExpiringMapOptions } from './expiring-map.ts';

/** What authentication learns from a live session family: the account behind it. */
export interface SessionFacts {
  userId: string;
  personalTenantId: string | null;
  mfaEnabled: boolean;
}

/** What resolving a tenant learns from a membership. */
export interface MembershipFacts {
  role: Role;
  requireMfa: boolean;
}

/** An unrevoked API key as stored: its digest, never the key. */
export interface ApiKeyFacts {
  id: string;
  tenantId: string;
  createdBy: string | null;
  keyHash: string;
  permissions: string[];
}

/** A change to who may do what that must hold from the next request on, on every node. */
export type AccessChange =
  /** One session family ended (sign-out, a replayed refresh token). */
  | { kind: 'session-ended'; userId: string; familyId: string }
  /** Every session of the person is to be re-read: all signed out, password or MFA changed. */
  | { kind: 'account-changed'; userId: string }
  /** The person's role in the tenant changed, or they left it. */
  | { kind: 'membership-changed'; tenantId: string; userId: string }
  /** A tenant-wide access policy changed (requiring MFA). */
  | { kind: 'tenant-policy-changed'; tenantId: string }
  | { kind: 'api-key-revoked'; keyId: string };

/** Facts, and the id a broad change finds them by: the person, the tenant or the key. */
interface Remembered<F> {
  owner: string;
  facts: F;
}

/**
 * What the database said about a session, a membership or an API key, remembered for a few
 * seconds so that authenticated requests need no database round trip. Each entry is keyed by
 * every id it depends on — (person, session family), (tenant, person), key prefix — so one
 * person's or tenant's facts can never answer for another. A change of access forgets what it
 * touches (announced to every node, see access-changes.ts); the TTL bounds only what a lost
 * announcement would leave behind. Negative answers are never remembered.
 */
export class VerifiedSessionMemo {
  readonly #sessions: ExpiringMap<Remembered<SessionFacts>>;
  readonly #memberships: ExpiringMap<Remembered<MembershipFacts>>;
  readonly #apiKeys: ExpiringMap<Remembered<ApiKeyFacts>>;
  /** Counts changes; a load that overlapped one is not remembered. */
  #changes = 0;

  constructor(options: ExpiringMapOptions) {
    this.#sessions = new ExpiringMap(options);
    this.#memberships = new ExpiringMap(options);
    this.#apiKeys = new ExpiringMap(options);
  }

  /** The live family's account facts, remembered or loaded; undefined when the family is not live. */
  session(userId: string, familyId: string, load: () => Promise<SessionFacts | undefined>): Promise<SessionFacts | undefined> {
    return this.#remember(this.#sessions, sessionKey(userId, familyId), userId, load);
  }

  membership(tenantId: string, userId: string, load: () => Promise<MembershipFacts | undefined>): Promise<MembershipFacts | undefined> {
    return this.#remember(this.#memberships, membershipKey(tenantId, userId), tenantId, load);
  }

  /** By the key's public prefix; the caller still compares the presented key with the digest. */
  apiKey(prefix: string, load: () => Promise<ApiKeyFacts | undefined>): Promise<ApiKeyFacts | undefined> {
    return this.#remember(this.#apiKeys, prefix, undefined, load);
  }

  forget(change: AccessChange): void {
    this.#changes += 1;
    switch (change.kind) {
      case 'session-ended':
        this.#sessions.delete(sessionKey(change.userId, change.familyId));
        break;
      case 'account-changed':
        this.#sessions.deleteWhere((entry) => entry.owner === change.userId);
        break;
      case 'membership-changed':
        this.#memberships.delete(membershipKey(change.tenantId, change.userId));
        break;
      case 'tenant-policy-changed':
        this.#memberships.deleteWhere((entry) => entry.owner === change.tenantId);
        break;
      case 'api-key-revoked':
        this.#apiKeys.deleteWhere((entry) => entry.facts.id === change.keyId);
        break;
    }
  }

  /** Forgets everything: for an announcement that cannot be read. */
  forgetAll(): void {
    this.#changes += 1;
    for (const map of [this.#sessions, this.#memberships, this.#apiKeys]) map.clear();
  }

  async #remember<F>(map: ExpiringMap<Remembered<F>>, key: string, owner: string | undefined, load: () => Promise<F | undefined>): Promise<F | undefined> {
    const hit = map.get(key);
    if (hit) return hit.facts;
    const changesBefore = this.#changes;
    const facts = await load();
    // A change forgotten while the load ran may have committed after its rows were read.
    if (facts !== undefined && changesBefore === this.#changes) map.set(key, { owner: owner ?? key, facts });
    return facts;
  }
}

const sessionKey = (userId: string, familyId: string) => `${userId}/${familyId}`;
const membershipKey = (tenantId: string, userId: string) => `${tenantId}/${userId}`;
