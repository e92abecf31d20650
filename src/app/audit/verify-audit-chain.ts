import type { AuditLogRepo, Sql } from '../ports.ts';
import { GENESIS_HASH, hashAuditEntry } from './audit-entry.ts';

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAtSeq: number; reason: string };

const PAGE = 1000;

/** Walks a tenant's audit chain in order and reports the first entry that does not hold. */
export async function verifyAuditChain(auditLog: AuditLogRepo, sql: Sql, tenantId: string): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const page = await auditLog.page(sql, tenantId, expectedSeq - 1, PAGE);
    for (const entry of page) {
      const broken = (reason: string): ChainVerdict => ({ ok: false, entries: expectedSeq - 1, brokenAtSeq: entry.seq, reason });
      if (entry.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
      if (entry.prevHash !== prevHash) return broken('does not link to the entry before it');
      const { hash, ...unhashed } = entry;
      if (hashAuditEntry(unhashed) !== hash) return broken('its content does not match its hash');
      prevHash = hash;
      expectedSeq += 1;
    }
    if (page.length < PAGE) return { ok: true, entries: expectedSeq - 1 };
  }
}
