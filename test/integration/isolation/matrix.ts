// The cross-tenant matrix as a function: every tenant table x select/insert/update/delete x
// {own tenant, other tenant, no tenant} x every role, each cell compared with the precise
// outcome the fixture registry says it must have, and each denial paired with a control that
// proves the same statement works where it is allowed. Returns failures instead of asserting,
// so a deliberately broken schema can be shown to be caught (dropped-policy.int.test.ts).
import type { Role, Sql, TenantContext, Transactions } from '../../../src/app/ports.ts';
import { APP_ROLE, type Database } from '../../../src/db/database.ts';
import { createTransactions } from '../../../src/db/with-tenant.ts';
import { discoverMatrixTables } from './catalog-checks.ts';
import { COMMANDS, FIXTURES, ROLES, insertParty, type Command, type Party, type Row, type TableFixture } from './fixtures.ts';

export type Scope = 'own' | 'other' | 'none';
export const SCOPES: readonly Scope[] = ['own', 'other', 'none'];
/** A role in the tenant, or the person a row belongs to (`self`). */
export type Actor = Role | 'self';
/** The four commands, plus `move`: an update rewriting the row's tenant to another tenant. */
export type Probe = Command | 'move';

/**
 * ok: the row was seen / inserted / changed / deleted. none: 0 rows seen or affected.
 * rls: "new row violates row-level security policy". denied: "permission denied".
 * Anything else is `error: <message> (<sqlstate>)`.
 */
export type Outcome = string;

export interface Cell {
  table: string;
  probe: Probe;
  scope: Scope;
  actor: Actor;
  expected: Outcome;
  actual: Outcome;
}

export interface Control {
  table: string;
  command: Command;
  expected: Outcome;
  actual: Outcome;
}

export interface MatrixReport {
  /** Tables found in the catalog (discoverMatrixTables). */
  discovered: string[];
  /** Tables the matrix ran over. */
  tables: string[];
  cells: Cell[];
  /** Statements run as the system (rolled back) for commands no tenant role may run. */
  controls: Control[];
  /** Denials checked against a passing control. */
  pairedDenials: number;
  failures: string[];
}

export interface MatrixOptions {
  /** Only these tables (default: every table in the catalog, with the registry gate). */
  tables?: readonly string[];
  fixtures?: Record<string, TableFixture>;
  /** The app path under test (default: createTransactions(db)). */
  transactions?: Transactions;
}

