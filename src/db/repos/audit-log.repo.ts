import type { AuditEntry } from '../../app/audit/audit-entry.ts';
import type { AuditLogRepo } from '../../app/ports.ts';

export const auditLogRepo: AuditLogRepo = {
  async last(sql, tenantId) {
    const rows = await sql.query<{ seq: string; hash: string }>(
      'select seq, hash from audit_log where tenant_id = $1 order by seq desc limit 1',
      [tenantId],
    );
    return rows[0] && { seq: Number(rows[0].seq), hash: rows[0].hash };
  },
  async insert(sql, e) {
    await sql.query(
      `insert into audit_log (tenant_id, seq, id, at, actor_user_id, action, target_type, target_id, details, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [e.tenantId, e.seq, e.id, e.at, e.actorUserId, e.action, e.targetType, e.targetId, e.details, e.prevHash, e.hash],
    );
  },
  async page(sql, tenantId, afterSeq, limit) {
    const rows = await sql.query(
      `select tenant_id as "tenantId", seq, id, at, actor_user_id as "actorUserId", action,
              target_type as "targetType", target_id as "targetId", details, prev_hash as "prevHash", hash
       from audit_log where tenant_id = $1 and seq > $2 order by seq limit $3`,
      [tenantId, afterSeq, limit],
    );
    return rows.map((r) => ({ ...(r as unknown as AuditEntry), seq: Number(r.seq), at: (r.at as Date).toISOString() }));
  },
};
