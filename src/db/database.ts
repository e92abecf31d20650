import type { Sql } from '../app/ports.ts';

/** The app role every tenant-scoped transaction switches to. Owns nothing, bypasses nothing. */
export const APP_ROLE = 'vitalis_app';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * A connection to PGlite or Postgres as the owning role (the one that runs migrations).
 * Tenant code never sees this: it goes through Transactions (with-tenant.ts).
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(script: string, sql: Sql): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}
