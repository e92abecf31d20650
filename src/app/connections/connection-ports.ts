import type { MetricDay, PersonRef, Sql } from '../ports.ts';

// The repositories of live connections. Each runs in the transaction it is handed; row-level
// security scopes it to the person (a connection and its syncs are only theirs). The methods
// marked "system" cross tenants and run under withSystem only.

export type ConnectionStatus = 'connected' | 'needs_reauth' | 'error';

export interface ConnectionRecord {
  id: string;
  tenantId: string;
  userId: string;
  vendor: string;
  status: ConnectionStatus;
  vendorUserId: string | null;
  /** The vendor tokens, sealed by the key ring (see connection-tokens.ts). */
  sealedTokens: string | null;
  tokenExpiresAt: string | null;
  settings: Record<string, unknown>;
  lastSyncAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface NewConnection {
  id: string;
  vendor: string;
  vendorUserId: string | null;
  sealedTokens: string | null;
  tokenExpiresAt: string | null;
  settings: Record<string, unknown>;
}

/** A connection as the system sweeps see it. */
export type ConnectionRef = PersonRef & { id: string; vendor: string };

export interface ConnectionRepo {
  get(sql: Sql, id: string): Promise<ConnectionRecord | undefined>;
  byVendor(sql: Sql, person: PersonRef, vendor: string): Promise<ConnectionRecord | undefined>;
  list(sql: Sql, person: PersonRef): Promise<ConnectionRecord[]>;
  /** False when the person holds a connection to the vendor already. */
  insert(sql: Sql, person: PersonRef, connection: NewConnection, at: Date): Promise<boolean>;
  /** New tokens (a reconnect, a refresh); releases the refresh lease. */
  storeTokens(sql: Sql, id: string, tokens: { sealedTokens: string; tokenExpiresAt: string | null; vendorUserId?: string }, at: Date): Promise<void>;
  /** Back to connected after a reconnect or a good sync. */
  markConnected(sql: Sql, id: string, at: Date, synced: boolean): Promise<void>;
  /** True when the status changed (a person is told once). */
  setStatus(sql: Sql, id: string, status: Exclude<ConnectionStatus, 'connected'>, error: string, at: Date): Promise<boolean>;
  /** Takes the refresh lease unless another worker holds it; true when taken. */
  claimRefresh(sql: Sql, id: string, now: Date, until: Date): Promise<boolean>;
  releaseRefresh(sql: Sql, id: string): Promise<void>;
  delete(sql: Sql, id: string): Promise<boolean>;
  /** The person's address, for telling them a connection needs them. */
  ownerContact(sql: Sql, id: string): Promise<{ email: string; name: string } | undefined>;
  /** System: the connections of a vendor account (one account may be linked in several tenants). */
  byVendorAccount(sql: Sql, vendor: string, vendorUserId: string): Promise<ConnectionRef[]>;
  /** System: every connection after `afterId`, by id. */
  page(sql: Sql, afterId: string | undefined, limit: number): Promise<ConnectionRef[]>;
}

export type SyncKind = 'backfill' | 'scheduled' | 'manual';
export type SyncState = 'queued' | 'running' | 'succeeded' | 'failed';

export interface SyncWindow {
  from: Date;
  to: Date;
}

export interface SyncRun {
  id: string;
  connectionId: string;
  resource: string;
  kind: SyncKind;
  windowFrom: string;
  windowTo: string;
  state: SyncState;
  cursor: string | null;
  fetchedAt: string;
  pages: number;
  documents: number;
  samples: number;
  skipped: number;
  retries: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface NewSyncRun {
  id: string;
  connectionId: string;
  resource: string;
  kind: SyncKind;
  window: SyncWindow;
  fetchedAt: Date;
}

/** What one page brought. */
export interface PageOutcome {
  /** Absent on the last page: the run is done. */
  cursor: string | undefined;
  documents: number;
  samples: number;
  skipped: number;
}

export interface ConnectionSyncRepo {
  insert(sql: Sql, person: PersonRef, run: NewSyncRun, at: Date): Promise<SyncRun>;
  get(sql: Sql, id: string): Promise<SyncRun | undefined>;
  /** Queued -> running (the first page job). */
  start(sql: Sql, id: string, at: Date): Promise<void>;
  /**
   * Records page number `page` (0-based) and its cursor; false when that page was recorded
   * already (a duplicate job), so a page is counted and followed once.
   */
  recordPage(sql: Sql, id: string, page: number, outcome: PageOutcome, at: Date): Promise<boolean>;
  /** Counts one more wait (rate limit, outage); returns how many so far. */
  countRetry(sql: Sql, id: string, at: Date): Promise<number>;
  fail(sql: Sql, id: string, error: string, at: Date): Promise<void>;
  /** A run of this resource still queued or running. */
  open(sql: Sql, connectionId: string, resource: string): Promise<SyncRun | undefined>;
  /** The end of the latest window of this resource that did not fail (what is synced, or being synced, up to). */
  coveredUntil(sql: Sql, connectionId: string, resource: string): Promise<string | undefined>;
  /** The newest `perResource` runs of each resource of these connections, newest first. */
  history(sql: Sql, connectionIds: readonly string[], perResource: number): Promise<SyncRun[]>;
  /** Deletes finished runs beyond the newest `keepPerResource` of each resource. */
  prune(sql: Sql, connectionId: string, keepPerResource: number): Promise<void>;
  /** System: runs left queued or running (a stop), oldest first. */
  unfinished(sql: Sql, limit: number): Promise<Array<PersonRef & { id: string; connectionId: string; pages: number }>>;
}

/** Erasure of what one source brought a person. */
export interface SourceDataRepo {
  /**
   * Deletes the person's samples of `source` (only those under `externalId`, when given) in at
   * most `maxMetricDays` (metric, local day)s; returns those (metric, day)s, to roll up again.
   */
  deleteSamples(sql: Sql, person: PersonRef, source: string, options: { externalId?: string; maxMetricDays: number }): Promise<MetricDay[]>;
  /** System: the person's raw batches whose idempotency key starts with `keyPrefix`; returns how many. */
  deleteRawPayloads(sql: Sql, person: PersonRef, keyPrefix: string): Promise<number>;
}

export interface ConnectionRepos {
  connections: ConnectionRepo;
  syncs: ConnectionSyncRepo;
  sourceData: SourceDataRepo;
}
