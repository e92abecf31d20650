import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IdentityDeps } from '../../app/identity/identity-deps.ts';
import type { ApiKey } from '../../app/ports.ts';
import { createApiKey } from '../../app/tenancy/create-api-key.ts';
import { listApiKeys } from '../../app/tenancy/list-api-keys.ts';
import { revokeApiKey } from '../../app/tenancy/revoke-api-key.ts';
import * as c from '../../contracts/teams.ts';
import type { AuthGuard } from '../auth-guard.ts';

const tags = ['api-keys'];

const apiKeyView = (k: ApiKey) => ({ id: k.id, name: k.name, prefix: k.prefix, permissions: k.permissions, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt });

/** Keys for machine clients, scoped to one tenant and a set of permissions (admins: api-keys:manage). */
export function registerApiKeyRoutes(app: FastifyInstance, deps: IdentityDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/tenants/:tenantId/api-keys',
    { schema: { tags, summary: 'Make an API key; the key is in this answer only', params: c.tenantParams, body: c.createApiKeyBody, response: { 201: c.apiKeyCreatedResponse } } },
    async (request, reply) => {
      const ctx = await guard.pathTenant(request);
      const { apiKey, key } = await createApiKey(deps, ctx, request.body);
      const { id, name, prefix, permissions, createdAt } = apiKey;
      return reply.status(201).send({ apiKey: { id, name, prefix, permissions, createdAt }, key });
    },
  );

  r.get(
    '/api/v1/tenants/:tenantId/api-keys',
    { schema: { tags, summary: "The tenant's API keys, revoked ones included (never their secrets)", params: c.tenantParams, response: { 200: c.apiKeysResponse } } },
    async (request) => ({ apiKeys: (await listApiKeys(deps, await guard.pathTenant(request))).map(apiKeyView) }),
  );

  r.delete(
    '/api/v1/tenants/:tenantId/api-keys/:apiKeyId',
    { schema: { tags, summary: 'Revoke an API key at once', params: c.apiKeyParams, body: c.noBody } },
    async (request, reply) => {
      await revokeApiKey(deps, await guard.pathTenant(request), request.params.apiKeyId);
      return reply.status(204).send();
    },
  );
}
