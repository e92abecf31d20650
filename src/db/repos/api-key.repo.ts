import type { ApiKey, ApiKeyRepo } from '../../app/ports.ts';
import { iso, isoOrNull } from './timestamps.ts';

// Every column but key_hash: the app role may not read the hash at all.
const COLUMNS = `id, tenant_id as "tenantId", name, prefix, permissions, created_by as "createdBy",
  created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt"`;

function toApiKey(row: Record<string, unknown>): ApiKey {
  return {
    ...(row as unknown as ApiKey),
    createdAt: iso(row.createdAt),
    lastUsedAt: isoOrNull(row.lastUsedAt),
    revokedAt: isoOrNull(row.revokedAt),
  };
}

export const apiKeyRepo: ApiKeyRepo = {
  async insert(sql, k) {
    const rows = await sql.query(
      `insert into api_keys (id, tenant_id, name, prefix, key_hash, permissions, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
      [k.id, k.tenantId, k.name, k.prefix, k.keyHash, k.permissions, k.createdBy, k.createdAt],
    );
    return toApiKey(rows[0]!);
  },
  async list(sql, tenantId) {
    const rows = await sql.query(`select ${COLUMNS} from api_keys where tenant_id = $1 order by created_at desc, id desc`, [tenantId]);
    return rows.map(toApiKey);
  },
  async byId(sql, tenantId, id) {
    const rows = await sql.query(`select ${COLUMNS} from api_keys where tenant_id = $1 and id = $2`, [tenantId, id]);
    return rows[0] && toApiKey(rows[0]);
  },
  async revoke(sql, tenantId, id, at) {
    const rows = await sql.query(
      'update api_keys set revoked_at = $3 where tenant_id = $1 and id = $2 and revoked_at is null returning id',
      [tenantId, id, at],
    );
    return rows.length === 1;
  },
  async revokeAllMadeBy(sql, tenantId, userId, at) {
    const rows = await sql.query(
      `update api_keys set revoked_at = $3 where tenant_id = $1 and created_by = $2 and revoked_at is null returning ${COLUMNS}`,
      [tenantId, userId, at],
    );
    return rows.map(toApiKey);
  },
};
