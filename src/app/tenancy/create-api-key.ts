import { AppError } from '../errors.ts';
import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import type { Permission } from '../../domain/identity/permissions.ts';
import type { ApiKey } from '../ports.ts';
import { newApiKey } from './api-key-format.ts';
import { auditTeamEvent, type TenancyDeps } from './tenancy-deps.ts';

export interface CreateApiKeyInput {
  name: string;
  permissions: Permission[];
}

/**
 * A key for a machine client, acting in this tenant as the person who makes it, with no more
 * than they may do themselves. Only its digest is stored: the key is shown this once.
 */
export async function createApiKey(deps: TenancyDeps, ctx: RequestContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; key: string }> {
  requirePermission(ctx, 'api-keys:manage');
  const permissions = [...new Set(input.permissions)];
  const beyond = permissions.filter((p) => !ctx.permissions.has(p));
  if (beyond.length > 0) throw new AppError('forbidden', `A key cannot do more than you may: ${beyond.join(', ')}.`);
  const { prefix, key } = newApiKey(deps.random);
  const apiKey = await deps.tx.withTenant(ctx, async (sql) => {
    const apiKey = await deps.repos.apiKeys.insert(sql, {
      id: deps.ids.newId(),
      tenantId: ctx.tenantId,
      name: input.name.trim(),
      prefix,
      keyHash: deps.random.digest(key),
      permissions,
      createdBy: ctx.userId,
      createdAt: deps.clock.now(),
    });
    await auditTeamEvent(deps, sql, ctx, {
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: apiKey.id,
      details: { name: apiKey.name, prefix, permissions },
    });
    return apiKey;
  });
  return { apiKey, key };
}
