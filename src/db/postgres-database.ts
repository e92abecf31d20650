import pg from 'pg';
import type { Sql } from '../app/ports.ts';
import type { Database } from './database.ts';

const NO_JIT = '-c jit=off';

/** Real Postgres (>= 15) through a node-postgres pool. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string, max: number): Promise<PostgresDatabase> {
    // No JIT: with statistics-less monthly partitions under RLS, a read across many months is
    // estimated dear enough to be JIT-compiled, which took seconds where running it takes
    // milliseconds (the 1 GiB Apple import lost ~50 s so). `options` in DATABASE_URL replace this.
    const pool = new pg.Pool({ connectionString, max, application_name: 'vitalis', options: NO_JIT });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    client.release();
    return new PostgresDatabase(pool);
  }

  async transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const sql: Sql = {
      async query<R>(text: string, params?: unknown[]) {
        const result = await client.query(text, params);
        return result.rows as R[];
      },
    };
    try {
      await client.query('BEGIN');
      const value = await fn(sql);
      await client.query('COMMIT');
      client.release();
      return value;
    } catch (error) {
      await client.query('ROLLBACK').then(
        () => client.release(),
        (rollbackError: Error) => client.release(rollbackError),
      );
      throw error;
    }
  }

  async exec(script: string, sql: Sql): Promise<void> {
    // node-postgres runs a multi-statement string through the simple protocol when it has no parameters.
    await sql.query(script);
  }

  poolStats() {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
