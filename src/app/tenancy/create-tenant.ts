import { z } from 'zod';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps } from '../deps.ts';
import type { Sql, Tenant } from '../ports.ts';

export const createTenantInput = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens, at most 63'),
    name: z.string().trim().min(1).max(200),
    type: z.enum(['personal', 'team', 'white_label']).default('team'),
    admin: z.object({ email: z.string().email().max(320), name: z.string().trim().min(1).max(200) }).strict().optional(),
  })
  .strict();

export type CreateTenantInput = z.input<typeof createTenantInput>;

/**
 * Creates a tenant (and optionally its first admin). Tenants are created by the platform
 * operator, outside any tenant, hence withSystem.
 */
export async function createTenant(deps: AppDeps, input: CreateTenantInput): Promise<Tenant> {
  const request = createTenantInput.parse(input);
  return deps.tx.withSystem('operator creates a tenant', (sql) => insertTenant(deps, sql, request));
}

export async function insertTenant(deps: AppDeps, sql: Sql, request: z.output<typeof createTenantInput>): Promise<Tenant> {
  if (await deps.repos.tenants.findBySlug(sql, request.slug)) {
    throw new AppError('conflict', `a tenant with slug "${request.slug}" exists already`);
  }
  const tenant = await deps.repos.tenants.insert(sql, {
    id: deps.ids.newId(),
    slug: request.slug,
    name: request.name,
    type: request.type,
    branding: {},
    featureFlags: {},
  });
  await recordAudit(deps, sql, tenant.id, {
    action: 'tenant.created',
    targetType: 'tenant',
    targetId: tenant.id,
    details: { slug: tenant.slug, type: tenant.type },
  });
  if (request.admin) {
    const user = await deps.repos.users.upsertByEmail(sql, { id: deps.ids.newId(), ...request.admin });
    await deps.repos.memberships.upsert(sql, { tenantId: tenant.id, userId: user.id, role: 'admin' });
    await recordAudit(deps, sql, tenant.id, {
      action: 'membership.role_granted',
      targetType: 'user',
      targetId: user.id,
      details: { role: 'admin' },
    });
  }
  return tenant;
}
