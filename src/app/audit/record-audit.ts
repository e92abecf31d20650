import type { AppDeps } from '../deps.ts';
import type { Sql } from '../ports.ts';
import { GENESIS_HASH, hashAuditEntry, type AuditEntry, type AuditEvent } from './audit-entry.ts';

export type RecordAuditDeps = Pick<AppDeps, 'repos' | 'clock' | 'ids'>;

/**
 * Appends one entry to the tenant's chain inside the caller's transaction, so the entry
 * commits or rolls back with what it records. A transaction-scoped advisory lock per tenant
 * keeps concurrent appends from forking the chain.
 */
export async function recordAudit(deps: RecordAuditDeps, sql: Sql, tenantId: string, event: AuditEvent): Promise<AuditEntry> {
  await sql.query(`select pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, [tenantId]);
  const last = await deps.repos.auditLog.last(sql, tenantId);
  const unhashed: Omit<AuditEntry, 'hash'> = {
    tenantId,
    seq: (last?.seq ?? 0) + 1,
    id: deps.ids.newId(),
    at: deps.clock.now().toISOString(),
    actorUserId: event.actorUserId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    details: event.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const entry = { ...unhashed, hash: hashAuditEntry(unhashed) };
  await deps.repos.auditLog.insert(sql, entry);
  return entry;
}
