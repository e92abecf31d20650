// The fixture registry of the cross-tenant matrix: for every tenant table, how the system
// makes a valid row belonging to a tenant, and what the app role is meant to be allowed to do
// with it. A table discovered in the catalog without an entry here fails the suite.
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Role, Sql } from '../../../src/app/ports.ts';

export const ROLES: readonly Role[] = ['member', 'clinician', 'admin'];
export const COMMANDS = ['select', 'insert', 'update', 'delete'] as const;
export type Command = (typeof COMMANDS)[number];

export type Row = Record<string, unknown>;

/** One tenant of a matrix world, with one user per role (each a member of it with that role). */
export interface Party {
  tenantId: string;
  users: Record<Role, string>;
}

export interface TableFixture {
  /** Privileges the app role is meant to hold; any command outside them must answer `permission denied`. */
  grants: readonly Command[];
  /** Roles that may run each command on a row of their own tenant. A command missing here is denied to everyone. */
  allow: Partial<Record<Command, readonly Role[]>>;
  /** Commands the row's own user may run on it whatever tenant (or none) is set: `userColumn` names that user. */
  self?: { userColumn: string; commands: readonly Command[] };
  /** Columns that identify one row. */
  key: readonly string[];
  /** Column holding the owning tenant, when an update could try to move a row to another tenant. */
  tenantColumn?: string;
  /** As the system: inserts one row belonging to `party` and returns it (with at least the key columns). */
  seed(sql: Sql, party: Party): Promise<Row>;
  /** As the system: prepares what a new row for `party` needs (not the row itself) and returns the row to insert. */
  draft(sql: Sql, party: Party): Promise<Row>;
  /** A visible change for the update probe: a column outside the key, and a value it does not hold yet. */
  touch(): { column: string; value: unknown };
  /**
   * What the same statement does when the system runs it, for commands denied to everyone
   * (their control): 'ok' unless a trigger forbids it for the owner too, then the error text.
   */
  systemOutcome?: Partial<Record<Command, string>>;
}

function short(id: string): string {
  return id.replace(/-/g, '').slice(-12);
}

/** As the system: a new global user. */
export async function insertUser(sql: Sql, label = 'user'): Promise<string> {
  const id = uuidv7();
  await sql.query('insert into users (id, email, name) values ($1, $2, $3)', [id, `${label}-${short(id)}@example.test`, label]);
  return id;
}

/** As the system: a new tenant with one user per role. */
export async function insertParty(sql: Sql, label: string): Promise<Party> {
  const tenantId = uuidv7();
  await sql.query(`insert into tenants (id, slug, name, type) values ($1, $2, $3, 'team')`, [tenantId, `${label}-${short(tenantId)}`, label]);
  const users = {} as Record<Role, string>;
  for (const role of ROLES) {
    users[role] = await insertUser(sql, `${label}-${role}`);
    await sql.query('insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)', [tenantId, users[role], role]);
  }
  return { tenantId, users };
}

async function memberOf(sql: Sql, party: Party, role: Role): Promise<string> {
  const userId = await insertUser(sql, role);
  await sql.query('insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)', [party.tenantId, userId, role]);
  return userId;
}

let touches = 0;
/** Distinct instants, so an update is visible as a change. */
function touchedAt(): Date {
  touches += 1;
  return new Date(Date.UTC(2001, 0, 1) + touches * 1000);
}

function auditRow(party: Party, seq: number): Row {
  return {
    tenant_id: party.tenantId,
    seq,
    id: uuidv7(),
    at: new Date(),
    actor_user_id: party.users.admin,
    action: 'matrix.probe',
    prev_hash: '0'.repeat(64),
    hash: randomBytes(32).toString('hex'),
  };
}

function jobRow(party: Party): Row {
  const now = new Date();
  return {
    id: uuidv7(),
    name: 'matrix.probe',
    payload: JSON.stringify({ tenantId: party.tenantId }),
    state: 'pending',
    max_attempts: 5,
    backoff_ms: 1000,
    run_at: now,
    created_at: now,
    updated_at: now,
  };
}