class Rollback {
  constructor(readonly value: Outcome) {}
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function where(key: readonly string[], row: Row, offset: number): { text: string; params: unknown[] } {
  return {
    text: key.map((column, i) => `${ident(column)} = $${i + offset + 1}`).join(' and '),
    params: key.map((column) => row[column]),
  };
}

function classify(error: unknown): Outcome {
  const { code, message } = error as { code?: string; message?: string };
  if (code === '42501' && /row-level security/.test(message ?? '')) return 'rls';
  if (code === '42501' && /permission denied/.test(message ?? '')) return 'denied';
  return `error: ${message ?? String(error)} (${code ?? 'no sqlstate'})`;
}

/** `error: <text>` expects any error whose message contains <text>; everything else must match exactly. */
function matches(expected: Outcome, actual: Outcome): boolean {
  if (expected === actual) return true;
  return expected.startsWith('error: ') && actual.startsWith('error: ') && actual.includes(expected.slice('error: '.length));
}

/** The outcome the registry promises for one cell. */
export function expectedOutcome(fixture: TableFixture, probe: Probe, scope: Scope, actor: Actor): Outcome {
  const command: Command = probe === 'move' ? 'update' : probe;
  if (!fixture.grants.includes(command)) return 'denied';
  const role: Role = actor === 'self' ? 'member' : actor;
  const allowed =
    (actor === 'self' && (fixture.self?.commands.includes(command) ?? false)) ||
    (scope === 'own' && (fixture.allow[command]?.includes(role) ?? false));
  // A row moved to another tenant fails the policy's WITH CHECK, even for those allowed to update it.
  if (probe === 'move') return allowed ? 'rls' : 'none';
  if (allowed) return 'ok';
  return command === 'insert' ? 'rls' : 'none';
}

/** Runs `fn` as the app role exactly as withTenant does, but with no tenant set. */
function withoutTenant<T>(db: Database, ctx: { userId: string; role: Role }, fn: (sql: Sql) => Promise<T>): Promise<T> {
  return db.transaction(async (sql) => {
    await sql.query(
      `select set_config('role', $1, true), set_config('app.tenant_id', '', true),
              set_config('app.user_id', $2, true), set_config('app.role', $3, true)`,
      [APP_ROLE, ctx.userId, ctx.role],
    );
    return fn(sql);
  });
}

/** The statement one probe runs; for select, how many of the target rows it saw. */
async function runProbe(sql: Sql, table: string, fixture: TableFixture, probe: Probe, row: Row, other: Party, touch: { column: string; value: unknown }): Promise<number | undefined> {
  const t = ident(table);
  switch (probe) {
    case 'select': {
      const w = where(fixture.key, row, 0);
      const [result] = await sql.query<{ n: number }>(`select count(*)::int as n from ${t} where ${w.text}`, w.params);
      return result?.n ?? 0;
    }
    case 'insert': {
      const columns = Object.keys(row);
      await sql.query(
        `insert into ${t} (${columns.map(ident).join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row),
      );
      return undefined;
    }
    case 'update': {
      const w = where(fixture.key, row, 1);
      await sql.query(`update ${t} set ${ident(touch.column)} = $1 where ${w.text}`, [touch.value, ...w.params]);
      return undefined;
    }
    case 'move': {
      const w = where(fixture.key, row, 1);
      await sql.query(`update ${t} set ${ident(fixture.tenantColumn ?? 'tenant_id')} = $1 where ${w.text}`, [other.tenantId, ...w.params]);
      return undefined;
    }
    case 'delete': {
      const w = where(fixture.key, row, 0);
      await sql.query(`delete from ${t} where ${w.text}`, w.params);
      return undefined;
    }
  }
}

/** Ground truth, read as the system: did the probe take effect? */
async function observe(sql: Sql, table: string, fixture: TableFixture, probe: Probe, row: Row, seen: number | undefined, touch: { column: string; value: unknown }): Promise<Outcome> {
  const t = ident(table);
  const w = where(fixture.key, row, 0);
  if (probe === 'select') {
    if (seen === 1) return 'ok';
    if (seen === 0) return 'none';
    return `error: saw ${seen} rows for one key`;
  }
  if (probe === 'update') {
    const [state] = await sql.query<{ changed: boolean }>(
      `select ${ident(touch.column)} is not distinct from $${fixture.key.length + 1} as changed from ${t} where ${w.text}`,
      [...w.params, touch.value],
    );
    if (!state) return 'error: the row vanished on update';
    return state.changed ? 'ok' : 'none';
  }
  const [present] = await sql.query<{ n: number }>(`select count(*)::int as n from ${t} where ${w.text}`, w.params);
  const exists = (present?.n ?? 0) > 0;
  if (probe === 'insert') return exists ? 'ok' : 'error: insert succeeded but no row exists';
  // delete and move: the row is gone from its original key when the probe took effect.
  return exists ? 'none' : 'ok';
}

function cellName(cell: { table: string; probe: Probe; scope: Scope; actor: Actor }): string {
  return `${cell.table} ${cell.probe} [${cell.scope} tenant, as ${cell.actor}]`;
}

export async function runMatrix(db: Database, options: MatrixOptions = {}): Promise<MatrixReport> {
  const fixtures = options.fixtures ?? FIXTURES;
  const tx = options.transactions ?? createTransactions(db, () => undefined);
  const system = createTransactions(db, () => undefined);
  const failures: string[] = [];

  const discovered = await system.withSystem('isolation matrix: discover tables', (sql) => discoverMatrixTables(sql));
  // The registry gate, when the whole matrix runs: a new table without an entry is a failure.
  for (const table of options.tables ? [] : discovered) {
    if (!fixtures[table]) failures.push(`${table}: table has no fixture in the matrix registry`);
  }
  for (const table of ['tenants', 'users']) {
    if (!discovered.includes(table)) failures.push(`${table}: tenancy root table not found in the catalog`);
  }
  for (const table of options.tables ?? []) {
    if (!discovered.includes(table)) failures.push(`${table}: no such table in the catalog`);
  }
  const tables = (options.tables ?? discovered).filter((t) => discovered.includes(t) && fixtures[t]);

  const setup = (fixture: TableFixture, probe: Probe) =>
    system.withSystem('isolation matrix: fixtures', async (sql) => {
      const own = await insertParty(sql, 'own');
      const other = await insertParty(sql, 'other');
      const row = probe === 'insert' ? await fixture.draft(sql, own) : await fixture.seed(sql, own);
      return { own, other, row };
    });

  const cells: Cell[] = [];
  for (const table of tables) {
    const fixture = fixtures[table] as TableFixture;
    const actors: Actor[] = fixture.self ? [...ROLES, 'self'] : [...ROLES];
    const probes: Probe[] = [...COMMANDS];
    if (fixture.tenantColumn && fixture.grants.includes('update')) probes.push('move');
    for (const probe of probes) {
      for (const scope of probe === 'move' ? (['own'] as Scope[]) : SCOPES) {
        for (const actor of actors) {
          const { own, other, row } = await setup(fixture, probe);
          const touch = fixture.touch();
          const userId = actor === 'self' ? String(row[fixture.self?.userColumn ?? 'id']) : (scope === 'other' ? other : own).users[actor];
          const role: Role = actor === 'self' ? 'member' : actor;
          const ctx: TenantContext = { tenantId: scope === 'other' ? other.tenantId : own.tenantId, userId, role };
          const body = (sql: Sql) => runProbe(sql, table, fixture, probe, row, other, touch);
          let actual: Outcome;
          try {
            const seen = scope === 'none' ? await withoutTenant(db, { userId, role }, body) : await tx.withTenant(ctx, body);
            actual = await system.withSystem('isolation matrix: observe', (sql) => observe(sql, table, fixture, probe, row, seen, touch));
          } catch (error) {
            actual = classify(error);
          }
          const cell: Cell = { table, probe, scope, actor, expected: expectedOutcome(fixture, probe, scope, actor), actual };
          cells.push(cell);
          if (!matches(cell.expected, cell.actual)) failures.push(`${cellName(cell)}: expected ${cell.expected}, got ${cell.actual}`);
        }
      }
    }
  }

  // Commands no tenant role may run on a table: run the same statement as the system (rolled
  // back) to show the statement itself is sound, so the denial is the policy's doing.
  const controls: Control[] = [];
  for (const table of tables) {
    const fixture = fixtures[table] as TableFixture;
    for (const command of COMMANDS) {
      if (cells.some((c) => c.table === table && c.probe === command && c.expected === 'ok')) continue;
      const { other, row } = await setup(fixture, command);
      const touch = fixture.touch();
      let actual: Outcome;
      try {
        await system.withSystem('isolation matrix: control', async (sql) => {
          const seen = await runProbe(sql, table, fixture, command, row, other, touch);
          throw new Rollback(await observe(sql, table, fixture, command, row, seen, touch));
        });
        actual = 'error: control did not roll back';
      } catch (error) {
        actual = error instanceof Rollback ? error.value : classify(error);
      }
      const expectedError = fixture.systemOutcome?.[command];
      const control: Control = { table, command, expected: expectedError ? `error: ${expectedError}` : 'ok', actual };
      controls.push(control);
      if (!matches(control.expected, control.actual)) {
        failures.push(`${table} ${command} [as the system]: expected ${control.expected}, got ${control.actual}`);
      }
    }
  }

  // Pair every denial with its control: the same command allowed to someone in their own
  // tenant; else the same statement run by the system; else another command allowed on the table.
  const passed = (c: Cell) => c.expected === 'ok' && c.actual === 'ok';
  let pairedDenials = 0;
  for (const cell of cells) {
    if (cell.expected === 'ok') continue;
    const command: Command = cell.probe === 'move' ? 'update' : cell.probe;
    const sameTable = cells.filter((c) => c.table === cell.table && c.scope === 'own' && c.expected === 'ok');
    const sameCommand = sameTable.filter((c) => c.probe === command);
    const viaSystem = controls.find((c) => c.table === cell.table && c.command === command && c.expected === 'ok');
    let proof: string;
    let ok: boolean;
    if (sameCommand.length > 0) {
      const control = sameCommand.find((c) => c.actor === cell.actor) ?? (sameCommand[0] as Cell);
      proof = `${cellName(control)} answered ${control.actual}`;
      ok = passed(control);
    } else if (viaSystem) {
      proof = `${cell.table} ${command} as the system answered ${viaSystem.actual}`;
      ok = viaSystem.actual === 'ok';
    } else if (sameTable.length > 0) {
      const control = sameTable.find(passed) ?? (sameTable[0] as Cell);
      proof = `${cellName(control)} answered ${control.actual}`;
      ok = passed(control);
    } else {
      proof = 'no command on this table is allowed to anyone, and the system cannot run it either';
      ok = false;
    }
    if (ok) pairedDenials += 1;
    else failures.push(`${cellName(cell)}: denial not backed by a passing control (${proof})`);
  }

  return { discovered, tables, cells, controls, pairedDenials, failures };
}
