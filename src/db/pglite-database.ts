import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { Sql } from '../app/ports.ts';
import type { Database } from './database.ts';

/**
 * Embedded Postgres (WASM). One connection: transactions run one after another, which the
 * mutex below guarantees even for callers that interleave.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  #tail: Promise<unknown> = Promise.resolve();
  /** Marks code running inside one of our transactions, to refuse nesting instead of hanging. */
  readonly #inTransaction = new AsyncLocalStorage<true>();
  #waiting = 0;

  private constructor(private readonly pg: PGlite) {}

  /** `dataDir` undefined means in memory. */
  static async open(dataDir?: string, loadDataDir?: Blob): Promise<PgliteDatabase> {
    const pg = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      // Same shapes as node-postgres: int8 and numeric as strings, timestamps as Date.
      parsers: { [types.INT8]: (v: string) => v, [types.NUMERIC]: (v: string) => v },
    });
    return new PgliteDatabase(pg);
  }

  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    if (this.#inTransaction.getStore()) {
      // One connection: a transaction opened inside another would wait for it forever.
      return Promise.reject(new Error('a transaction was opened inside another; on PGlite that would deadlock'));
    }
    this.#waiting += 1;
    const run = this.#tail.then(() => {
      this.#waiting -= 1;
      return this.#inTransaction.run(true, () => this.pg.transaction((tx) => fn(wrap(tx))));
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async exec(script: string, sql: Sql): Promise<void> {
    await (sql as PgliteSql).tx.exec(script);
  }

  poolStats() {
    return { total: 1, idle: this.#waiting === 0 ? 1 : 0, waiting: this.#waiting };
  }

  /** A tarball of the data directory, to start other instances from (test templates). */
  dump(): Promise<Blob> {
    return this.#serialized(() => this.pg.dumpDataDir('none'));
  }

  close(): Promise<void> {
    return this.#serialized(() => this.pg.close());
  }

  #serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

interface PgliteSql extends Sql {
  tx: Transaction;
}

function wrap(tx: Transaction): PgliteSql {
  return {
    tx,
    async query<R>(text: string, params?: unknown[]) {
      const result = await tx.query<R>(text, params as unknown[] | undefined);
      return result.rows;
    },
  } as PgliteSql;
}