function outboxRow(party: Party): Row {
  return {
    id: uuidv7(),
    tenant_id: party.tenantId,
    from_address: 'vitalis@example.test',
    to_address: `${party.users.member.slice(-12)}@example.test`,
    subject: 'Matrix probe',
    text_body: 'Hello',
  };
}

function invitationRow(party: Party): Row {
  return {
    id: uuidv7(),
    tenant_id: party.tenantId,
    email: `invitee-${short(uuidv7())}@example.test`,
    role: 'member',
    token_hash: randomBytes(32).toString('hex'),
    invited_by: party.users.admin,
    created_at: new Date(),
    expires_at: inAnHour(),
  };
}

function apiKeyRow(party: Party): Row {
  const id = uuidv7();
  return {
    id,
    tenant_id: party.tenantId,
    name: 'Matrix probe',
    prefix: short(id),
    key_hash: randomBytes(32).toString('hex'),
    permissions: ['members:read'],
    created_by: party.users.admin,
    created_at: new Date(),
  };
}

async function insertRow(sql: Sql, table: string, row: Row): Promise<Row> {
  const columns = Object.keys(row);
  await sql.query(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    Object.values(row),
  );
  return row;
}


/** As the system: a row of a table only the system touches (credentials, sessions, tokens). */
function systemOnly(table: string, key: readonly string[], draftRow: (sql: Sql, party: Party) => Promise<Row>, touchColumn: string, touchValue: () => unknown): TableFixture {
  return {
    grants: [],
    allow: {},
    key,
    async seed(sql, party) {
      return insertRow(sql, table, await draftRow(sql, party));
    },
    draft: draftRow,
    touch: () => ({ column: touchColumn, value: touchValue() }),
  };
}

const inAnHour = () => new Date(Date.now() + 3_600_000);

// ---- health data (0006): a person's own rows, read also by a clinician with them on their care team

/**
 * As the system: the care team the health-data fixtures rely on — the party's clinician looks
 * after the party's member, whose rows they are. So in the matrix the member's cells are the
 * person acting on their own data, the clinician's cells a care-team read, and the admin's
 * cells an admin with no care-team tie (who must see nothing).
 */
async function careTeamOfMember(sql: Sql, party: Party): Promise<void> {
  await sql.query('insert into care_team (tenant_id, clinician_id, member_id) values ($1, $2, $3) on conflict do nothing', [
    party.tenantId,
    party.users.clinician,
    party.users.member,
  ]);
}

let sampleStarts = 0;
function sampleRow(party: Party): Row {
  sampleStarts += 1;
  const start = new Date(Date.UTC(2024, 0, 1) + sampleStarts * 60_000);
  return {
    tenant_id: party.tenantId,
    user_id: party.users.member,
    metric: 'heart_rate',
    source: 'Matrix Watch',
    start_at: start,
    end_at: start,
    value: 60,
    utc_offset_minutes: 0,
    local_date: start.toISOString().slice(0, 10),
    raw_id: uuidv7(),
  };
}

function dailyValueRow(party: Party): Row {
  sampleStarts += 1;
  return {
    tenant_id: party.tenantId,
    user_id: party.users.member,
    metric: 'steps',
    local_date: new Date(Date.UTC(2024, 0, 1) + sampleStarts * 86_400_000).toISOString().slice(0, 10),
    value: 1000,
    count: 1,
    status: 'ok',
    provenance: '[]',
    updated_at: new Date(),
  };
}

function rawPayloadRow(party: Party): Row {
  return { id: uuidv7(), tenant_id: party.tenantId, user_id: party.users.member, payload: '[]', sample_count: 0, received_at: new Date() };
}

function importRow(party: Party): Row {
  const id = uuidv7();
  return { id, tenant_id: party.tenantId, user_id: party.users.member, format: 'csv', blob_key: `imports/${id}`, created_at: new Date(), updated_at: new Date() };
}

function journalEntryRow(party: Party): Row {
  return { id: uuidv7(), tenant_id: party.tenantId, user_id: party.users.member, entry_date: '2024-01-01', mood: 3, created_at: new Date(), updated_at: new Date() };
}

