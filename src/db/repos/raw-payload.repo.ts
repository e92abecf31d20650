import type { RawPayloadRepo, RawPayloadState, RawPayloadSummary, SampleRejection } from '../../app/ports.ts';
import { iso, isoOrNull } from './timestamps.ts';

const SUMMARY = `id, idempotency_key as "idempotencyKey", payload_sha256 as "payloadSha256", import_id as "importId",
  sample_count as "sampleCount", received_at as "receivedAt", state, normalized_at as "normalizedAt",
  stored_count as "storedCount", unchanged_count as "unchangedCount", rejected_count as "rejectedCount",
  superseded_count as "supersededCount", rejections, error`;

type SummaryRow = Omit<RawPayloadSummary, 'receivedAt' | 'normalizedAt'> & { receivedAt: Date; normalizedAt: Date | null };

function toSummary(row: SummaryRow): RawPayloadSummary {
  return { ...row, receivedAt: iso(row.receivedAt), normalizedAt: isoOrNull(row.normalizedAt) };
}

/** The rejections column holds at most this many (a CHECK says so too). */
export const MAX_STORED_REJECTIONS = 100;

export const rawPayloadRepo: RawPayloadRepo = {
  async insertImportMarker(sql, person, marker, at) {
    const { counts } = marker;
    await sql.query(
      `insert into raw_payloads (id, tenant_id, user_id, idempotency_key, import_id, sample_count, received_at, state, normalized_at,
                                 stored_count, unchanged_count, rejected_count, superseded_count, rejections)
       values ($1, $2, $3, $4, $5, $6, $7, 'normalized', $8, $9, $10, $11, $12, $13::jsonb)
       on conflict (tenant_id, user_id, idempotency_key) where idempotency_key is not null do nothing`,
      [
        marker.id,
        person.tenantId,
        person.userId,
        marker.idempotencyKey,
        marker.importId,
        marker.sampleCount,
        marker.receivedAt,
        at,
        counts.stored,
        counts.unchanged,
        counts.rejected,
        counts.superseded,
        JSON.stringify(counts.rejections.slice(0, MAX_STORED_REJECTIONS)),
      ],
    );
  },

  async importBatchKeys(sql, person, importId) {
    const rows = await sql.query<{ key: string }>(
      `select idempotency_key as key
         from raw_payloads
        where tenant_id = $1 and user_id = $2 and import_id = $3 and state = 'normalized' and idempotency_key is not null`,
      [person.tenantId, person.userId, importId],
    );
    return new Set(rows.map((r) => r.key));
  },

  async insert(sql, person, raw) {
    const inserted = await sql.query<SummaryRow>(
      `insert into raw_payloads (id, tenant_id, user_id, idempotency_key, payload_sha256, import_id, payload, sample_count, received_at)
       values ($1, $2, $3, $4, $5, $6, $7::json, $8, $9)
       on conflict (tenant_id, user_id, idempotency_key) where idempotency_key is not null do nothing
       returning ${SUMMARY}`,
      [raw.id, person.tenantId, person.userId, raw.idempotencyKey ?? null, raw.payloadSha256 ?? null, raw.importId ?? null, raw.payloadJson, raw.sampleCount, raw.receivedAt],
    );
    if (inserted[0]) return { raw: toSummary(inserted[0]), duplicate: false };
    const [existing] = await sql.query<SummaryRow>(
      `select ${SUMMARY} from raw_payloads where tenant_id = $1 and user_id = $2 and idempotency_key = $3`,
      [person.tenantId, person.userId, raw.idempotencyKey],
    );
    if (!existing) throw new Error('raw payload insert conflicted on an idempotency key that is not there');
    return { raw: toSummary(existing), duplicate: true };
  },

  async get(sql, person, id) {
    const [row] = await sql.query<SummaryRow>(`select ${SUMMARY} from raw_payloads where tenant_id = $1 and user_id = $2 and id = $3`, [
      person.tenantId,
      person.userId,
      id,
    ]);
    return row ? toSummary(row) : undefined;
  },

  async pendingPayload(sql, person, id) {
    const [row] = await sql.query<{ payload: unknown[] }>(
      `select payload from raw_payloads where tenant_id = $1 and user_id = $2 and id = $3 and state = 'pending'`,
      [person.tenantId, person.userId, id],
    );
    return row?.payload;
  },

  async lockState(sql, person, id) {
    const [row] = await sql.query<{ state: RawPayloadState }>(
      'select state from raw_payloads where tenant_id = $1 and user_id = $2 and id = $3 for update',
      [person.tenantId, person.userId, id],
    );
    return row?.state;
  },

  async markNormalized(sql, person, id, counts, at) {
    const rejections: SampleRejection[] = counts.rejections.slice(0, MAX_STORED_REJECTIONS);
    await sql.query(
      `update raw_payloads
          set state = 'normalized', normalized_at = $4, stored_count = $5, unchanged_count = $6, rejected_count = $7,
              superseded_count = $8, rejections = $9::jsonb
        where tenant_id = $1 and user_id = $2 and id = $3`,
      [person.tenantId, person.userId, id, at, counts.stored, counts.unchanged, counts.rejected, counts.superseded, JSON.stringify(rejections)],
    );
  },

  async markFailed(sql, person, id, error) {
    await sql.query(
      `update raw_payloads set state = 'failed', error = $4 where tenant_id = $1 and user_id = $2 and id = $3 and state = 'pending'`,
      [person.tenantId, person.userId, id, error.slice(0, 2000) || 'normalization failed'],
    );
  },

  async countPending(sql, person) {
    const [row] = await sql.query<{ n: number }>(
      `select count(*)::int as n from raw_payloads where tenant_id = $1 and user_id = $2 and state = 'pending'`,
      [person.tenantId, person.userId],
    );
    return row?.n ?? 0;
  },

  async listPending(sql, after, limit) {
    const rows = await sql.query<{ tenantId: string; userId: string; id: string; receivedAt: Date }>(
      `select tenant_id as "tenantId", user_id as "userId", id, received_at as "receivedAt"
         from raw_payloads
        where state = 'pending' and ($1::timestamptz is null or (received_at, id) > ($1::timestamptz, $2::uuid))
        order by received_at, id
        limit $3`,
      [after?.receivedAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((r) => ({ ...r, receivedAt: iso(r.receivedAt) }));
  },
};
