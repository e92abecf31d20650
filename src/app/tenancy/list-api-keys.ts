import type { AppDeps } from '../deps.ts';
import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import type { ApiKey } from '../ports.ts';

/** The tenant's API keys, newest first, revoked ones included; never their secrets. */
export async function listApiKeys(deps: Pick<AppDeps, 'tx' | 'repos'>, ctx: RequestContext): Promise<ApiKey[]> {
  requirePermission(ctx, 'api-keys:manage');
  return deps.tx.withTenant(ctx, (sql) => deps.repos.apiKeys.list(sql, ctx.tenantId));
}
