// The pool-leak soak: thousands of withTenant transactions from two tenants, interleaved and
// concurrent on a small pool, with system probes in between that read what a finished
// transaction left on its connection. Returns what it saw, so a deliberately leaky
// withTenant can be shown to be caught (soak.int.test.ts).
import type { Role, Sql, Transactions } from '../../../src/app/ports.ts';
import { APP_ROLE, type Database } from '../../../src/db/database.ts';
import { createTransactions } from '../../../src/db/with-tenant.ts';
import { insertParty, insertUser, type Party } from './fixtures.ts';

export interface SoakOptions {
  /** withTenant transactions to run (system probes come on top). */
  operations: number;
  /** How many run at once. */
  concurrency: number;
  /** One system probe per this many operations, dispatched among them. */
  probeEvery: number;
  /** The app path under test (default: createTransactions(db)). */
  transactions?: Transactions;
}

export interface SoakReport {
  operations: number;
  /** Rows of the other tenant seen by any read. Must be 0. */
  foreignRows: number;
  /** Rows of the transaction's own tenant seen: proves the reads were not empty by accident. */
  ownRows: number;
  probes: number;
  /** What probes found left over on a connection after a transaction ended. */
  leaks: string[];
  /** Backend pids the probes ran on. */
  connections: number;
  /** Operations meant to fail (RLS violation, thrown error) that failed as meant. */
  expectedFailures: number;
  /** Anything else that went wrong: failed operations, wrong final state. */
  problems: string[];
  elapsedMs: number;
}

interface Side {
  party: Party;
  /** Members besides the three per-role users. */
  members: string[];
  /** Users with no membership, one per concurrent slot, for admin churn. */
  spares: string[];
  /** Every user ever visible in this tenant. */
  userIds: Set<string>;
  auditSeq: number;
  auditInserted: number;
  /** Op indexes that wrote this tenant's branding. */
  brandingWriters: Set<number>;
}

