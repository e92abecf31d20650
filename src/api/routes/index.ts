import type { FastifyInstance } from 'fastify';
import type { IdentityDeps } from '../../app/identity/identity-deps.ts';
import type { IngestDeps } from '../../app/ingest/ingest-deps.ts';
import { createAuthGuard } from '../auth-guard.ts';
import { registerApiKeyRoutes } from './api-keys.routes.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { registerIngestRoutes } from './ingest.routes.ts';
import { registerMeRoutes } from './me.routes.ts';
import { registerMembersRoutes } from './members.routes.ts';

/**
 * Every feature route of the API, for the server and for tests that sweep all routes. The
 * samples, daily values and sources routes come with the ingestion services (Services.ingest).
 */
export function registerApiRoutes(app: FastifyInstance, identity: IdentityDeps, ingest?: IngestDeps): void {
  const guard = createAuthGuard(identity);
  registerAuthRoutes(app, identity, guard);
  registerMeRoutes(app, identity, guard);
  registerMembersRoutes(app, identity, guard);
  registerApiKeyRoutes(app, identity, guard);
  if (ingest) registerIngestRoutes(app, ingest, guard);
}
