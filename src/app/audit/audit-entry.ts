import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/audit/canonical-json.ts';

/** What a caller records; the chain fields are added by recordAudit. */
export interface AuditEvent {
  action: string;
  actorUserId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  tenantId: string;
  seq: number;
  id: string;
  at: string;
  actorUserId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The hash before a tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256 over the previous hash and every field of the entry but its own hash. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const body = canonicalJson([
    entry.tenantId,
    entry.seq,
    entry.id,
    entry.at,
    entry.actorUserId,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.details,
  ]);
  return createHash('sha256').update(entry.prevHash).update('\n').update(body).digest('hex');
}
