import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { Sql } from '../../../src/app/ports.ts';
import { APP_ROLE } from '../../../src/db/database.ts';
import { databaseKinds, freshDatabase } from '../../support/databases.ts';
import {
  accessibleTablesWithoutForcedRls,
  appRoleAttributes,
  appRoleDangerousPrivileges,
  appRoleOwnership,
  catalogViolations,
  materializedViewsExposed,
  rlsTablesWithoutPolicyPerCommand,
  securityDefinerFunctionsExposed,
  tablesWithTenantId,
  tenantTablesWithoutForcedRls,
  viewsWithoutSecurityInvoker,
  type Violation,
} from './catalog-checks.ts';
import { inScratchTransaction, scratchName } from './scratch.ts';

const objects = (violations: Violation[]) => violations.map((v) => `${v.object}: ${v.detail}`).sort();

async function count(sql: Sql, query: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(`select count(*)::int as n from (${query}) q`);
  return row?.n ?? 0;
}

for (const kind of databaseKinds) {
  describe(`catalog gates on ${kind}`, () => {
    it('the migrated schema passes every gate, and the gates looked at real objects', async () => {
      const db = await freshDatabase(kind);
      const { violations, tenantTables, rlsTables, granted, views } = await inScratchTransaction(db, async (sql) => ({
        violations: await catalogViolations(sql),
        tenantTables: await tablesWithTenantId(sql),
        rlsTables: await count(sql, `select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                      where n.nspname = 'public' and c.relrowsecurity and c.relforcerowsecurity`),
        granted: await count(sql, `select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                    where n.nspname = 'public' and c.relkind = 'r'
                                      and has_table_privilege('${APP_ROLE}', c.oid, 'SELECT, INSERT, UPDATE, DELETE')`),
        views: await count(sql, `select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                  where n.nspname = 'public' and c.relkind = 'v'`),
      }));
      assert.deepEqual(violations, []);
      for (const table of ['memberships', 'care_team', 'audit_log']) assert.ok(tenantTables.includes(table), table);
      assert.ok(rlsTables >= 5, `only ${rlsTables} tables with forced RLS`);
      assert.ok(granted >= 5, `the app role reaches only ${granted} tables`);
      // No view exists yet: the view gate runs over zero rows here, and the scratch test below
      // shows the same function catching a view that is not security_invoker.
      assert.equal(views, 0);
    });

    it('catches a tenant_id table whose row level security is missing, not forced, or not enabled', async () => {
      const db = await freshDatabase(kind);
      const found = await inScratchTransaction(db, async (sql) => {
        await sql.query('create table scratch_plain (id int, tenant_id uuid)');
        await sql.query('create table scratch_unforced (id int, tenant_id uuid)');
        await sql.query('alter table scratch_unforced enable row level security');
        await sql.query('create table scratch_disabled (id int, tenant_id uuid)');
        await sql.query('alter table scratch_disabled force row level security');
        await sql.query('alter table care_team no force row level security');
        await sql.query('create table scratch_safe (id int, tenant_id uuid)');
        await sql.query('alter table scratch_safe enable row level security');
        await sql.query('alter table scratch_safe force row level security');
        return tenantTablesWithoutForcedRls(sql);
      });
      assert.deepEqual(objects(found), [
        'public.care_team: row level security is enabled but not forced',
        'public.scratch_disabled: row level security is forced but not enabled',
        'public.scratch_plain: row level security is neither enabled nor forced',
        'public.scratch_unforced: row level security is enabled but not forced',
      ]);
      assert.ok(found.every((v) => v.check === 'tenant-table-rls'));
    });

    it('catches a table the app role can reach (directly, through PUBLIC, by column, in another schema) without forced RLS', async () => {
      const db = await freshDatabase(kind);
      const schema = scratchName('scratch_schema');
      const found = await inScratchTransaction(db, async (sql) => {
        await sql.query('create table scratch_direct (id int)');
        await sql.query(`grant select on scratch_direct to ${APP_ROLE}`);
        await sql.query('create table scratch_public (id int)');
        await sql.query('grant insert on scratch_public to public');
        await sql.query('create table scratch_column (id int, secret text)');
        await sql.query(`grant update (id) on scratch_column to ${APP_ROLE}`);
        await sql.query('create table scratch_unreached (id int)');
        await sql.query(`create schema ${schema}`);
        await sql.query(`create table ${schema}.hidden (id int)`);
        await sql.query(`grant select on ${schema}.hidden to ${APP_ROLE}`);
        return accessibleTablesWithoutForcedRls(sql);
      });
      const problem = `${APP_ROLE} holds privileges on it but row level security is neither enabled nor forced`;
      assert.deepEqual(
        objects(found),
        [`${schema}.hidden`, 'public.scratch_column', 'public.scratch_direct', 'public.scratch_public'].map((t) => `${t}: ${problem}`).sort(),
      );
    });

    it('catches an RLS table without a policy for some command that applies to the app role', async () => {
      const db = await freshDatabase(kind);
      const other = scratchName('scratch_role');
      const found = await inScratchTransaction(db, async (sql) => {
        await sql.query('drop policy audit_log_delete on audit_log');
        // A policy for the command exists, but for another role: the app role is still uncovered.
        await sql.query(`create role ${other} nologin`);
        await sql.query('drop policy memberships_update on memberships');
        await sql.query(`create policy memberships_update on memberships for update to ${other} using (true)`);
        // FOR ALL to PUBLIC covers every command.
        await sql.query('create table scratch_all (id int)');
        await sql.query('alter table scratch_all enable row level security');
        await sql.query('create policy scratch_all_any on scratch_all for all using (true)');
        // No policy at all: all four missing.
        await sql.query('create table scratch_none (id int)');
        await sql.query('alter table scratch_none enable row level security');
        return rlsTablesWithoutPolicyPerCommand(sql);
      });
      assert.deepEqual(objects(found), [
        `public.audit_log: no DELETE policy applies to ${APP_ROLE}`,
        `public.memberships: no UPDATE policy applies to ${APP_ROLE}`,
        `public.scratch_none: no DELETE policy applies to ${APP_ROLE}`,
        `public.scratch_none: no INSERT policy applies to ${APP_ROLE}`,
        `public.scratch_none: no SELECT policy applies to ${APP_ROLE}`,
        `public.scratch_none: no UPDATE policy applies to ${APP_ROLE}`,
      ]);
    });

    it('catches the app role owning a table, view, sequence or function', async () => {
      const db = await freshDatabase(kind);
      const found = await inScratchTransaction(db, async (sql) => {
        await sql.query('create table scratch_owned (id int)');
        await sql.query(`alter table scratch_owned owner to ${APP_ROLE}`);
        await sql.query('create view scratch_owned_view with (security_invoker = true) as select 1 as one');
        await sql.query(`alter view scratch_owned_view owner to ${APP_ROLE}`);
        await sql.query('create sequence scratch_owned_seq');
        await sql.query(`alter sequence scratch_owned_seq owner to ${APP_ROLE}`);
        await sql.query('create function scratch_owned_fn() returns int language sql as $$ select 1 $$');
        await sql.query(`alter function scratch_owned_fn() owner to ${APP_ROLE}`);
        return appRoleOwnership(sql);
      });
      assert.deepEqual(objects(found), [
        `function scratch_owned_fn(): owned by ${APP_ROLE}`,
        `sequence public.scratch_owned_seq: owned by ${APP_ROLE}`,
        `table public.scratch_owned: owned by ${APP_ROLE}`,
        `view public.scratch_owned_view: owned by ${APP_ROLE}`,
      ]);
    });

    it('catches a role that is superuser, BYPASSRLS, may create roles or databases, or belongs to another role', async () => {
      const db = await freshDatabase(kind);
      // Roles are cluster-wide on Postgres: a scratch role stands in for the app role, and the
      // transaction creating it is rolled back.
      const role = scratchName('scratch_app');
      const { broken, missing, clean } = await inScratchTransaction(db, async (sql) => {
        await sql.query(`create role ${role} nologin superuser bypassrls createrole createdb`);
        await sql.query(`grant pg_read_all_data to ${role}`);
        const broken = await appRoleAttributes(sql, role);
        await sql.query(`alter role ${role} nosuperuser nobypassrls nocreaterole nocreatedb`);
        await sql.query(`revoke pg_read_all_data from ${role}`);
        return { broken, missing: await appRoleAttributes(sql, `${role}_absent`), clean: await appRoleAttributes(sql, role) };
      });
      assert.deepEqual(objects(broken), [
        `role ${role}: has BYPASSRLS`,
        `role ${role}: has CREATEDB`,
        `role ${role}: has CREATEROLE`,
        `role ${role}: is a member of pg_read_all_data`,
        `role ${role}: is a superuser`,
      ]);
      assert.deepEqual(objects(missing), [`role ${role}_absent: role does not exist`]);
      assert.deepEqual(clean, []);
    });

    it('catches privileges that get around RLS: TRUNCATE, TRIGGER, CREATE on a schema or the database', async () => {
      const db = await freshDatabase(kind);
      const database = await inScratchTransaction(db, async (sql) => (await sql.query<{ d: string }>('select current_database() as d'))[0]?.d);
      const found = await inScratchTransaction(db, async (sql) => {
        await sql.query(`grant truncate on memberships to ${APP_ROLE}`);
        await sql.query(`grant trigger on care_team to ${APP_ROLE}`);
        await sql.query(`grant create on schema public to ${APP_ROLE}`);
        await sql.query(`grant create on database "${database}" to ${APP_ROLE}`);
        return appRoleDangerousPrivileges(sql);
      });
      assert.deepEqual(objects(found), [
        `database ${database}: ${APP_ROLE} holds CREATE on the database`,
        `public.care_team: ${APP_ROLE} holds TRIGGER on a table`,
        `public.memberships: ${APP_ROLE} holds TRUNCATE on a table`,
        `schema public: ${APP_ROLE} holds CREATE on a schema`,
      ]);
    });

    it('catches a view that is not security_invoker, and accepts one that is', async () => {
      const db = await freshDatabase(kind);
      const { found, before } = await inScratchTransaction(db, async (sql) => {
        const before = await viewsWithoutSecurityInvoker(sql);
        await sql.query('create view scratch_owner_rights as select id from tenants');
        await sql.query('create view scratch_invoker_off with (security_invoker = false) as select id from tenants');
        await sql.query('create view scratch_invoker_on with (security_invoker = true) as select id from tenants');
        await sql.query('create view scratch_invoker_word with (security_invoker = on) as select id from tenants');
        await sql.query('create view scratch_barrier_only with (security_barrier = true) as select id from tenants');
        return { found: await viewsWithoutSecurityInvoker(sql), before };
      });
      assert.deepEqual(before, []);
      assert.deepEqual(found.map((v) => v.object).sort(), [
        'public.scratch_barrier_only',
        'public.scratch_invoker_off',
        'public.scratch_owner_rights',
      ]);
      assert.ok(found.every((v) => v.check === 'view-security-invoker'));
    });

    it('proves a non-invoker view really leaks across tenants, and an invoker view does not', async () => {
      // The reason for the view gate, shown rather than assumed.
      const db = await freshDatabase(kind);
      const seen = await inScratchTransaction(db, async (sql) => {
        const [a, b] = [uuidv7(), uuidv7()];
        await sql.query(`insert into tenants (id, slug, name, type) values ($1, $2, 'A', 'team'), ($3, $4, 'B', 'team')`, [
          a, `scratch-a-${a.slice(-8)}`, b, `scratch-b-${b.slice(-8)}`,
        ]);
        await sql.query('create view scratch_leaky as select id from tenants');
        await sql.query('create view scratch_tight with (security_invoker = true) as select id from tenants');
        await sql.query(`grant select on scratch_leaky, scratch_tight to ${APP_ROLE}`);
        await sql.query(`select set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', $1, true)`, [a]);
        const leaky = await count(sql, 'select id from scratch_leaky');
        const tight = await count(sql, 'select id from scratch_tight');
        await sql.query('reset role');
        return { leaky, tight, flagged: (await viewsWithoutSecurityInvoker(sql)).map((v) => v.object) };
      });
      assert.ok(seen.leaky >= 2, 'the owner-rights view shows other tenants');
      assert.equal(seen.tight, 1);
      assert.deepEqual(seen.flagged, ['public.scratch_leaky']);
    });

    it('catches a materialized view or a SECURITY DEFINER function the app role can use', async () => {
      const db = await freshDatabase(kind);
      const found = await inScratchTransaction(db, async (sql) => {
        await sql.query('create materialized view scratch_copy as select id from tenants');
        await sql.query(`grant select on scratch_copy to ${APP_ROLE}`);
        await sql.query('create materialized view scratch_private_copy as select id from tenants');
        await sql.query('create function scratch_definer() returns bigint language sql security definer as $$ select count(*) from memberships $$');
        await sql.query('create function scratch_definer_locked() returns bigint language sql security definer as $$ select count(*) from memberships $$');
        await sql.query('revoke execute on function scratch_definer_locked() from public');
        return [...(await materializedViewsExposed(sql)), ...(await securityDefinerFunctionsExposed(sql))];
      });
      assert.deepEqual(objects(found), [
        `function scratch_definer(): ${APP_ROLE} can execute a SECURITY DEFINER function`,
        `public.scratch_copy: ${APP_ROLE} can read a materialized view, which row level security does not filter`,
      ]);
    });

    it('reports every broken gate at once through catalogViolations, and the schema is clean again after rollback', async () => {
      const db = await freshDatabase(kind);
      const found = await inScratchTransaction(db, async (sql) => {
        await sql.query('alter table memberships no force row level security');
        await sql.query(`grant delete on audit_log to ${APP_ROLE}`);
        await sql.query('drop policy care_team_select on care_team');
        await sql.query('create view scratch_view as select 1 as one');
        await sql.query(`alter view scratch_view owner to ${APP_ROLE}`);
        return catalogViolations(sql);
      });
      assert.deepEqual(
        found.map((v) => `${v.check} ${v.object}`).sort(),
        [
          'accessible-table-rls public.memberships',
          'app-role-owns view public.scratch_view',
          'policy-coverage public.care_team',
          'tenant-table-rls public.memberships',
          'view-security-invoker public.scratch_view',
        ],
      );
      assert.deepEqual(await inScratchTransaction(db, (sql) => catalogViolations(sql)), []);
    });
  });
}
