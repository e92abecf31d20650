import type { FastifyInstance } from 'fastify';
import type { IdentityDeps } from '../../app/identity/identity-deps.ts';
import type { ImportDeps } from '../../app/imports/import-deps.ts';
import { createAuthGuard } from '../auth-guard.ts';
import { registerApiKeyRoutes } from './api-keys.routes.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { registerImportRoutes } from './imports.routes.ts';
import { registerIngestRoutes } from './ingest.routes.ts';
import { registerMeRoutes } from './me.routes.ts';
import { registerMembersRoutes } from './members.routes.ts';

/**
 * Every feature route of the API, for the server and for tests that sweep all routes. The
 * samples, daily values, sources and imports routes come with the ingestion services.
 */
export function registerApiRoutes(app: FastifyInstance, identity: IdentityDeps, ingest?: ImportDeps): void {
  const guard = createAuthGuard(identity);
  registerAuthRoutes(app, identity, guard);
  registerMeRoutes(app, identity, guard);
  registerMembersRoutes(app, identity, guard);
  registerApiKeyRoutes(app, identity, guard);
  if (ingest) {
    registerIngestRoutes(app, ingest, guard);
    registerImportRoutes(app, ingest, guard);
  }
}
