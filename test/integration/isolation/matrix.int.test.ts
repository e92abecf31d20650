import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTransactions } from '../../../src/db/with-tenant.ts';
import { databaseKinds, freshDatabase } from '../../support/databases.ts';
import { discoverMatrixTables, tablesWithTenantId } from './catalog-checks.ts';
import { COMMANDS, FIXTURES, insertParty, insertUser } from './fixtures.ts';
import { runMatrix, SCOPES } from './matrix.ts';

for (const kind of databaseKinds) {
  describe(`cross-tenant matrix on ${kind}`, () => {
    it('has a fixture for every table in the catalog, and none for a table that is gone', async () => {
      const db = await freshDatabase(kind);
      const tx = createTransactions(db, () => undefined);
      const [discovered, withTenantId] = await tx.withSystem('isolation gate: list tables', async (sql) => [
        await discoverMatrixTables(sql),
        await tablesWithTenantId(sql),
      ]);
      for (const table of ['tenants', 'users', ...withTenantId]) assert.ok(discovered.includes(table), table);
      assert.ok(withTenantId.includes('memberships'), 'tenant_id tables found');
      assert.deepEqual(discovered.filter((t) => !FIXTURES[t]), [], 'tenant tables without a matrix fixture');
      assert.deepEqual(Object.keys(FIXTURES).filter((t) => !discovered.includes(t)).sort(), [], 'fixtures for tables not in the catalog');
    });

    for (const table of Object.keys(FIXTURES)) {
      it(`${table}: every command, scope and role answers as its policies promise`, async () => {
        const db = await freshDatabase(kind);
        const report = await runMatrix(db, { tables: [table] });
        assert.deepEqual(report.failures, []);
        assert.deepEqual(report.tables, [table]);
        // Every command was probed in every scope, and each command allowed to anyone was seen to work.
        for (const command of COMMANDS) {
          for (const scope of SCOPES) {
            assert.ok(report.cells.some((c) => c.probe === command && c.scope === scope), `${command} in ${scope} scope not probed`);
          }
          const allowed = report.cells.filter((c) => c.probe === command && c.expected === 'ok');
          assert.ok(allowed.every((c) => c.actual === 'ok'));
        }
        const denials = report.cells.filter((c) => c.expected !== 'ok').length;
        assert.ok(denials > 0);
        assert.equal(report.pairedDenials, denials);
      });
    }

    it('runs over every tenant table in one call and reports no breach', async () => {
      const db = await freshDatabase(kind);
      const report = await runMatrix(db);
      assert.deepEqual(report.failures, []);
      assert.deepEqual(report.tables, report.discovered);
      // Nothing ever crosses tenants: no cell outside the own tenant succeeds except a person acting on themselves.
      const crossings = report.cells.filter((c) => c.scope !== 'own' && c.actual === 'ok' && c.actor !== 'self');
      assert.deepEqual(crossings, []);
    });
  });
}

for (const kind of databaseKinds) {
  describe(`what a tenant admin may not do, on ${kind}`, () => {
    it('renames and brands the tenant, but cannot change its slug, type or feature flags', async () => {
      const db = await freshDatabase(kind);
      const tx = createTransactions(db, () => undefined);
      const party = await tx.withSystem('isolation: admin limits fixture', (sql) => insertParty(sql, 'limits'));
      const asAdmin = { tenantId: party.tenantId, userId: party.users.admin, role: 'admin' as const };
      await tx.withTenant(asAdmin, (sql) => sql.query(`update tenants set name = 'Renamed', branding = '{"primary":"#123456"}'`));
      for (const change of [`type = 'white_label'`, `slug = 'taken-over'`, `feature_flags = '{"paid": true}'`]) {
        await assert.rejects(tx.withTenant(asAdmin, (sql) => sql.query(`update tenants set ${change}`)), /permission denied/, change);
      }
      const [tenant] = await tx.withSystem('isolation: read back', (sql) =>
        sql.query<{ name: string; type: string; feature_flags: object }>('select name, type, feature_flags from tenants where id = $1', [party.tenantId]),
      );
      assert.deepEqual(tenant, { name: 'Renamed', type: 'team', feature_flags: {} });
    });

    it('cannot add an outsider to the tenant by inserting a membership', async () => {
      const db = await freshDatabase(kind);
      const tx = createTransactions(db, () => undefined);
      const { party, outsider } = await tx.withSystem('isolation: outsider fixture', async (sql) => ({
        party: await insertParty(sql, 'closed'),
        outsider: await insertUser(sql, 'outsider'),
      }));
      const asAdmin = { tenantId: party.tenantId, userId: party.users.admin, role: 'admin' as const };
      await assert.rejects(
        tx.withTenant(asAdmin, (sql) =>
          sql.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, 'member')`, [party.tenantId, outsider]),
        ),
        /permission denied/,
      );
      const seen = await tx.withTenant(asAdmin, (sql) => sql.query('select id from users where id = $1', [outsider]));
      assert.deepEqual(seen, [], "an outsider's identity stays invisible");
    });
  });
}
