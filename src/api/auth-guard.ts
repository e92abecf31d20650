import type { FastifyRequest } from 'fastify';
import { authenticate, type Principal } from '../app/identity/authenticate.ts';
import type { IdentityDeps } from '../app/identity/identity-deps.ts';
import { requirePermission, resolveTenant, type RequestContext } from '../app/identity/resolve-tenant.ts';
import type { Permission } from '../domain/identity/permissions.ts';
import { AppError } from '../app/errors.ts';

export interface AuthGuard {
  /** The signed-in person; API keys are refused where only a person may act. */
  person(request: FastifyRequest): Promise<Extract<Principal, { kind: 'user' }>>;
  /** A person or API key acting inside a tenant (the path's, else X-Tenant-Id, else the personal one). */
  tenant(request: FastifyRequest, options?: { tenantId?: string; permission?: Permission }): Promise<RequestContext>;
  /** As `tenant`, inside the tenant the path names (`/tenants/:tenantId/...`). */
  pathTenant(request: FastifyRequest & { params: { tenantId: string } }): Promise<RequestContext>;
}

/** Options of `tenant` for the routes that read, or change, health data: samples and all derived from them. */
export const readsSamples = { permission: 'samples:read' } as const;
export const writesSamples = { permission: 'samples:write' } as const;

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new AppError('unauthorized', 'Sign in, or send a valid API key.');
  return match[1]!;
}

export function createAuthGuard(deps: IdentityDeps): AuthGuard {
  const principalOf = async (request: FastifyRequest) => authenticate(deps, bearer(request));
  const tenant: AuthGuard['tenant'] = async (request, options = {}) => {
    const header = request.headers['x-tenant-id'];
    const requested = options.tenantId ?? (typeof header === 'string' && header ? header : undefined);
    const ctx = await resolveTenant(deps, await principalOf(request), requested);
    if (options.permission) requirePermission(ctx, options.permission);
    return ctx;
  };
  return {
    async person(request) {
      const principal = await principalOf(request);
      if (principal.kind !== 'user') throw new AppError('forbidden', 'Only a signed-in person can do this, not an API key.');
      return principal;
    },
    tenant,
    pathTenant: (request) => tenant(request, { tenantId: request.params.tenantId }),
  };
}

export function clientOf(request: FastifyRequest): { ip: string; userAgent?: string } {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, ...(typeof userAgent === 'string' ? { userAgent } : {}) };
}
