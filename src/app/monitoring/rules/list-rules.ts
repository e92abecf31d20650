import type { RuleView } from '../../../contracts/rules.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { ruleReader } from './rule-access.ts';
import { ruleView } from './rule-view.ts';

/** The rules the caller sees (ruleReader), oldest first. */
export async function listRules(deps: MonitoringDeps, ctx: RequestContext): Promise<RuleView[]> {
  return deps.tx.withTenant(ctx, async (sql) => {
    const readable = await ruleReader(deps, sql, ctx);
    return (await deps.monitoring.rules.list(sql, ctx.tenantId)).filter(readable).map(ruleView);
  });
}
