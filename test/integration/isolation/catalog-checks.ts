// Catalog gates of the isolation suite: each check reads the system catalog through the
// given connection and returns what it finds wrong, so the same function can prove both that
// the migrated schema is clean and that a deliberately broken one is caught.
import type { Sql } from '../../../src/app/ports.ts';
import { APP_ROLE } from '../../../src/db/database.ts';

export type CheckName =
  | 'tenant-table-rls'
  | 'accessible-table-rls'
  | 'policy-coverage'
  | 'app-role-owns'
  | 'app-role-attributes'
  | 'app-role-membership'
  | 'app-role-dangerous-privilege'
  | 'view-security-invoker'
  | 'materialized-view-exposed'
  | 'security-definer-exposed';

export interface Violation {
  check: CheckName;
  /** The catalog object at fault, e.g. `public.memberships` or `role vitalis_app`. */
  object: string;
  detail: string;
}

/** Schemas that belong to Postgres itself; everything else is ours to check. */
const SYSTEM_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'`;

/** Every table privilege that reads or writes rows (MAINTAIN, PG 17+, moves no data). */
const ROW_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER';

function rlsProblem(enabled: boolean, forced: boolean): string | undefined {
  if (!enabled && !forced) return 'row level security is neither enabled nor forced';
  if (!enabled) return 'row level security is forced but not enabled';
  if (!forced) return 'row level security is enabled but not forced';
  return undefined;
}

interface RlsRow extends Record<string, unknown> {
  schema: string;
  name: string;
  enabled: boolean;
  forced: boolean;
}

/** Every table in public with a tenant_id column has RLS enabled and forced. */
export async function tenantTablesWithoutForcedRls(sql: Sql): Promise<Violation[]> {
  const rows = await sql.query<RlsRow>(
    `select n.nspname as schema, c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum > 0 and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname`,
  );
  return rows.flatMap((row) => {
    const problem = rlsProblem(row.enabled, row.forced);
    return problem ? [{ check: 'tenant-table-rls' as const, object: `${row.schema}.${row.name}`, detail: problem }] : [];
  });
}

/** Every table the app role holds any privilege on (directly or through PUBLIC) has RLS enabled and forced. */
export async function accessibleTablesWithoutForcedRls(sql: Sql, role = APP_ROLE): Promise<Violation[]> {
  const rows = await sql.query<RlsRow>(
    `select n.nspname as schema, c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'f') and ${SYSTEM_SCHEMAS}
        and (has_table_privilege($1, c.oid, '${ROW_PRIVILEGES}')
             or has_any_column_privilege($1, c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))
      order by n.nspname, c.relname`,
    [role],
  );
  return rows.flatMap((row) => {
    const problem = rlsProblem(row.enabled, row.forced);
    return problem
      ? [{ check: 'accessible-table-rls' as const, object: `${row.schema}.${row.name}`, detail: `${role} holds privileges on it but ${problem}` }]
      : [];
  });
}

/**
 * Every RLS table in public has, for each of SELECT, INSERT, UPDATE and DELETE, a policy for
 * that command (or ALL) that applies to the app role (named, or PUBLIC).
 */
export async function rlsTablesWithoutPolicyPerCommand(sql: Sql, role = APP_ROLE): Promise<Violation[]> {
  const rows = await sql.query<{ name: string; command: string }>(
    `select c.relname as name, cmd.name as command
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       cross join (values ('r', 'SELECT', 1), ('a', 'INSERT', 2), ('w', 'UPDATE', 3), ('d', 'DELETE', 4)) as cmd (code, name, ord)
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity
        and not exists (
          select 1 from pg_policy p
           where p.polrelid = c.oid
             and p.polcmd::text in (cmd.code, '*')
             and (0::oid = any (p.polroles) or (select r.oid from pg_roles r where r.rolname = $1) = any (p.polroles)))
      order by c.relname, cmd.ord`,
    [role],
  );
  return rows.map((row) => ({
    check: 'policy-coverage' as const,
    object: `public.${row.name}`,
    detail: `no ${row.command} policy applies to ${role}`,
  }));
}

