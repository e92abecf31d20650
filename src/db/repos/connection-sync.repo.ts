import type { ConnectionSyncRepo, SyncRun } from '../../app/connections/connection-ports.ts';
import { iso, isoOrNull } from './timestamps.ts';

const COLUMNS = `id, connection_id as "connectionId", resource, kind, window_from as "windowFrom", window_to as "windowTo",
  state, cursor, fetched_at as "fetchedAt", pages, documents, samples, skipped, retries, error,
  created_at as "createdAt", started_at as "startedAt", finished_at as "finishedAt"`;

type Row = Omit<SyncRun, 'windowFrom' | 'windowTo' | 'fetchedAt' | 'createdAt' | 'startedAt' | 'finishedAt'> & Record<
  'windowFrom' | 'windowTo' | 'fetchedAt' | 'createdAt' | 'startedAt' | 'finishedAt',
  unknown
>;

const toRun = (row: Row): SyncRun => ({
  ...row,
  windowFrom: iso(row.windowFrom),
  windowTo: iso(row.windowTo),
  fetchedAt: iso(row.fetchedAt),
  createdAt: iso(row.createdAt),
  startedAt: isoOrNull(row.startedAt),
  finishedAt: isoOrNull(row.finishedAt),
});

export const connectionSyncRepo: ConnectionSyncRepo = {
  async insert(sql, person, run, at) {
    const [row] = await sql.query<Row>(
      `insert into connection_syncs (id, tenant_id, user_id, connection_id, resource, kind, window_from, window_to, fetched_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
       returning ${COLUMNS}`,
      [run.id, person.tenantId, person.userId, run.connectionId, run.resource, run.kind, run.window.from, run.window.to, run.fetchedAt, at],
    );
    return toRun(row!);
  },

  async get(sql, id) {
    const [row] = await sql.query<Row>(`select ${COLUMNS} from connection_syncs where id = $1`, [id]);
    return row ? toRun(row) : undefined;
  },

  async start(sql, id, at) {
    await sql.query(`update connection_syncs set state = 'running', started_at = $2, updated_at = $2 where id = $1 and state = 'queued'`, [id, at]);
  },

  async recordPage(sql, id, page, outcome, at) {
    const done = outcome.cursor === undefined;
    const rows = await sql.query(
      `update connection_syncs
       set pages = pages + 1, cursor = $3, documents = documents + $4, samples = samples + $5, skipped = skipped + $6,
           state = case when $7 then 'succeeded' else state end, finished_at = case when $7 then $8::timestamptz end, updated_at = $8
       where id = $1 and pages = $2 and state = 'running'
       returning id`,
      [id, page, outcome.cursor ?? null, outcome.documents, outcome.samples, outcome.skipped, done, at],
    );
    return rows.length === 1;
  },

  async countRetry(sql, id, at) {
    const [row] = await sql.query<{ retries: number }>('update connection_syncs set retries = retries + 1, updated_at = $2 where id = $1 returning retries', [id, at]);
    return row?.retries ?? 0;
  },

  async fail(sql, id, error, at) {
    await sql.query(
      `update connection_syncs set state = 'failed', error = $2, finished_at = $3, updated_at = $3 where id = $1 and state in ('queued', 'running')`,
      [id, error, at],
    );
  },

  async open(sql, connectionId, resource) {
    const [row] = await sql.query<Row>(
      `select ${COLUMNS} from connection_syncs where connection_id = $1 and resource = $2 and state in ('queued', 'running')
       order by created_at desc limit 1`,
      [connectionId, resource],
    );
    return row ? toRun(row) : undefined;
  },

  async coveredUntil(sql, connectionId, resource) {
    const [row] = await sql.query<{ until: unknown }>(
      `select max(window_to) as until from connection_syncs where connection_id = $1 and resource = $2 and state <> 'failed'`,
      [connectionId, resource],
    );
    return isoOrNull(row?.until) ?? undefined;
  },

  async history(sql, connectionIds, perResource) {
    if (connectionIds.length === 0) return [];
    const rows = await sql.query<Row>(
      `select ${COLUMNS} from (
         select *, row_number() over (partition by connection_id, resource order by created_at desc, id desc) as n
         from connection_syncs where connection_id = any($1::uuid[])
       ) ranked
       where n <= $2
       order by connection_id, resource, created_at desc, id desc`,
      [connectionIds, perResource],
    );
    return rows.map(toRun);
  },

  async prune(sql, connectionId, keepPerResource) {
    await sql.query(
      `delete from connection_syncs where id in (
         select id from (
           select id, finished_at, row_number() over (partition by resource order by created_at desc, id desc) as n
           from connection_syncs where connection_id = $1
         ) ranked
         where n > $2 and finished_at is not null
       )`,
      [connectionId, keepPerResource],
    );
  },

  async unfinished(sql, limit) {
    return sql.query<{ id: string; tenantId: string; userId: string; connectionId: string; pages: number }>(
      `select id, tenant_id as "tenantId", user_id as "userId", connection_id as "connectionId", pages from connection_syncs
       where state in ('queued', 'running') order by created_at limit $1`,
      [limit],
    );
  },
};
