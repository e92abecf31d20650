import type { RequestContext } from '../../identity/resolve-tenant.ts';
import { readablePerson } from '../../ingest/read-access.ts';
import type { PersonRef, Sql } from '../../ports.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { personToday, type LocalToday } from './person-today.ts';

/** Whose insight a request reads, and their local today. */
export interface InsightSubject extends LocalToday {
  person: PersonRef;
}

/**
 * The caller, or (with `userId`) a member on their care team: that read is audited, and anyone
 * else answers 404 (readablePerson). Then the person's local today from their time zone.
 */
export async function insightSubject(
  deps: InsightDeps,
  sql: Sql,
  ctx: RequestContext,
  userId: string | undefined,
  resource: string,
): Promise<InsightSubject> {
  const person = await readablePerson(deps, sql, ctx, userId, { resource });
  return { person, ...(await localTodayOf(deps, sql, person)) };
}

/** The person's local today, from their time zone (UTC until they set one). */
export async function localTodayOf(deps: Pick<InsightDeps, 'ingest' | 'clock'>, sql: Sql, person: PersonRef): Promise<LocalToday> {
  const timeZone = (await deps.ingest.people.timeZone(sql, person.userId)) ?? 'UTC';
  return personToday(deps.clock.now(), timeZone);
}