/**
 * The app role owns nothing: no relation, function, type or schema, and not the database
 * (a relation's row type and any array type go with what they belong to).
 */
export async function appRoleOwnership(sql: Sql, role = APP_ROLE): Promise<Violation[]> {
  const rows = await sql.query<{ kind: string; name: string }>(
    `with app as (select oid from pg_roles where rolname = $1)
     select case c.relkind when 'r' then 'table' when 'p' then 'table' when 'v' then 'view'
                           when 'm' then 'materialized view' when 'S' then 'sequence'
                           when 'f' then 'foreign table' when 'i' then 'index' else 'relation' end as kind,
            n.nspname || '.' || c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace, app
      where c.relowner = app.oid
     union all
     select case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end,
            p.oid::regprocedure::text
       from pg_proc p, app where p.proowner = app.oid
     union all
     select 'type', t.oid::regtype::text
       from pg_type t, app where t.typowner = app.oid and t.typrelid = 0 and t.typcategory <> 'A'
     union all
     select 'schema', n.nspname from pg_namespace n, app where n.nspowner = app.oid
     union all
     select 'database', d.datname from pg_database d, app where d.datdba = app.oid and d.datname = current_database()
     order by 1, 2`,
    [role],
  );
  return rows.map((row) => ({ check: 'app-role-owns' as const, object: `${row.kind} ${row.name}`, detail: `owned by ${role}` }));
}

/** The app role exists and is not superuser, not BYPASSRLS, cannot create roles or databases, and is a member of no role. */
export async function appRoleAttributes(sql: Sql, role = APP_ROLE): Promise<Violation[]> {
  const [attrs] = await sql.query<{
    rolsuper: boolean;
    rolbypassrls: boolean;
    rolcreaterole: boolean;
    rolcreatedb: boolean;
    rolreplication: boolean;
  }>('select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication from pg_roles where rolname = $1', [role]);
  const object = `role ${role}`;
  if (!attrs) return [{ check: 'app-role-attributes', object, detail: 'role does not exist' }];
  const violations: Violation[] = [];
  const flags: [boolean, string][] = [
    [attrs.rolsuper, 'is a superuser'],
    [attrs.rolbypassrls, 'has BYPASSRLS'],
    [attrs.rolcreaterole, 'has CREATEROLE'],
    [attrs.rolcreatedb, 'has CREATEDB'],
    [attrs.rolreplication, 'has REPLICATION'],
  ];
  for (const [set, detail] of flags) if (set) violations.push({ check: 'app-role-attributes', object, detail });
  const groups = await sql.query<{ name: string }>(
    `select g.rolname as name from pg_auth_members m
       join pg_roles g on g.oid = m.roleid
       join pg_roles r on r.oid = m.member
      where r.rolname = $1 order by 1`,
    [role],
  );
  for (const group of groups) {
    violations.push({ check: 'app-role-membership', object, detail: `is a member of ${group.name}` });
  }
  return violations;
}

/**
 * Privileges that get around row level security: TRUNCATE (ignores policies), TRIGGER (runs
 * code on other tenants' writes), CREATE on a schema or on the database (objects the app role
 * would own, and so bypass RLS on).
 */
export async function appRoleDangerousPrivileges(sql: Sql, role = APP_ROLE): Promise<Violation[]> {
  const rows = await sql.query<{ object: string; detail: string }>(
    `select n.nspname || '.' || c.relname as object, priv.name || ' on a table' as detail
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       cross join (values ('TRUNCATE'), ('TRIGGER')) as priv (name)
      where c.relkind in ('r', 'p', 'f') and ${SYSTEM_SCHEMAS} and has_table_privilege($1, c.oid, priv.name)
     union all
     select 'schema ' || n.nspname, 'CREATE on a schema'
       from pg_namespace n where ${SYSTEM_SCHEMAS} and has_schema_privilege($1, n.oid, 'CREATE')
     union all
     select 'database ' || current_database(), 'CREATE on the database'
      where has_database_privilege($1, current_database(), 'CREATE')
     order by 1, 2`,
    [role],
  );
  return rows.map((row) => ({ check: 'app-role-dangerous-privilege' as const, object: row.object, detail: `${role} holds ${row.detail}` }));
}