export async function runSoak(db: Database, options: SoakOptions): Promise<SoakReport> {
  const tx = options.transactions ?? createTransactions(db, () => undefined);
  const system = createTransactions(db, () => undefined);
  const started = Date.now();

  const sides = await system.withSystem('isolation soak: fixtures', async (sql) => {
    const make = async (label: string): Promise<Side> => {
      const party = await insertParty(sql, label);
      const members: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        const id = await insertUser(sql, `${label}-m${i}`);
        await sql.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, 'member')`, [party.tenantId, id]);
        members.push(id);
      }
      const spares: string[] = [];
      for (let i = 0; i < options.concurrency; i += 1) {
        const id = await insertUser(sql, `${label}-spare${i}`);
        await sql.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, 'member')`, [party.tenantId, id]);
        spares.push(id);
      }
      const userIds = new Set([...Object.values(party.users), ...members, ...spares]);
      return { party, members, spares, userIds, auditSeq: 0, auditInserted: 0, brandingWriters: new Set<number>() };
    };
    return [await make('soak-a'), await make('soak-b')] as const;
  });

  let foreignRows = 0;
  let ownRows = 0;
  let expectedFailures = 0;
  let probes = 0;
  const leaks: string[] = [];
  const problems: string[] = [];
  const pids = new Set<number>();

  /** Counts rows by tenant: own or foreign. */
  const tally = (own: string, tenantIds: unknown[]) => {
    for (const id of tenantIds) {
      if (id === own) ownRows += 1;
      else foreignRows += 1;
    }
  };

  class Planned extends Error {}

  const operation = async (i: number): Promise<void> => {
    const me = sides[i % 2] as Side;
    const them = sides[(i + 1) % 2] as Side;
    const t = me.party.tenantId;
    const kind = Math.floor(i / 2) % 10;
    const as = (role: Role) => ({ tenantId: t, userId: me.party.users[role], role });
    const inTenant = async (sql: Sql) => {
      const [who] = await sql.query<{ u: string; t: string }>(`select current_user as u, current_setting('app.tenant_id', true) as t`);
      if (who?.u !== APP_ROLE || who.t !== t) problems.push(`op ${i}: ran as ${who?.u} in tenant ${who?.t}`);
    };
    switch (kind) {
      case 0:
      case 1:
      case 2: {
        // Reads with no WHERE: row level security alone decides what comes back.
        await tx.withTenant(as(kind === 0 ? 'member' : kind === 1 ? 'clinician' : 'admin'), async (sql) => {
          await inTenant(sql);
          const rows = await sql.query<{ tenant_id: string }>('select tenant_id from memberships');
          tally(t, rows.map((r) => r.tenant_id));
          const care = await sql.query<{ tenant_id: string }>('select tenant_id from care_team');
          tally(t, care.map((r) => r.tenant_id));
        });
        return;
      }
      case 3: {
        await tx.withTenant(as('member'), async (sql) => {
          await inTenant(sql);
          const users = await sql.query<{ id: string }>('select id from users');
          for (const u of users) {
            if (them.userIds.has(u.id) && !me.userIds.has(u.id)) foreignRows += 1;
            else if (me.userIds.has(u.id)) ownRows += 1;
            else problems.push(`op ${i}: saw unknown user ${u.id}`);
          }
          const tenants = await sql.query<{ id: string }>('select id from tenants');
          tally(t, tenants.map((r) => r.id));
        });
        return;
      }
      case 4:
      case 5: {
        // Append to the audit log, then read it back whole.
        const seq = (me.auditSeq += 1);
        await tx.withTenant(as(kind === 4 ? 'member' : 'admin'), async (sql) => {
          await inTenant(sql);
          await sql.query(
            `insert into audit_log (tenant_id, seq, id, at, actor_user_id, action, prev_hash, hash)
             values ($1, $2, gen_random_uuid(), now(), $3, 'soak.op', '', $4)`,
            [t, seq, me.party.users.member, `hash-${t}-${seq}`],
          );
          const rows = await sql.query<{ tenant_id: string }>('select distinct tenant_id from audit_log');
          tally(t, rows.map((r) => r.tenant_id));
        });
        me.auditInserted += 1;
        return;
      }
      case 6: {
        // An admin writes branding with no WHERE: RLS must confine the update to their tenant.
        await tx.withTenant(as('admin'), async (sql) => {
          await inTenant(sql);
          await sql.query(`update tenants set branding = jsonb_build_object('op', $1::int)`, [i]);
          const rows = await sql.query<{ id: string }>('select id from tenants');
          tally(t, rows.map((r) => r.id));
        });
        me.brandingWriters.add(i);
        return;
      }
      case 7: {
        // Admin churn: put a member on a care team, promote them, take both back.
        const spare = me.spares[Math.floor(i / 2) % me.spares.length] as string;
        await tx.withTenant(as('admin'), async (sql) => {
          await inTenant(sql);
          await sql.query(`insert into care_team (tenant_id, clinician_id, member_id) values ($1, $2, $3)`, [t, me.party.users.clinician, spare]);
          await sql.query(`update memberships set role = 'clinician' where user_id = $1`, [spare]);
          const rows = await sql.query<{ tenant_id: string }>('select tenant_id from memberships');
          tally(t, rows.map((r) => r.tenant_id));
          await sql.query('delete from care_team where member_id = $1', [spare]);
          await sql.query(`update memberships set role = 'member' where user_id = $1`, [spare]);
        });
        return;
      }
      case 8: {
        // Meant to fail: writing into the other tenant is an RLS violation, and rolls back.
        try {
          await tx.withTenant(as('admin'), async (sql) => {
            await inTenant(sql);
            await sql.query(
              `insert into audit_log (tenant_id, seq, id, at, action, prev_hash, hash)
               values ($1, 1000000 + $2::int, gen_random_uuid(), now(), 'soak.intrusion', '', '')`,
              [them.party.tenantId, i],
            );
          });
          problems.push(`op ${i}: wrote an audit entry into the other tenant`);
        } catch (error) {
          if ((error as { code?: string }).code === '42501') expectedFailures += 1;
          else problems.push(`op ${i}: ${(error as Error).message}`);
        }
        return;
      }
      default: {
        // Meant to fail: the function throws mid-transaction after reading.
        try {
          await tx.withTenant(as('clinician'), async (sql) => {
            await inTenant(sql);
            const rows = await sql.query<{ tenant_id: string }>('select tenant_id from memberships');
            tally(t, rows.map((r) => r.tenant_id));
            throw new Planned('planned failure');
          });
          problems.push(`op ${i}: a throwing transaction resolved`);
        } catch (error) {
          if (error instanceof Planned) expectedFailures += 1;
          else problems.push(`op ${i}: ${(error as Error).message}`);
        }
      }
    }
  };

  const probe = async (): Promise<void> => {
    const [state] = await system.withSystem('isolation soak: probe connection state', (sql) =>
      sql.query<{ t: string | null; u: string | null; r: string | null; who: string; pid: number }>(
        `select current_setting('app.tenant_id', true) as t, current_setting('app.user_id', true) as u,
                current_setting('app.role', true) as r, current_user as who, pg_backend_pid() as pid`,
      ),
    );
    probes += 1;
    if (!state) return void leaks.push('probe returned nothing');
    pids.add(state.pid);
    if (state.t) leaks.push(`app.tenant_id = ${state.t}`);
    if (state.u) leaks.push(`app.user_id = ${state.u}`);
    if (state.r) leaks.push(`app.role = ${state.r}`);
    if (state.who === APP_ROLE) leaks.push(`current_user = ${state.who}`);
  };

  for (let start = 0; start < options.operations; start += options.concurrency) {
    const batch: Promise<void>[] = [];
    for (let i = start; i < Math.min(start + options.concurrency, options.operations); i += 1) {
      batch.push(operation(i).catch((error: Error) => void problems.push(`op ${i}: ${error.message}`)));
      if (i % options.probeEvery === options.probeEvery - 1) batch.push(probe());
    }
    await Promise.all(batch);
  }

  // Final state, as the system: each tenant holds exactly its own writes.
  await system.withSystem('isolation soak: final state', async (sql) => {
    for (const side of sides) {
      const t = side.party.tenantId;
      const [audit] = await sql.query<{ n: number }>('select count(*)::int as n from audit_log where tenant_id = $1', [t]);
      if (audit?.n !== side.auditInserted) problems.push(`tenant ${t}: ${audit?.n} audit entries, expected ${side.auditInserted}`);
      const [members] = await sql.query<{ n: number }>('select count(*)::int as n from memberships where tenant_id = $1', [t]);
      const expected = 3 + side.members.length + side.spares.length;
      if (members?.n !== expected) problems.push(`tenant ${t}: ${members?.n} memberships after churn, expected ${expected}`);
      const [care] = await sql.query<{ n: number }>('select count(*)::int as n from care_team where tenant_id = $1', [t]);
      if (care?.n !== 0) problems.push(`tenant ${t}: ${care?.n} care team rows left after churn`);
      const [tenant] = await sql.query<{ op: number | null }>(`select (branding ->> 'op')::int as op from tenants where id = $1`, [t]);
      const op = tenant?.op;
      if (side.brandingWriters.size > 0 && (op === null || op === undefined || !side.brandingWriters.has(op))) {
        problems.push(`tenant ${t}: branding written by op ${op}, which belongs to the other tenant`);
      }
    }
  });

  return {
    operations: options.operations,
    foreignRows,
    ownRows,
    probes,
    leaks,
    connections: pids.size,
    expectedFailures,
    problems,
    elapsedMs: Date.now() - started,
  };
}
