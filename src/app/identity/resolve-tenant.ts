import { effectivePermissions, permissionsOfRole, type Permission } from '../../domain/identity/permissions.ts';
import type { Role } from '../../domain/identity/role.ts';
import { AppError } from '../errors.ts';
import type { TenantContext } from '../ports.ts';
import type { Principal } from './authenticate.ts';
import type { IdentityDeps } from './identity-deps.ts';

/** A request inside one tenant: who, with which role, allowed what. */
export interface RequestContext extends TenantContext {
  userId: string;
  role: Role;
  principal: Principal;
  permissions: ReadonlySet<Permission>;
}

const notFound = () => new AppError('not_found', 'No such resource.');

/**
 * The tenant a request acts in (the one it names, else the person's personal tenant), checked
 * against the membership. A tenant the caller does not belong to answers 404, like any foreign id.
 */
export async function resolveTenant(deps: IdentityDeps, principal: Principal, requestedTenantId?: string): Promise<RequestContext> {
  const tenantId = principal.kind === 'api_key' ? principal.tenantId : (requestedTenantId ?? principal.personalTenantId);
  if (!tenantId || (requestedTenantId && requestedTenantId !== tenantId)) throw notFound();
  const userId = principal.userId;
  if (!userId) throw new AppError('unauthorized', 'The person who made this API key is gone; make a new key.');

  const membership = await deps.verifiedSessions.membership(tenantId, userId, () =>
    deps.tx.withTenant({ tenantId, userId }, (sql) => deps.repos.memberships.roleIn(sql, userId)),
  );
  if (!membership) throw notFound();
  if (principal.kind === 'user' && membership.requireMfa && !principal.mfaEnabled) {
    throw new AppError('mfa_enrollment_required', 'This organisation requires two-factor sign-in: turn it on under Security first.');
  }
  const permissions = principal.kind === 'api_key' ? effectivePermissions(membership.role, principal.permissions) : permissionsOfRole(membership.role);
  return { tenantId, userId, role: membership.role, principal, permissions };
}

export function requirePermission(ctx: RequestContext, permission: Permission): void {
  if (!ctx.permissions.has(permission)) throw new AppError('forbidden', `Your role in this organisation does not allow that (${permission}).`);
}
