import type { IngestDeps } from '../ingest/ingest-deps.ts';
import type { Cache, SecretBox, Vendors, WebhookSubscriptions } from '../ports.ts';
import type { ConnectionRepos } from './connection-ports.ts';

export interface ConnectionSettings {
  /** Where people reach Vitalis: the browser is sent back here after consent. */
  publicUrl: string;
  /** Days a new connection reads back. */
  backfillDays: number;
  /** Between two scheduled syncs of a vendor connection. */
  syncIntervalMs: number;
  /** Between two syncs of a simulator connection (each adds what fell due since the last). */
  simulatorIntervalMs: number;
}

/** What the connection use cases need beyond ingestion. */
export interface ConnectionDeps extends IngestDeps {
  connections: ConnectionRepos;
  vendors: Vendors;
  /** Present when a vendor needs webhook subscriptions kept alive (Oura) and can reach us. */
  webhookSubscriptions: WebhookSubscriptions | undefined;
  secretBox: SecretBox;
  /** Pending authorizations wait here for their callback. */
  cache: Cache;
  connectionSettings: ConnectionSettings;
}

/** The built-in source: needs no account and no credentials. */
export const SIMULATOR = 'simulator';

export const SYNC_JOB = 'connection.sync.v1';
export const WEBHOOK_EVENT_JOB = 'connection.webhook.v1';
export const SCHEDULE_JOB = 'connection.schedule.v1';
export const DELETE_SOURCE_DATA_JOB = 'connection.delete-data.v1';
export const WEBHOOK_SUBSCRIPTIONS_JOB = 'connection.webhook-subscriptions.v1';
