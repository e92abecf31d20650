import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { databaseKinds, freshDatabase } from '../../test/support/databases.ts';
import { migrate } from './migrate.ts';
import { createTransactions } from './with-tenant.ts';

for (const kind of databaseKinds) {
  describe(`withTenant on ${kind}`, () => {
    it('scopes reads to the tenant set for the transaction and forgets it afterwards', async () => {
      const db = await freshDatabase(kind);
      const reasons: string[] = [];
      const tx = createTransactions(db, (reason) => reasons.push(reason));
      const [a, b] = [uuidv7(), uuidv7()];
      await tx.withSystem('test setup', async (sql) => {
        await sql.query(`insert into tenants (id, slug, name, type) values ($1, $2, 'A', 'team'), ($3, $4, 'B', 'team')`, [
          a, `a-${a.slice(-8)}`, b, `b-${b.slice(-8)}`,
        ]);
      });
      const seen = await tx.withTenant({ tenantId: a }, (sql) => sql.query<{ id: string }>('select id from tenants'));
      assert.deepEqual(seen.map((r) => r.id), [a]);
      const after = await tx.withSystem('read settings', (sql) =>
        sql.query<{ t: string; r: string }>(`select current_setting('app.tenant_id', true) as t, current_user as r`),
      );
      assert.equal(after[0]?.t ?? '', '');
      assert.notEqual(after[0]?.r, 'vitalis_app');
      assert.deepEqual(reasons, ['test setup', 'read settings']);
    });

    it('refuses statements that would leave the tenant scope, and lets ordinary ones through', async () => {
      const db = await freshDatabase(kind);
      const tx = createTransactions(db, () => undefined);
      const tenantId = uuidv7();
      for (const escape of [
        'reset role',
        'RESET ALL',
        'commit',
        'select 1; rollback',
        'set role postgres',
        'SET SESSION AUTHORIZATION postgres',
        "set local app.tenant_id = 'x'",
        "select set_config('app.tenant_id', 'x', false)",
        'begin',
        'end',
        'discard all',
      ]) {
        await assert.rejects(tx.withTenant({ tenantId }, (sql) => sql.query(escape)), /may not end the transaction/, escape);
      }
      const rows = await tx.withTenant({ tenantId }, (sql) =>
        sql.query<{ role: string }>(`select 'admin' as role union all select current_user::text order by 1`),
      );
      assert.deepEqual(rows.map((r) => r.role), ['admin', 'vitalis_app']);
    });

    it('answers not_found for a malformed tenant id', async () => {
      const db = await freshDatabase(kind);
      const tx = createTransactions(db, () => undefined);
      await assert.rejects(tx.withTenant({ tenantId: 'nope' }, async () => 1), { code: 'not_found' });
    });

    it('applies each migration once, even when two nodes migrate at the same time', async () => {
      const db = await freshDatabase(kind);
      const results = await Promise.all([migrate(db), migrate(db)]);
      assert.deepEqual(results, [[], []]);
    });
  });
}

describe('PGlite transactions', () => {
  it('refuses a transaction opened inside another instead of deadlocking', async () => {
    const db = await freshDatabase('pglite');
    const tx = createTransactions(db, () => undefined);
    await assert.rejects(
      tx.withSystem('outer', () => tx.withSystem('inner', async () => 1)),
      /inside another; on PGlite that would deadlock/,
    );
    assert.equal(await tx.withSystem('after', async () => 2), 2, 'the database is usable afterwards');
  });
});