let connectionVendors = 0;
function connectionRow(party: Party): Row {
  connectionVendors += 1;
  const at = new Date();
  return {
    id: uuidv7(),
    tenant_id: party.tenantId,
    user_id: party.users.member,
    vendor: `matrix_${connectionVendors}`,
    status: 'connected',
    created_at: at,
    updated_at: at,
  };
}

/** As the system: the connection a sync run belongs to, then the run. */
async function connectionSyncRow(sql: Sql, party: Party): Promise<Row> {
  const connection = await insertRow(sql, 'connections', connectionRow(party));
  const at = new Date();
  return {
    id: uuidv7(),
    tenant_id: party.tenantId,
    user_id: party.users.member,
    connection_id: connection.id,
    resource: 'heartrate',
    kind: 'backfill',
    window_from: at,
    window_to: at,
    fetched_at: at,
    created_at: at,
    updated_at: at,
  };
}

let touchedNumbers = 0;
/** A number no fixture row holds yet. */
function touchedNumber(): number {
  touchedNumbers += 1;
  return touchedNumbers;
}

/** A health-data table: the person reads and writes their rows, their clinician reads them, nobody else does anything. */
function healthData(table: string, key: readonly string[], grants: readonly Command[], row: (party: Party) => Row, touch: () => { column: string; value: unknown }): TableFixture {
  const writes = grants.filter((c): c is Exclude<Command, 'select'> => c !== 'select');
  return {
    grants,
    allow: { select: ['member', 'clinician'], ...Object.fromEntries(writes.map((c) => [c, ['member'] as const])) },
    key,
    async seed(sql, party) {
      await careTeamOfMember(sql, party);
      return insertRow(sql, table, row(party));
    },
    async draft(sql, party) {
      await careTeamOfMember(sql, party);
      return row(party);
    },
    touch,
  };
}

// ---- monitoring (0009): rules, their state, alerts and live events of a watched person, inboxes,
// and each tenant's alerting settings

function ruleRow(party: Party): Row {
  const now = new Date();
  return {
    id: uuidv7(),
    tenant_id: party.tenantId,
    name: 'Matrix rule',
    metric: 'heart_rate',
    condition: JSON.stringify({ metric: 'heart_rate', operator: '>', value: 100, duration: 30, maxGapMinutes: 10 }),
    action_type: 'doctor_ping',
    severity: 'high',
    cooldown_minutes: 60,
    created_by: party.users.admin,
    created_at: now,
    updated_at: now,
  };
}

function alertRow(party: Party): Row {
  const id = uuidv7();
  const at = new Date(Date.UTC(2024, 0, 1));
  return {
    id,
    tenant_id: party.tenantId,
    user_id: party.users.member,
    rule_id: uuidv7(),
    rule_name: 'Matrix rule',
    action_type: 'alert',
    alert_key: `matrix:${id}`,
    metric: 'heart_rate',
    severity: 'high',
    state: 'open',
    opened_at: at,
    evidence: JSON.stringify({ from: at.getTime(), to: at.getTime(), sampleCount: 1, samples: [] }),
    evidence_from: at,
    evidence_to: at,
    recorded_at: at,
    updated_at: at,
  };
}

/** As the system: an alert about the party's member (on the clinician's care team), and a comment on it by the member. */
async function alertCommentRow(sql: Sql, party: Party): Promise<Row> {
  await careTeamOfMember(sql, party);
  const alert = await insertRow(sql, 'alerts', alertRow(party));
  return { id: uuidv7(), tenant_id: party.tenantId, user_id: party.users.member, alert_id: alert.id, author_id: party.users.member, body: 'Matrix', created_at: new Date() };
}

let liveSeqs = 0;
function liveEventRow(party: Party): Row {
  liveSeqs += 1;
  return { tenant_id: party.tenantId, seq: liveSeqs, user_id: party.users.member, kind: 'data.ingested', payload: '{}', created_at: new Date() };
}

