import type { PatchRuleBody, RuleView } from '../../../contracts/rules.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { AppError } from '../../errors.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import { notFound } from '../../ingest/ingest-deps.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { RuleFields, RuleRecord } from '../monitoring-ports.ts';
import { allowedScope, mayManageRule, readableRule, type StoredScope } from './rule-access.ts';
import { auditedRule, ruleView } from './rule-view.ts';

/**
 * Changes the fields given (a condition as a whole; null scope or context removes it) and
 * bumps the revision, so an episode under way starts over under the new condition. Audited
 * with the rule before and after.
 */
export async function updateRule(deps: MonitoringDeps, ctx: RequestContext, id: string, patch: PatchRuleBody): Promise<RuleView> {
  return deps.tx.withTenant(ctx, async (sql) => {
    const before = await readableRule(deps, sql, ctx, id);
    if (!mayManageRule(ctx, before)) throw new AppError('forbidden', 'This rule was set for you by someone else; ask them to change it.');
    const scope: StoredScope = patch.scope === undefined ? before : await allowedScope(deps, sql, ctx, patch.scope);
    const after = await deps.monitoring.rules.update(sql, ctx.tenantId, id, patched(before, patch, scope), deps.clock.now());
    if (!after) throw notFound();
    await recordAudit(deps, sql, ctx.tenantId, {
      action: 'rule.updated',
      actorUserId: ctx.userId,
      targetType: 'rule',
      targetId: id,
      details: { before: auditedRule(before), after: auditedRule(after) },
    });
    return ruleView(after);
  });
}

function patched(rule: RuleRecord, patch: PatchRuleBody, scope: StoredScope): RuleFields {
  return {
    name: patch.name ?? rule.name,
    condition: patch.condition ?? rule.condition,
    context: patch.context === undefined ? rule.context : patch.context,
    actionType: patch.action?.type ?? rule.actionType,
    severity: patch.action?.severity ?? rule.severity,
    scopeUserId: scope.scopeUserId,
    scopeTeamId: scope.scopeTeamId,
    cooldownMinutes: patch.cooldownMinutes ?? rule.cooldownMinutes,
    autoResolve: patch.autoResolve ?? rule.autoResolve,
    enabled: patch.enabled ?? rule.enabled,
  };
}
