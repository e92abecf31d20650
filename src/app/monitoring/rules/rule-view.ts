import type { RuleView } from '../../../contracts/rules.ts';
import type { RuleRecord } from '../monitoring-ports.ts';

export function ruleView(rule: RuleRecord): RuleView {
  const scope = rule.scopeUserId !== null ? { userId: rule.scopeUserId } : rule.scopeTeamId !== null ? { teamId: rule.scopeTeamId } : undefined;
  return {
    id: rule.id,
    name: rule.name,
    condition: rule.condition,
    action: { type: rule.actionType, severity: rule.severity },
    ...(scope && { scope }),
    ...(rule.context && { context: rule.context }),
    cooldownMinutes: rule.cooldownMinutes,
    autoResolve: rule.autoResolve,
    enabled: rule.enabled,
    revision: rule.revision,
    createdBy: rule.createdBy,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
  };
}

/** What the audit log keeps of a rule: enough to tell what it watched and did, nothing of anyone's data. */
export function auditedRule(rule: RuleRecord): Record<string, unknown> {
  return {
    name: rule.name,
    condition: rule.condition,
    action: { type: rule.actionType, severity: rule.severity },
    scope: { userId: rule.scopeUserId, teamId: rule.scopeTeamId },
    context: rule.context,
    cooldownMinutes: rule.cooldownMinutes,
    autoResolve: rule.autoResolve,
    enabled: rule.enabled,
    revision: rule.revision,
  };
}