/** A row about the party's member: the member, and the clinician with them on their care team, see it. */
function aboutMember(table: string, key: readonly string[], grants: readonly Command[], allow: TableFixture['allow'], row: (sql: Sql, party: Party) => Row | Promise<Row>, touch: () => { column: string; value: unknown }): TableFixture {
  return {
    grants,
    allow,
    key,
    async seed(sql, party) {
      await careTeamOfMember(sql, party);
      return insertRow(sql, table, await row(sql, party));
    },
    async draft(sql, party) {
      await careTeamOfMember(sql, party);
      return row(sql, party);
    },
    touch,
  };
}

/** A row of the tenant itself (keyed by tenant_id) that `allow` says who may touch. */
function ofTenant(table: string, key: readonly string[], grants: readonly Command[], allow: TableFixture['allow'], row: (sql: Sql, party: Party) => Row | Promise<Row>, touch: () => { column: string; value: unknown }): TableFixture {
  return {
    grants,
    allow,
    key,
    async seed(sql, party) {
      return insertRow(sql, table, await row(sql, party));
    },
    draft: async (sql, party) => row(sql, party),
    touch,
  };
}

const OWN = { select: ['member'], insert: ['member'], update: ['member'] } as const;

export const FIXTURES: Record<string, TableFixture> = {
  // The tenant row itself, keyed by id: members read it, admins edit it, nobody creates or deletes one.
  tenants: {
    grants: ['select', 'update'],
    allow: { select: ROLES, update: ['admin'] },
    key: ['id'],
    async seed(_sql, party) {
      return { id: party.tenantId };
    },
    async draft() {
      const id = uuidv7();
      return { id, slug: `new-${short(id)}`, name: 'New tenant', type: 'team' };
    },
    touch: () => ({ column: 'name', value: `touched ${uuidv7()}` }),
  },

  // Global identities: visible to people sharing the current tenant and to themselves; only
  // the person edits their own row; rows are created and deleted by the system only.
  users: {
    grants: ['select', 'update'],
    allow: { select: ROLES },
    self: { userColumn: 'id', commands: ['select', 'update'] },
    key: ['id'],
    async seed(sql, party) {
      return { id: await memberOf(sql, party, 'member') };
    },
    async draft() {
      const id = uuidv7();
      return { id, email: `new-${short(id)}@example.test`, name: 'New user' };
    },
    touch: () => ({ column: 'name', value: `touched ${uuidv7()}` }),
  },

  // Everyone in a tenant sees its memberships; only its admins change or end them; nobody in
  // the tenant adds one (joining goes through system use cases such as accepting an invitation).
  memberships: {
    grants: ['select', 'update', 'delete'],
    allow: { select: ROLES, update: ['admin'], delete: ['admin'] },
    key: ['tenant_id', 'user_id'],
    tenantColumn: 'tenant_id',
    async seed(sql, party) {
      return { tenant_id: party.tenantId, user_id: await memberOf(sql, party, 'member') };
    },
    async draft(sql, party) {
      return { tenant_id: party.tenantId, user_id: await insertUser(sql, 'invitee'), role: 'member' };
    },
    // A member made admin: the update the admin-only policy exists to guard.
    touch: () => ({ column: 'role', value: 'admin' }),
  },

  // Who looks after whom: visible in the tenant, edited by its admins.
  care_team: {
    grants: ['select', 'insert', 'update', 'delete'],
    allow: { select: ROLES, insert: ['admin'], update: ['admin'], delete: ['admin'] },
    key: ['tenant_id', 'clinician_id', 'member_id'],
    tenantColumn: 'tenant_id',
    async seed(sql, party) {
      const row = {
        tenant_id: party.tenantId,
        clinician_id: await memberOf(sql, party, 'clinician'),
        member_id: await memberOf(sql, party, 'member'),
      };
      return insertRow(sql, 'care_team', row);
    },
    async draft(sql, party) {
      return {
        tenant_id: party.tenantId,
        clinician_id: await memberOf(sql, party, 'clinician'),
        member_id: await memberOf(sql, party, 'member'),
      };
    },
    touch: () => ({ column: 'created_at', value: touchedAt() }),
  },

  // Append-only: read and appended within the tenant, never updated or deleted, not even by the owner.
  audit_log: {
    grants: ['select', 'insert'],
    allow: { select: ROLES, insert: ROLES },
    key: ['tenant_id', 'seq'],
    tenantColumn: 'tenant_id',
    async seed(sql, party) {
      return insertRow(sql, 'audit_log', auditRow(party, 1));
    },
    async draft(_sql, party) {
      return auditRow(party, 1);
    },
    touch: () => ({ column: 'action', value: 'matrix.touched' }),
    systemOutcome: { update: 'audit_log is append-only', delete: 'audit_log is append-only' },
  },

  // Durable job queue of the embedded mode (0002): infrastructure the runner works as the
  // owner; the tenant is in the payload. The app role holds nothing on it.
  jobs: {
    grants: [],
    allow: {},
    key: ['id'],
    async seed(sql, party) {
      return insertRow(sql, 'jobs', jobRow(party));
    },
    async draft(_sql, party) {
      return jobRow(party);
    },
    touch: () => ({ column: 'last_error', value: `touched ${uuidv7()}` }),
  },

  // Mail kept by the embedded mode (0003): only the system reads or writes it; RLS refuses
  // the app role everything and it holds no privilege either.
  outbox: {
    grants: [],
    allow: {},
    key: ['id'],
    async seed(sql, party) {
      return insertRow(sql, 'outbox', outboxRow(party));
    },
    async draft(_sql, party) {
      return outboxRow(party);
    },
    touch: () => ({ column: 'subject', value: `touched ${uuidv7()}` }),
  },
  // Identity (0004): secrets and sessions are reached only through withSystem; the app role
  // holds nothing and every policy refuses.
  credentials: systemOnly(
    'credentials',
    ['user_id'],
    async (sql, party) => ({ user_id: await memberOf(sql, party, 'member'), password_hash: '$argon2id$probe' }),
    'password_hash',
    () => `$argon2id$${uuidv7()}`,
  ),
  sessions: systemOnly(
    'sessions',
    ['id'],
    async (sql, party) => ({
      id: uuidv7(),
      user_id: await memberOf(sql, party, 'member'),
      family_id: uuidv7(),
      token_hash: randomBytes(32).toString('hex'),
      created_at: new Date(),
      expires_at: inAnHour(),
    }),
    'revoked_reason',
    () => `touched ${uuidv7()}`,
  ),
  email_tokens: systemOnly(
    'email_tokens',
    ['id'],
    async (sql, party) => ({
      id: uuidv7(),
      user_id: await memberOf(sql, party, 'member'),
      purpose: 'verify_email',
      token_hash: randomBytes(32).toString('hex'),
      created_at: new Date(),
      expires_at: inAnHour(),
    }),
    'used_at',
    touchedAt,
  ),
  recovery_codes: systemOnly(
    'recovery_codes',
    ['user_id', 'code_hash'],
    async (sql, party) => ({ user_id: await memberOf(sql, party, 'member'), code_hash: randomBytes(32).toString('hex') }),
    'used_at',
    touchedAt,
  ),

  // Invitations and API keys: a tenant's admins see, create and revoke them. No tenantColumn:
  // only revoked_at is updatable at all, so a row cannot even be pointed at another tenant.
  invitations: {
    grants: ['select', 'insert', 'update'],
    allow: { select: ['admin'], insert: ['admin'], update: ['admin'] },
    key: ['id'],
    async seed(sql, party) {
      return insertRow(sql, 'invitations', invitationRow(party));
    },
    async draft(_sql, party) {
      return invitationRow(party);
    },
    touch: () => ({ column: 'revoked_at', value: touchedAt() }),
  },
  api_keys: {
    grants: ['select', 'insert', 'update'],
    allow: { select: ['admin'], insert: ['admin'], update: ['admin'] },
    key: ['id'],
    async seed(sql, party) {
      return insertRow(sql, 'api_keys', apiKeyRow(party));
    },
    async draft(_sql, party) {
      return apiKeyRow(party);
    },
    touch: () => ({ column: 'revoked_at', value: touchedAt() }),
  },

  // Ingestion (0006): health data of one person in one tenant. No tenantColumn: the key and the
  // owner columns are not updatable at all, so a row cannot be pointed elsewhere either.
  imports: healthData('imports', ['id'], ['select', 'insert', 'update'], importRow, () => ({ column: 'progress', value: touchedNumber() % 100 })),
  raw_payloads: healthData('raw_payloads', ['id'], ['select', 'insert', 'update'], rawPayloadRow, () => ({ column: 'stored_count', value: touchedNumber() })),
  samples: healthData(
    'samples',
    ['tenant_id', 'user_id', 'metric', 'start_at', 'source'],
    ['select', 'insert', 'update', 'delete'],
    sampleRow,
    () => ({ column: 'value', value: 60 + touchedNumber() }),
  ),
  daily_values: healthData(
    'daily_values',
    ['tenant_id', 'user_id', 'metric', 'local_date'],
    ['select', 'insert', 'update', 'delete'],
    dailyValueRow,
    () => ({ column: 'value', value: 1000 + touchedNumber() }),
  ),
  source_priorities: healthData(
    'source_priorities',
    ['tenant_id', 'user_id', 'metric'],
    ['select', 'insert', 'update'],
    (party) => ({ tenant_id: party.tenantId, user_id: party.users.member, metric: 'steps', updated_at: new Date() }),
    () => ({ column: 'priority', value: [`Source ${touchedNumber()}`] }),
  ),

  // Insight (0007). The journal is private: its author does everything, nobody else anything,
  // not even a clinician who has the author on their care team.
  journal_entries: {
    ...healthData('journal_entries', ['id'], ['select', 'insert', 'update', 'delete'], journalEntryRow, () => ({ column: 'updated_at', value: touchedAt() })),
    allow: { select: ['member'], insert: ['member'], update: ['member'], delete: ['member'] },
  },
  correlation_reports: healthData(
    'correlation_reports',
    ['tenant_id', 'user_id'],
    ['select', 'insert', 'update'],
    (party) => ({ tenant_id: party.tenantId, user_id: party.users.member, version: 'matrix', computed_at: new Date(), findings: '[]', skipped_count: 0 }),
    () => ({ column: 'skipped_count', value: touchedNumber() }),
  ),

  // Connections (0008): a person's linked accounts and their sync runs are theirs alone: not
  // even a clinician with them on their care team sees them.
  connections: {
    ...healthData('connections', ['id'], ['select', 'insert', 'update', 'delete'], connectionRow, () => ({ column: 'last_error', value: `touched-${touchedNumber()}` })),
    allow: { select: ['member'], insert: ['member'], update: ['member'], delete: ['member'] },
  },
  connection_syncs: {
    grants: ['select', 'insert', 'update', 'delete'],
    allow: { select: ['member'], insert: ['member'], update: ['member'], delete: ['member'] },
    key: ['id'],
    async seed(sql, party) {
      return insertRow(sql, 'connection_syncs', await connectionSyncRow(sql, party));
    },
    draft: connectionSyncRow,
    touch: () => ({ column: 'pages', value: touchedNumber() }),
  },

  // Monitoring (0009). Rules: everyone reads the tenant's, admins and clinicians write them
  // (a member writes only rules they set for themselves, which this tenant-wide row is not).
  rules: ofTenant('rules', ['id'], ['select', 'insert', 'update', 'delete'], { select: ROLES, insert: ['clinician', 'admin'], update: ['clinician', 'admin'], delete: ['clinician', 'admin'] }, (_sql, party) => ruleRow(party), () => ({
    column: 'name',
    value: `touched ${touchedNumber()}`,
  })),
  // A person's rule streams: theirs alone.
  rule_states: aboutMember('rule_states', ['tenant_id', 'user_id', 'metric'], ['select', 'insert', 'update'], OWN, (_sql, party) => ({
    tenant_id: party.tenantId,
    user_id: party.users.member,
    metric: 'heart_rate',
    snapshot: '{}',
    updated_at: new Date(),
  }), () => ({ column: 'updated_at', value: touchedAt() })),
  // Alerts about the member: the member (who writes them, through the evaluation job) and their
  // care-team clinician see and move them along; an admin with no care-team tie sees nothing.
  alerts: aboutMember('alerts', ['id'], ['select', 'insert', 'update'], { select: ['member', 'clinician'], insert: ['member'], update: ['member', 'clinician'] }, (_sql, party) => alertRow(party), () => ({
    column: 'updated_at',
    value: touchedAt(),
  })),
  // Comments: whoever sees the alert, each writing as themselves (the row is the member's comment).
  alert_comments: aboutMember('alert_comments', ['id'], ['select', 'insert'], { select: ['member', 'clinician'], insert: ['member'] }, alertCommentRow, () => ({
    column: 'body',
    value: `touched ${touchedNumber()}`,
  })),
  // The live event log: events about the member, read and appended by whoever watches them.
  live_events: aboutMember('live_events', ['tenant_id', 'seq'], ['select', 'insert'], { select: ['member', 'clinician'], insert: ['member', 'clinician'] }, (_sql, party) => liveEventRow(party), () => ({
    column: 'kind',
    value: 'alert.updated',
  })),
  // The tenant's event counter: a number everyone in the tenant advances.
  live_event_counters: ofTenant('live_event_counters', ['tenant_id'], ['select', 'insert', 'update'], { select: ROLES, insert: ROLES, update: ROLES }, (_sql, party) => ({ tenant_id: party.tenantId, last_seq: 0 }), () => ({
    column: 'last_seq',
    value: touchedNumber(),
  })),
  // Inboxes and notification preferences: the person's own.
  notifications: aboutMember('notifications', ['id'], ['select', 'insert', 'update'], OWN, (_sql, party) => ({
    id: uuidv7(),
    tenant_id: party.tenantId,
    user_id: party.users.member,
    severity: 'high',
    title: 'Matrix',
    body: '',
    created_at: new Date(),
  }), () => ({ column: 'read_at', value: touchedAt() })),
  notification_preferences: aboutMember('notification_preferences', ['tenant_id', 'user_id'], ['select', 'insert', 'update'], OWN, (_sql, party) => ({
    tenant_id: party.tenantId,
    user_id: party.users.member,
    in_app_severities: ['high'],
    email_severities: [],
    updated_at: new Date(),
  }), () => ({ column: 'updated_at', value: touchedAt() })),
  // Who is on call and the alert policy: everyone in the tenant reads them, admins set them.
  alert_on_call: ofTenant('alert_on_call', ['tenant_id', 'user_id'], ['select', 'insert', 'delete'], { select: ROLES, insert: ['admin'], delete: ['admin'] }, async (sql, party) => ({
    tenant_id: party.tenantId,
    user_id: await memberOf(sql, party, 'clinician'),
  }), () => ({ column: 'created_at', value: touchedAt() })),
  alert_policies: ofTenant('alert_policies', ['tenant_id'], ['select', 'insert', 'update'], { select: ROLES, insert: ['admin'], update: ['admin'] }, (_sql, party) => ({
    tenant_id: party.tenantId,
    updated_at: new Date(),
  }), () => ({ column: 'updated_at', value: touchedAt() })),
  // The outgoing webhook (its URL may be a credential): admins only; its delivery log is written by the system, read by admins.
  alert_webhooks: ofTenant('alert_webhooks', ['tenant_id'], ['select', 'insert', 'update', 'delete'], { select: ['admin'], insert: ['admin'], update: ['admin'], delete: ['admin'] }, (_sql, party) => ({
    tenant_id: party.tenantId,
    url: 'https://hooks.example.test/matrix',
    secret_sealed: 'sealed',
    min_severity: 'low',
    created_at: new Date(),
    updated_at: new Date(),
  }), () => ({ column: 'url', value: `https://hooks.example.test/${touchedNumber()}` })),
  webhook_deliveries: ofTenant('webhook_deliveries', ['id'], ['select'], { select: ['admin'] }, (_sql, party) => ({
    id: uuidv7(),
    tenant_id: party.tenantId,
    event: 'alert.opened',
    url: 'https://hooks.example.test/matrix',
    payload: '{}',
    state: 'pending',
    created_at: new Date(),
    updated_at: new Date(),
  }), () => ({ column: 'attempts', value: touchedNumber() })),
};
