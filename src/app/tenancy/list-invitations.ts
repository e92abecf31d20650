import type { AppDeps } from '../deps.ts';
import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import type { Invitation } from '../ports.ts';

/** Every invitation of the tenant, newest first, whatever became of it. */
export async function listInvitations(deps: Pick<AppDeps, 'tx' | 'repos'>, ctx: RequestContext): Promise<Invitation[]> {
  requirePermission(ctx, 'invitations:write');
  return deps.tx.withTenant(ctx, (sql) => deps.repos.invitations.list(sql, ctx.tenantId));
}
