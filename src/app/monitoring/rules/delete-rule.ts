import { recordAudit } from '../../audit/record-audit.ts';
import { AppError } from '../../errors.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import { notFound } from '../../ingest/ingest-deps.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { mayManageRule, readableRule } from './rule-access.ts';
import { auditedRule } from './rule-view.ts';

/** Removes a rule for good; its alerts stay (they keep the rule's name). Audited. */
export async function deleteRule(deps: MonitoringDeps, ctx: RequestContext, id: string): Promise<void> {
  await deps.tx.withTenant(ctx, async (sql) => {
    const rule = await readableRule(deps, sql, ctx, id);
    if (!mayManageRule(ctx, rule)) throw new AppError('forbidden', 'This rule was set for you by someone else; ask them to remove it.');
    if (!(await deps.monitoring.rules.delete(sql, ctx.tenantId, id))) throw notFound();
    await recordAudit(deps, sql, ctx.tenantId, { action: 'rule.deleted', actorUserId: ctx.userId, targetType: 'rule', targetId: id, details: auditedRule(rule) });
  });
}
