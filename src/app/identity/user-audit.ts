import { recordAudit } from '../audit/record-audit.ts';
import type { AuditEvent } from '../audit/audit-entry.ts';
import type { AppDeps } from '../deps.ts';
import type { Sql } from '../ports.ts';

/** Events about a person's own account go to the audit chain of their personal tenant. */
export async function auditAccount(deps: AppDeps, sql: Sql, account: { id: string; personalTenantId: string | null }, event: Omit<AuditEvent, 'targetType' | 'targetId'>) {
  if (!account.personalTenantId) return;
  await recordAudit(deps, sql, account.personalTenantId, {
    actorUserId: account.id,
    targetType: 'user',
    targetId: account.id,
    ...event,
  });
}
