import type { Sql } from '../../../src/app/ports.ts';
import type { Database } from '../../../src/db/database.ts';

class Rollback<T> {
  constructor(readonly value: T) {}
}

/**
 * Runs `fn` as the owner in a transaction that is always rolled back, and returns what `fn`
 * returned: a deliberately broken schema lives only inside it.
 */
export async function inScratchTransaction<T>(db: Database, fn: (sql: Sql) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (sql) => {
      throw new Rollback(await fn(sql));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
  throw new Error('the scratch transaction committed');
}

/** A name no other test or database of the cluster uses (roles are cluster-wide on Postgres). */
export function scratchName(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}
