import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Sql, TenantContext, Transactions } from '../../../src/app/ports.ts';
import { APP_ROLE, type Database } from '../../../src/db/database.ts';
import { PostgresDatabase } from '../../../src/db/postgres-database.ts';
import { createTransactions } from '../../../src/db/with-tenant.ts';
import { databaseKinds, freshDatabase, freshPostgres, type DatabaseKind } from '../../support/databases.ts';
import { runSoak } from './soak.ts';

/** A fresh database; on Postgres, its own pool of `connections`. */
async function withSoakDatabase<T>(kind: DatabaseKind, connections: number, fn: (db: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') return fn(await freshDatabase('pglite'));
  const { url } = await freshPostgres();
  const db = await PostgresDatabase.open(url, connections);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** withTenant written wrong: `configure` stands in for how the real one sets up each transaction. */
function miswrittenTransactions(db: Database, configure: (sql: Sql, ctx: TenantContext) => Promise<unknown>): Transactions {
  const real = createTransactions(db, () => undefined);
  return {
    withSystem: real.withSystem,
    withTenant<T>(ctx: TenantContext, fn: (sql: Sql) => Promise<T>): Promise<T> {
      return db.transaction(async (sql) => {
        await configure(sql, ctx);
        return fn(sql);
      });
    },
  };
}

/** The settings outlive the transaction (is_local = false). */
const sessionLevelTransactions = (db: Database) =>
  miswrittenTransactions(db, (sql, ctx) =>
    sql.query(
      `select set_config('role', $1, false), set_config('app.tenant_id', $2, false),
              set_config('app.user_id', $3, false), set_config('app.role', $4, false)`,
      [APP_ROLE, ctx.tenantId, ctx.userId ?? '', ctx.role ?? ''],
    ),
  );

/** The tenant is set but the role never switches, so RLS never applies. */
const ownerTransactions = (db: Database) =>
  miswrittenTransactions(db, (sql, ctx) =>
    sql.query(
      `select set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true), set_config('app.role', $3, true)`,
      [ctx.tenantId, ctx.userId ?? '', ctx.role ?? ''],
    ),
  );

for (const kind of databaseKinds) {
  describe(`pool-leak soak on ${kind}`, () => {
    it(`runs 10,000 interleaved withTenant operations of two tenants on ${kind === 'postgres' ? 'a pool of 2' : 'the one connection'} without crossing or leaking`, async () => {
      const connections = 2;
      const operations = 10_000;
      await withSoakDatabase(kind, connections, async (db) => {
        // A system probe is queued behind every operation: on PGlite's one connection they
        // alternate strictly; on the pool they are handed out in order, so each connection is
        // probed again and again between tenant transactions.
        const report = await runSoak(db, { operations, concurrency: 16, probeEvery: 1 });
        console.log(
          `soak on ${kind}: ${report.operations} operations, ${report.probes} probes on ${report.connections} connection(s), ` +
            `${report.ownRows} own rows seen, ${report.foreignRows} foreign, ${report.expectedFailures} planned failures, ${report.elapsedMs} ms`,
        );
        assert.equal(report.foreignRows, 0, 'rows of the other tenant were seen');
        assert.deepEqual(report.leaks.slice(0, 10), [], 'a finished transaction left settings on its connection');
        assert.deepEqual(report.problems.slice(0, 10), []);
        assert.ok(report.ownRows > operations, `only ${report.ownRows} own rows seen: the reads saw too little to prove anything`);
        // Kinds 8 and 9 of every 10 are meant to fail: 20 % of all operations.
        assert.equal(report.expectedFailures, operations / 5);
        assert.equal(report.probes, operations);
        assert.equal(report.connections, kind === 'postgres' ? connections : 1, 'the probes did not reach every pooled connection');
        assert.equal(db.poolStats().waiting, 0);
        assert.ok(db.poolStats().total <= (kind === 'postgres' ? connections : 1));
      });
    });

    it('catches a withTenant whose settings outlive the transaction', async () => {
      await withSoakDatabase(kind, 2, async (db) => {
        const report = await runSoak(db, { operations: 200, concurrency: 8, probeEvery: 4, transactions: sessionLevelTransactions(db) });
        assert.ok(report.leaks.some((l) => l.startsWith('app.tenant_id = ')), report.leaks.slice(0, 3).join('; '));
        assert.ok(report.leaks.some((l) => l === `current_user = ${APP_ROLE}`), report.leaks.slice(0, 3).join('; '));
      });
    });

    it('catches a withTenant that never switches to the app role', async () => {
      await withSoakDatabase(kind, 2, async (db) => {
        const report = await runSoak(db, { operations: 200, concurrency: 8, probeEvery: 4, transactions: ownerTransactions(db) });
        assert.ok(report.foreignRows > 0);
        assert.ok(report.problems.some((p) => p.includes('ran as')));
      });
    });
  });
}
