import type { RuleView } from '../../../contracts/rules.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { readableRule } from './rule-access.ts';
import { ruleView } from './rule-view.ts';

export async function getRule(deps: MonitoringDeps, ctx: RequestContext, id: string): Promise<RuleView> {
  return deps.tx.withTenant(ctx, async (sql) => ruleView(await readableRule(deps, sql, ctx, id)));
}
