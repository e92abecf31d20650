import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ConnectionDeps } from '../../app/connections/connection-deps.ts';
import { disconnect } from '../../app/connections/disconnect.ts';
import { finishAuthorization } from '../../app/connections/finish-authorization.ts';
import { availableSources, listConnections } from '../../app/connections/list-connections.ts';
import { startAuthorization } from '../../app/connections/start-authorization.ts';
import { syncNow } from '../../app/connections/sync-now.ts';
import * as c from '../../contracts/connections.ts';
import { readsSamples, writesSamples, type AuthGuard } from '../auth-guard.ts';

const tags = ['connections'];

/**
 * Live connections: what can be connected, connecting (OAuth consent at the vendor, or the
 * simulator at once), their status and sync history, "sync now", and disconnecting.
 */
export function registerConnectionRoutes(app: FastifyInstance, deps: ConnectionDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/connections',
    { schema: { tags, summary: 'My connections: status, last sync, and the latest sync runs of each resource with counts and errors', response: { 200: c.connectionList } } },
    async (request) => listConnections(deps, await guard.tenant(request, readsSamples)),
  );

  r.get(
    '/api/v1/connections/available',
    { schema: { tags, summary: 'What can be connected here: the vendors configured, and the built-in simulator', response: { 200: c.availableSources } } },
    async (request) => {
      await guard.tenant(request, readsSamples);
      return availableSources(deps);
    },
  );

  r.post(
    '/api/v1/connections/:vendor/authorize',
    {
      schema: {
        tags,
        summary: "Connect a vendor: send the browser to `url` (the vendor's consent page; for the simulator, the connections page, connected)",
        params: c.vendorParams,
        body: c.authorizeBody.nullish(),
        response: { 200: c.authorizeAnswer },
      },
    },
    async (request) => {
      const ctx = await guard.tenant(request, writesSamples);
      const profile = request.body?.profile;
      return startAuthorization(deps, ctx, request.params.vendor, profile ? { body: profile } : {});
    },
  );

  r.get(
    '/api/v1/connections/:vendor/callback',
    {
      // The query carries the authorization code: this route's requests are not logged.
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'Where the vendor sends the browser after consent; redirects to the connections page with `connected` or `error`',
        params: c.vendorParams,
        querystring: c.callbackQuery,
      },
    },
    async (request, reply) => {
      const query = new URL(request.url, 'http://callback.invalid').searchParams;
      const { redirectTo } = await finishAuthorization(deps, request.params.vendor, query);
      return reply.redirect(redirectTo, 303);
    },
  );

  r.post(
    '/api/v1/connections/:id/sync',
    { schema: { tags, summary: 'Sync now: a catch-up of every resource not syncing already', params: c.connectionParams, response: { 202: c.syncAccepted } } },
    async (request, reply) => {
      const queued = await syncNow(deps, await guard.tenant(request, writesSamples), request.params.id);
      return reply.status(202).send({ queued });
    },
  );

  r.delete(
    '/api/v1/connections/:id',
    {
      schema: {
        tags,
        summary: "Disconnect: the vendor revokes our access, our tokens are deleted, and with deleteData=true the source's data too",
        params: c.connectionParams,
        querystring: c.disconnectQuery,
        response: { 200: c.disconnectAnswer },
      },
    },
    async (request) => disconnect(deps, await guard.tenant(request, writesSamples), request.params.id, { deleteData: request.query.deleteData }),
  );
}