const TRUE_WORDS = new Set(['true', 'on', 'yes', '1', 't', 'y']);

/** Every view in public is security_invoker, so the caller's RLS applies through it. */
export async function viewsWithoutSecurityInvoker(sql: Sql): Promise<Violation[]> {
  const rows = await sql.query<{ name: string; options: string[] | null }>(
    `select c.relname as name, c.reloptions as options
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'v'
      order by c.relname`,
  );
  return rows.flatMap((row) => {
    const option = (row.options ?? []).find((o) => o.toLowerCase().startsWith('security_invoker='));
    const value = option?.slice('security_invoker='.length).toLowerCase();
    if (value !== undefined && TRUE_WORDS.has(value)) return [];
    return [{
      check: 'view-security-invoker' as const,
      object: `public.${row.name}`,
      detail: option ? `has ${option}` : 'has no security_invoker option (runs with its owner\'s rights, bypassing RLS)',
    }];
  });
}

/** A materialized view is a copy made with its owner's rights: the app role must not read one. */
export async function materializedViewsExposed(sql: Sql, role = APP_ROLE): Promise<Violation[]> {
  const rows = await sql.query<{ name: string }>(
    `select n.nspname || '.' || c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'm' and ${SYSTEM_SCHEMAS}
        and (has_table_privilege($1, c.oid, 'SELECT') or has_any_column_privilege($1, c.oid, 'SELECT'))
      order by 1`,
    [role],
  );
  return rows.map((row) => ({
    check: 'materialized-view-exposed' as const,
    object: row.name,
    detail: `${role} can read a materialized view, which row level security does not filter`,
  }));
}

/** A SECURITY DEFINER function runs as its owner (who bypasses RLS): the app role must not be able to call one. */
export async function securityDefinerFunctionsExposed(sql: Sql, role = APP_ROLE): Promise<Violation[]> {
  const rows = await sql.query<{ name: string }>(
    `select p.oid::regprocedure::text as name
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where p.prosecdef and ${SYSTEM_SCHEMAS} and has_function_privilege($1, p.oid, 'EXECUTE')
      order by 1`,
    [role],
  );
  return rows.map((row) => ({
    check: 'security-definer-exposed' as const,
    object: `function ${row.name}`,
    detail: `${role} can execute a SECURITY DEFINER function`,
  }));
}

/** All catalog gates at once. */
export async function catalogViolations(sql: Sql, role = APP_ROLE): Promise<Violation[]> {
  const groups = [];
  // One after another: a PGlite transaction is one connection, and order keeps reports stable.
  groups.push(await tenantTablesWithoutForcedRls(sql));
  groups.push(await accessibleTablesWithoutForcedRls(sql, role));
  groups.push(await rlsTablesWithoutPolicyPerCommand(sql, role));
  groups.push(await appRoleOwnership(sql, role));
  groups.push(await appRoleAttributes(sql, role));
  groups.push(await appRoleDangerousPrivileges(sql, role));
  groups.push(await viewsWithoutSecurityInvoker(sql));
  groups.push(await materializedViewsExposed(sql, role));
  groups.push(await securityDefinerFunctionsExposed(sql, role));
  return groups.flat();
}

/** Created by migrate() itself to record applied migrations; no migration or app path writes it. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * The tables the cross-tenant matrix must cover: every table in public (tenant tables with a
 * tenant_id column, the tenancy roots `tenants` and `users`, and infrastructure tables such as
 * jobs or outbox, so that a grant to the app role on any of them is noticed), save the
 * migrations ledger.
 */
export async function discoverMatrixTables(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `select c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> $1
      order by c.relname`,
    [MIGRATIONS_TABLE],
  );
  return rows.map((row) => row.name);
}

/** Tables in public with a tenant_id column. */
export async function tablesWithTenantId(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `select c.relname as name
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum > 0 and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`,
  );
  return rows.map((row) => row.name);
}
