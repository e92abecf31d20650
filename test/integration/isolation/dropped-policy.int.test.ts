// Mutation checks: break one guard in a scratch database, run the same matrix code the
// matrix suite runs, and require that it reports exactly the breach.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Sql, TenantContext, Transactions } from '../../../src/app/ports.ts';
import { APP_ROLE, type Database } from '../../../src/db/database.ts';
import { createTransactions } from '../../../src/db/with-tenant.ts';
import { databaseKinds, freshDatabase } from '../../support/databases.ts';
import { runMatrix, type MatrixOptions } from './matrix.ts';

async function breakAndRun(db: Database, breakage: string, options: MatrixOptions = {}) {
  const tx = createTransactions(db, () => undefined);
  await tx.withSystem('isolation mutation test: break the schema on purpose', async (sql) => {
    await db.exec(breakage, sql);
  });
  return runMatrix(db, options);
}

const others = ['member', 'clinician', 'admin'].flatMap((actor) => [`[other tenant, as ${actor}]`, `[none tenant, as ${actor}]`]);

for (const kind of databaseKinds) {
  describe(`the matrix catches a broken guard on ${kind}`, () => {
    it('memberships_select weakened to USING (true): other tenants\' memberships, and through them their users, show', async () => {
      const db = await freshDatabase(kind);
      const report = await breakAndRun(
        db,
        `DROP POLICY memberships_select ON memberships;
         CREATE POLICY memberships_select ON memberships FOR SELECT TO vitalis_app USING (true);`,
      );
      const expected = ['memberships', 'users']
        .flatMap((table) => others.map((cell) => `${table} select ${cell}: expected none, got ok`))
        .sort();
      assert.deepEqual([...report.failures].sort(), expected);
    });

    it('memberships_select dropped: the table goes dark even to its own tenant, and the matrix says so', async () => {
      const db = await freshDatabase(kind);
      const report = await breakAndRun(db, 'DROP POLICY memberships_select ON memberships;', { tables: ['memberships'] });
      for (const actor of ['member', 'clinician', 'admin']) {
        assert.ok(report.failures.includes(`memberships select [own tenant, as ${actor}]: expected ok, got none`), report.failures.join('\n'));
      }
      // The denials that used those cells as their control are now unproven, and are reported as such.
      assert.ok(report.failures.some((f) => f.startsWith('memberships select [other tenant, as member]: denial not backed by a passing control')));
    });

    it('care_team_insert without the admin check: members and clinicians can write care teams', async () => {
      const db = await freshDatabase(kind);
      const report = await breakAndRun(
        db,
        `DROP POLICY care_team_insert ON care_team;
         CREATE POLICY care_team_insert ON care_team FOR INSERT TO vitalis_app WITH CHECK (tenant_id = app_tenant_id());`,
        { tables: ['care_team'] },
      );
      assert.deepEqual([...report.failures].sort(), [
        'care_team insert [own tenant, as clinician]: expected rls, got ok',
        'care_team insert [own tenant, as member]: expected rls, got ok',
      ]);
    });

    it('memberships_update checking the role but not the tenant: an admin elsewhere edits this tenant', async () => {
      const db = await freshDatabase(kind);
      const report = await breakAndRun(
        db,
        `DROP POLICY memberships_update ON memberships;
         DROP POLICY memberships_select ON memberships;
         CREATE POLICY memberships_select ON memberships FOR SELECT TO vitalis_app USING (true);
         CREATE POLICY memberships_update ON memberships FOR UPDATE TO vitalis_app USING (app_role() = 'admin') WITH CHECK (true);`,
        { tables: ['memberships'] },
      );
      assert.ok(report.failures.includes('memberships update [other tenant, as admin]: expected none, got ok'), report.failures.join('\n'));
      assert.ok(report.failures.includes('memberships update [none tenant, as admin]: expected none, got ok'), report.failures.join('\n'));
      assert.ok(report.failures.includes('memberships move [own tenant, as admin]: expected rls, got ok'), report.failures.join('\n'));
    });

    it('a grant nobody meant (DELETE on tenants) changes the precise outcome from permission denied to 0 rows', async () => {
      const db = await freshDatabase(kind);
      const report = await breakAndRun(db, `GRANT DELETE ON tenants TO ${APP_ROLE};`, { tables: ['tenants'] });
      const expected = ['own', 'other', 'none']
        .flatMap((scope) => ['member', 'clinician', 'admin'].map((actor) => `tenants delete [${scope} tenant, as ${actor}]: expected denied, got none`))
        .sort();
      assert.deepEqual([...report.failures].sort(), expected);
    });

    it('row level security disabled on audit_log: every tenant reads and writes every log', async () => {
      const db = await freshDatabase(kind);
      const report = await breakAndRun(db, 'ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY;', { tables: ['audit_log'] });
      assert.ok(report.failures.includes('audit_log select [other tenant, as member]: expected none, got ok'), report.failures.join('\n'));
      assert.ok(report.failures.includes('audit_log insert [other tenant, as member]: expected rls, got ok'), report.failures.join('\n'));
      assert.ok(report.failures.includes('audit_log select [none tenant, as admin]: expected none, got ok'), report.failures.join('\n'));
    });

    it('a new tenant table without a fixture fails the registry gate', async () => {
      const db = await freshDatabase(kind);
      const report = await breakAndRun(
        db,
        `CREATE TABLE unregistered_notes (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants (id), body text);
         ALTER TABLE unregistered_notes ENABLE ROW LEVEL SECURITY;
         ALTER TABLE unregistered_notes FORCE ROW LEVEL SECURITY;`,
      );
      assert.deepEqual(report.failures, ['unregistered_notes: table has no fixture in the matrix registry']);
    });

    it('a withTenant that forgets to switch to the app role is caught on every table', async () => {
      const db = await freshDatabase(kind);
      const real = createTransactions(db, () => undefined);
      const asOwner: Transactions = {
        withSystem: real.withSystem,
        withTenant<T>(ctx: TenantContext, fn: (sql: Sql) => Promise<T>): Promise<T> {
          return db.transaction(async (sql) => {
            await sql.query(`select set_config('app.tenant_id', $1, true), set_config('app.role', $2, true)`, [ctx.tenantId, ctx.role ?? '']);
            return fn(sql);
          });
        },
      };
      const report = await runMatrix(db, { transactions: asOwner });
      const breached = new Set(report.failures.filter((f) => f.includes('[other tenant')).map((f) => f.split(' ')[0]));
      assert.deepEqual([...breached].sort(), [...report.tables].sort());
    });
  });
}
