import type { Cache, PersonRef } from '../../ports.ts';

/** A computed dashboard, serialized once so that a hit is sent as it is. */
export interface CachedDashboard {
  /** The person's data generation it was computed from (see dashboardGeneration). */
  generation: string;
  /** Epoch ms of the person's next local midnight: "today" changes then. */
  validUntil: number;
  body: string;
}

const NO_GENERATION = 'initial';

const entryKey = (person: PersonRef) => `insight:dashboard:${person.tenantId}:${person.userId}`;
/** Per person, not per tenant: their time zone holds in every tenant, so a change of it makes each of their dashboards stale. */
const generationKey = (person: Pick<PersonRef, 'userId'>) => `insight:dashboard-generation:${person.userId}`;

/**
 * The person's data generation: read before computing and stored with the result, so a
 * computation that raced an invalidation (read old rows, stored after the bump) is never served.
 */
async function dashboardGeneration(cache: Cache, person: PersonRef): Promise<string> {
  return (await cache.get<string>(generationKey(person))) ?? NO_GENERATION;
}

/**
 * The cached body when it is of the current generation and still of today; on a miss, the
 * current generation to compute under (read before any row is, see dashboardGeneration).
 */
export async function lookUpDashboard(cache: Cache, person: PersonRef, now: Date): Promise<{ body: string } | { generation: string }> {
  const [entry, generation] = await Promise.all([cache.get<CachedDashboard>(entryKey(person)), dashboardGeneration(cache, person)]);
  return entry && entry.generation === generation && now.getTime() < entry.validUntil ? { body: entry.body } : { generation };
}

/** Kept for `ttlMs`, or until local midnight if that comes first. */
export async function storeDashboard(cache: Cache, person: PersonRef, entry: CachedDashboard, ttlMs: number, now: Date): Promise<void> {
  await cache.set(entryKey(person), entry, Math.min(ttlMs, Math.max(1, entry.validUntil - now.getTime())));
}

/**
 * Marks the person's data as changed: a new generation, and the entry dropped. The generation
 * outlives any entry (twice the entry TTL), so an expired generation can never revive one.
 */
export async function invalidateDashboard(cache: Cache, person: PersonRef, newGeneration: string, ttlMs: number): Promise<void> {
  await Promise.all([invalidateDashboards(cache, person, newGeneration, ttlMs), cache.delete(entryKey(person))]);
}

/** Makes the person's dashboards in every tenant stale (their entries stay, of a generation no longer current). */
export async function invalidateDashboards(cache: Cache, person: Pick<PersonRef, 'userId'>, newGeneration: string, ttlMs: number): Promise<void> {
  await cache.set(generationKey(person), newGeneration, 2 * ttlMs);
}
