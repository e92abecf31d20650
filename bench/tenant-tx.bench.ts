// What the tenancy door costs: the same read through withTenant (role switch, settings, RLS)
// against a plain owner transaction on the same database. Postgres when DATABASE_URL is set,
// else PGlite.
import { uuidv7 } from 'uuidv7';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { PgliteDatabase } from '../src/db/pglite-database.ts';
import { PostgresDatabase } from '../src/db/postgres-database.ts';
import { createTransactions } from '../src/db/with-tenant.ts';

const url = process.env.DATABASE_URL;
const db: Database = url ? await PostgresDatabase.open(url, 4) : await PgliteDatabase.open();
await migrate(db);
const tx = createTransactions(db, () => undefined);
const tenantId = uuidv7();
await db.transaction(async (sql) => {
  await sql.query(`insert into tenants (id, slug, name, type) values ($1, $2, 'Bench', 'team')`, [tenantId, `bench-${tenantId.slice(-12)}`]);
});

const N = url ? 5000 : 2000;
const CONCURRENCY = url ? 4 : 1;
const read = 'select id, slug from tenants where id = $1';

async function timed(label: string, op: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 200; i += 1) await op(); // warm-up
  const start = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        next += 1;
        await op();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = N / seconds;
  console.log(`${label.padEnd(40)} ${perSecond.toFixed(0).padStart(8)} tx/s`);
  return perSecond;
}

console.log(`tenant-tx on ${db.kind}: ${N} transactions, concurrency ${CONCURRENCY}`);
const baseline = await timed('owner transaction (baseline)', () => db.transaction((sql) => sql.query(read, [tenantId])));
const scoped = await timed('withTenant (role + settings + RLS)', () => tx.withTenant({ tenantId }, (sql) => sql.query(read, [tenantId])));
console.log(`ratio withTenant / baseline: ${(scoped / baseline).toFixed(2)}`);
await db.close();
