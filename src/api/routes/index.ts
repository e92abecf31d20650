import type { FastifyInstance } from 'fastify';
import type { ConnectionDeps } from '../../app/connections/connection-deps.ts';
import type { IdentityDeps } from '../../app/identity/identity-deps.ts';
import type { ImportDeps } from '../../app/imports/import-deps.ts';
import type { InsightDeps } from '../../app/insight/insight-deps.ts';
import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import { createAuthGuard, type AuthGuard } from '../auth-guard.ts';
import { registerAlertRoutes } from './alerts.routes.ts';
import { registerApiKeyRoutes } from './api-keys.routes.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { registerBenchmarkRoutes } from './benchmarks.routes.ts';
import { registerConnectionRoutes } from './connections.routes.ts';
import { registerImportRoutes } from './imports.routes.ts';
import { registerIngestRoutes } from './ingest.routes.ts';
import { registerInsightRoutes } from './insight.routes.ts';
import { registerJournalRoutes } from './journal.routes.ts';
import { registerMeRoutes } from './me.routes.ts';
import { registerMembersRoutes } from './members.routes.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';
import { registerProfileRoutes } from './profile.routes.ts';
import { registerRuleRoutes } from './rules.routes.ts';
import { registerStreamRoutes } from './stream.routes.ts';
import { registerWebhookRoutes } from './webhooks.routes.ts';

/**
 * Every feature route of the API, for the server and for tests that sweep all routes. The
 * samples, daily values, sources and imports routes come with the ingestion services; the
 * journal and insight routes with the insight services; the connections and vendor webhook
 * routes with the connection services; rules, alerts, the live stream and notifications with
 * the monitoring services.
 */
export function registerApiRoutes(app: FastifyInstance, identity: IdentityDeps, ingest?: ImportDeps, insight?: InsightDeps, connections?: ConnectionDeps, monitoring?: MonitoringDeps): void {
  const guard = createAuthGuard(identity);
  const registerWith = <Deps>(deps: Deps | undefined, ...registers: Array<(app: FastifyInstance, deps: Deps, guard: AuthGuard) => void>) => {
    if (deps) for (const register of registers) register(app, deps, guard);
  };
  registerWith(identity, registerAuthRoutes, registerMeRoutes, registerMembersRoutes, registerApiKeyRoutes);
  registerWith(ingest, registerIngestRoutes, registerImportRoutes);
  registerWith(insight, registerJournalRoutes, registerInsightRoutes, registerBenchmarkRoutes, registerProfileRoutes);
  registerWith(connections, registerConnectionRoutes, registerWebhookRoutes);
  registerWith(monitoring, registerRuleRoutes, registerAlertRoutes, registerStreamRoutes, registerNotificationRoutes);
}
