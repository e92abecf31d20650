import type { Logger } from 'pino';
import type { ConnectionDeps } from '../app/connections/connection-deps.ts';
import { resumeConnections } from '../app/connections/resume-connections.ts';
import type { IngestDeps } from '../app/ingest/ingest-deps.ts';
import type { Cache, SecretBox } from '../app/ports.ts';
import { ouraWebhookSubscriptions } from '../adapters/vendor-catalog/oura-webhook-subscriptions.ts';
import { vendorCatalog, type VendorCredentials } from '../adapters/vendor-catalog/vendor-catalog.ts';
import { isLoopbackHttp } from '../adapters/vendors/vendor-http.ts';
import type { Config } from '../config.ts';
import { connectionRepos } from '../db/repos/connection-repos.ts';

/** Our base URL: given, or this node's own port. */
export const publicUrlOf = (config: Pick<Config, 'PUBLIC_URL' | 'PORT'>) => (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');

/**
 * The live connections: the vendors with credentials configured (each redirecting back to
 * `${PUBLIC_URL}/api/v1/connections/{vendor}/callback`), Oura's webhook subscriptions when
 * Oura can reach us, and the start-up sweep that resumes unfinished syncs and the schedules.
 */
export async function openConnections(config: Config, ingest: IngestDeps, parts: { cache: Cache; secretBox: SecretBox; logger: Logger }): Promise<ConnectionDeps> {
  const publicUrl = publicUrlOf(config);
  const credentials = vendorCredentials(config, publicUrl, parts.logger);
  const ouraCallback = new URL(`${publicUrl}/api/v1/webhooks/oura`);
  // Oura calls back over https only; plain http on loopback serves the test fakes.
  const ouraCanReachUs = config.PUBLIC_URL !== undefined && (ouraCallback.protocol === 'https:' || isLoopbackHttp(ouraCallback));
  const connections: ConnectionDeps = {
    ...ingest,
    connections: connectionRepos,
    vendors: vendorCatalog(credentials, { clock: ingest.clock, random: Math.random }),
    webhookSubscriptions: credentials.oura && ouraCanReachUs ? ouraWebhookSubscriptions(credentials.oura, ouraCallback.href, { clock: ingest.clock }) : undefined,
    secretBox: parts.secretBox,
    cache: parts.cache,
    connectionSettings: {
      publicUrl,
      backfillDays: config.CONNECTION_BACKFILL_DAYS,
      syncIntervalMs: config.CONNECTION_SYNC_INTERVAL_MINUTES * 60_000,
      simulatorIntervalMs: config.SIMULATOR_SYNC_SECONDS * 1000,
    },
  };
  const resumed = await resumeConnections(connections);
  if (resumed.runs > 0) parts.logger.info({ runs: resumed.runs }, 'queued connection syncs a stop left unfinished');
  return connections;
}

/** A vendor is offered when both its client id and secret are set; one without the other is a mistake worth a warning. */
function vendorCredentials(config: Config, publicUrl: string, logger: Logger): VendorCredentials {
  const redirectUri = (vendor: string) => `${publicUrl}/api/v1/connections/${vendor}/callback`;
  const pair = (vendor: string, id: string | undefined, secret: string | undefined) => {
    if ((id === undefined) !== (secret === undefined)) logger.warn({ vendor }, `${vendor} is not offered: set both its client id and its client secret`);
    return id !== undefined && secret !== undefined ? { clientId: id, clientSecret: secret, redirectUri: redirectUri(vendor) } : undefined;
  };
  const oura = pair('oura', config.OURA_CLIENT_ID, config.OURA_CLIENT_SECRET);
  const whoop = pair('whoop', config.WHOOP_CLIENT_ID, config.WHOOP_CLIENT_SECRET);
  return {
    ...(oura && { oura: { ...oura, apiBaseUrl: config.OURA_API_BASE_URL, authBaseUrl: config.OURA_AUTH_BASE_URL } }),
    // WHOOP serves consent and tokens from its API host.
    ...(whoop && { whoop: { ...whoop, apiBaseUrl: config.WHOOP_API_BASE_URL, authBaseUrl: config.WHOOP_API_BASE_URL } }),
  };
}
