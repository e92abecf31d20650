import type { CreateRuleBody, RuleView } from '../../../contracts/rules.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { allowedScope } from './rule-access.ts';
import { auditedRule, ruleView } from './rule-view.ts';

/** A new rule, in the scope the caller may set (see allowedScope); audited. */
export async function createRule(deps: MonitoringDeps, ctx: RequestContext, body: CreateRuleBody): Promise<RuleView> {
  return deps.tx.withTenant(ctx, async (sql) => {
    const scope = await allowedScope(deps, sql, ctx, body.scope);
    const rule = await deps.monitoring.rules.insert(
      sql,
      ctx.tenantId,
      {
        id: deps.ids.newId(),
        createdBy: ctx.userId,
        name: body.name,
        condition: body.condition,
        context: body.context ?? null,
        actionType: body.action.type,
        severity: body.action.severity,
        ...scope,
        cooldownMinutes: body.cooldownMinutes,
        autoResolve: body.autoResolve,
        enabled: body.enabled,
      },
      deps.clock.now(),
    );
    await recordAudit(deps, sql, ctx.tenantId, { action: 'rule.created', actorUserId: ctx.userId, targetType: 'rule', targetId: rule.id, details: auditedRule(rule) });
    return ruleView(rule);
  });
}
