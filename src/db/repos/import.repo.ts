import type { ImportRecord, ImportRepo } from '../../app/ports.ts';

const COLUMNS = `id, user_id as "userId", format, state, progress, counts, skipped, skipped_total as "skippedTotal",
  blob_key as "blobKey", file_name as "fileName", size_bytes as "sizeBytes", options, error,
  created_at as "createdAt", started_at as "startedAt", finished_at as "finishedAt"`;

type Row = Omit<ImportRecord, 'sizeBytes'> & { sizeBytes: string | number | null };

const toRecord = (row: Row): ImportRecord => ({ ...row, sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes) });

export const importRepo: ImportRepo = {
  async insert(sql, person, record) {
    const [row] = await sql.query<Row>(
      `insert into imports (id, tenant_id, user_id, format, blob_key, file_name, size_bytes, options, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $9)
       returning ${COLUMNS}`,
      [record.id, person.tenantId, person.userId, record.format, record.blobKey, record.fileName, record.sizeBytes, JSON.stringify(record.options), record.createdAt],
    );
    return toRecord(row!);
  },

  async find(sql, id) {
    const [row] = await sql.query<Row>(`select ${COLUMNS} from imports where id = $1`, [id]);
    return row ? toRecord(row) : undefined;
  },

  async update(sql, person, id, p, at) {
    await sql.query(
      `update imports set state = $4, progress = $5, counts = $6::jsonb, skipped = $7::jsonb, skipped_total = $8,
         error = coalesce($9, error), started_at = coalesce($10, started_at), finished_at = coalesce($11, finished_at), updated_at = $12
       where tenant_id = $1 and user_id = $2 and id = $3`,
      [
        person.tenantId,
        person.userId,
        id,
        p.state,
        p.progress,
        JSON.stringify(p.counts),
        JSON.stringify(p.skipped),
        p.skippedTotal,
        p.error ?? null,
        p.startedAt ?? null,
        p.finishedAt ?? null,
        at,
      ],
    );
  },

  async countSince(sql, person, since) {
    const [row] = await sql.query<{ n: number }>('select count(*)::int as n from imports where tenant_id = $1 and user_id = $2 and created_at >= $3', [
      person.tenantId,
      person.userId,
      since,
    ]);
    return row?.n ?? 0;
  },

  async unfinished(sql, limit) {
    return sql.query<{ id: string; tenantId: string; userId: string }>(
      `select id, tenant_id as "tenantId", user_id as "userId" from imports where state in ('queued', 'running') order by created_at limit $1`,
      [limit],
    );
  },
};
