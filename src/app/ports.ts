import type { Readable } from 'node:stream';
import type { Role } from '../domain/identity/role.ts';

export type { Role };

/** Who is asking, inside which tenant. Every tenant-scoped operation carries one. */
export interface TenantContext {
  tenantId: string;
  userId?: string;
  role?: Role;
}

export interface Clock {
  now(): Date;
}

// ---------------------------------------------------------------- database

/** A SQL connection inside one transaction. */
export interface Sql {
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<R[]>;
}

/**
 * The only ways to touch data. `withTenant` runs as the non-owner app role with the tenant
 * set for the transaction, so Postgres row-level security scopes every statement.
 * `withSystem` bypasses RLS; each call names why, and is logged and counted.
 */
export interface Transactions {
  withTenant<T>(ctx: TenantContext, fn: (sql: Sql) => Promise<T>): Promise<T>;
  withSystem<T>(reason: string, fn: (sql: Sql) => Promise<T>): Promise<T>;
}

// ---------------------------------------------------------------- queue

/** Every job payload names its tenant: processors re-enter withTenant from it. */
export interface JobPayload {
  tenantId: string;
  [key: string]: unknown;
}

export interface EnqueueOptions {
  /** Deduplication key: a second enqueue with the same id is ignored while the first is kept. */
  jobId?: string;
  delayMs?: number;
  /** Total tries before the job is dead-lettered (default 5). */
  attempts?: number;
  /** Base of the exponential backoff between tries (default 1000 ms). */
  backoffMs?: number;
}

export interface Job {
  id: string;
  name: string;
  payload: JobPayload;
  /** 1 on the first try. */
  attempt: number;
}

export type JobHandler = (job: Job) => Promise<void>;

export interface QueueStats {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  dead: number;
}

export interface DeadJob {
  id: string;
  name: string;
  payload: JobPayload;
  attempts: number;
  error: string;
}

export interface Queue {
  enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<{ id: string; duplicate: boolean }>;
  /** Starts consuming with the given handlers (by job name). */
  work(handlers: Record<string, JobHandler>, options?: { concurrency?: number }): Promise<void>;
  stats(): Promise<QueueStats>;
  deadLetters(limit?: number): Promise<DeadJob[]>;
  /** Gives dead jobs (every one, or those of `ids`) all their attempts again, due now; returns the ids it moved. */
  retryDead(ids?: readonly string[]): Promise<string[]>;
  ping(): Promise<void>;
  /** Stops taking jobs and waits for running ones to finish. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------- cache, pub/sub, rate limits

export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type Unsubscribe = () => Promise<void>;

export interface PubSub {
  publish(channel: string, message: unknown): Promise<void>;
  subscribe(channel: string, handler: (message: unknown) => void): Promise<Unsubscribe>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface RateLimiter {
  /** Counts one hit against `key` in a fixed window of `windowMs`. */
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision>;
  reset(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- files and mail

export interface BlobInfo {
  key: string;
  size: number;
  contentType?: string;
}

export interface BlobStore {
  put(key: string, body: Buffer | Readable, contentType?: string): Promise<BlobInfo>;
  /** undefined when there is no such key. */
  get(key: string): Promise<Readable | undefined>;
  head(key: string): Promise<BlobInfo | undefined>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<BlobInfo[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  tenantId?: string;
}

export interface SentMail {
  id: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OutboxMessage extends MailMessage {
  id: string;
  from: string;
  createdAt: string;
  links: string[];
}

// ---------------------------------------------------------------- logging

/** The slice of pino's logger that the app and adapters use. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// ---------------------------------------------------------------- ids

export interface IdGenerator {
  /** A time-ordered UUID (v7). */
  newId(): string;
}

// ---------------------------------------------------------------- repositories
// Each method runs inside the transaction it is handed (from withTenant or withSystem).

export type TenantType = 'personal' | 'team' | 'white_label';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  type: TenantType;
  branding: Record<string, unknown>;
  featureFlags: Record<string, unknown>;
  createdAt: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Membership {
  tenantId: string;
  userId: string;
  role: Role;
}

export interface TenantRepo {
  insert(sql: Sql, tenant: Omit<Tenant, 'createdAt'>): Promise<Tenant>;
  findBySlug(sql: Sql, slug: string): Promise<Tenant | undefined>;
  list(sql: Sql): Promise<Tenant[]>;
}

export interface UserRepo {
  /** Returns the existing user when the email is known already. */
  upsertByEmail(sql: Sql, user: User): Promise<User>;
  /** A cross-tenant read, for withSystem only. */
  findByEmail(sql: Sql, email: string): Promise<User | undefined>;
}

export interface TenantOfUser {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  tenantType: TenantType;
  role: Role;
  branding: Record<string, unknown>;
}

export interface MembershipRepo {
  upsert(sql: Sql, membership: Membership): Promise<void>;
  /** The person's role in the current tenant (RLS scopes it), and whether the tenant demands MFA. */
  roleIn(sql: Sql, userId: string): Promise<{ role: Role; requireMfa: boolean } | undefined>;
  /** Every tenant the person belongs to: a cross-tenant read, for withSystem only. */
  tenantsOfUser(sql: Sql, userId: string): Promise<TenantOfUser[]>;
  listByTenant(sql: Sql, tenantId: string): Promise<Array<Membership & { email: string; name: string }>>;
}

export interface AuditLogRepo {
  last(sql: Sql, tenantId: string): Promise<{ seq: number; hash: string } | undefined>;
  insert(sql: Sql, entry: import('./audit/audit-entry.ts').AuditEntry): Promise<void>;
  /** Entries in chain order, from `afterSeq` (exclusive). */
  page(sql: Sql, tenantId: string, afterSeq: number, limit: number): Promise<import('./audit/audit-entry.ts').AuditEntry[]>;
}

// ---------------------------------------------------------------- teams (members, invitations, API keys)

export interface TeamMember {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** A clinician and a member they look after. */
export interface CareTeamPair {
  clinicianId: string;
  memberId: string;
}

/** Who is who in one tenant. `tenantId` is repeated in every query; RLS enforces it as well. */
export interface TeamRepo {
  /** Everyone, or only the people `visibleTo` may see: themselves and the members on their care team. */
  listMembers(sql: Sql, tenantId: string, visibleTo?: { careTeamOf: string }): Promise<TeamMember[]>;
  /** `share` locks the membership row until the transaction ends, so its role cannot change meanwhile. */
  member(sql: Sql, tenantId: string, userId: string, options?: { lock?: 'share' }): Promise<TeamMember | undefined>;
  memberByEmail(sql: Sql, tenantId: string, email: string): Promise<TeamMember | undefined>;
  /** The admins' ids, their rows locked until the transaction ends, so two demotions cannot race past the last admin. */
  lockAdmins(sql: Sql, tenantId: string): Promise<string[]>;
  /** False when the person is not (any longer) a member. */
  setRole(sql: Sql, tenantId: string, userId: string, role: Role): Promise<boolean>;
  remove(sql: Sql, tenantId: string, userId: string): Promise<boolean>;
  /** Adds a person to a tenant: a system write (tenant code may not insert memberships). Throws unique_violation for a member. */
  join(sql: Sql, tenantId: string, userId: string, role: Role): Promise<void>;
  /** The tenant this person's account was created with, if any. */
  personalTenantOf(sql: Sql, userId: string): Promise<string | null | undefined>;
  /** True when the pair was not on the care team yet. */
  addToCareTeam(sql: Sql, tenantId: string, pair: CareTeamPair): Promise<boolean>;
  /** True when the pair was on the care team. */
  removeFromCareTeam(sql: Sql, tenantId: string, pair: CareTeamPair): Promise<boolean>;
  /** Every care-team row naming the person (as clinician, or as member too unless `asClinicianOnly`); returns what went. */
  removeCareTeamRowsOf(sql: Sql, tenantId: string, userId: string, options?: { asClinicianOnly?: boolean }): Promise<CareTeamPair[]>;
}

export interface Invitation {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface InvitationRepo {
  insert(sql: Sql, invitation: { id: string; tenantId: string; email: string; role: Role; tokenHash: string; invitedBy: string; createdAt: Date; expiresAt: Date }): Promise<Invitation>;
  list(sql: Sql, tenantId: string): Promise<Invitation[]>;
  byId(sql: Sql, tenantId: string, id: string): Promise<Invitation | undefined>;
  /** Any tenant's: a system read, for accepting. */
  byTokenHash(sql: Sql, tokenHash: string): Promise<Invitation | undefined>;
  /** Invitations to `email` still waiting for an answer. */
  pendingFor(sql: Sql, tenantId: string, email: string, at: Date): Promise<Invitation[]>;
  /** False when it was revoked or accepted already. */
  revoke(sql: Sql, tenantId: string, id: string, at: Date): Promise<boolean>;
  /** A system write; false when it was accepted or revoked in the meantime. */
  markAccepted(sql: Sql, id: string, at: Date): Promise<boolean>;
}

/** An API key as its tenant's admins see it: never the hash. */
export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  permissions: string[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyRepo {
  insert(sql: Sql, key: { id: string; tenantId: string; name: string; prefix: string; keyHash: string; permissions: string[]; createdBy: string; createdAt: Date }): Promise<ApiKey>;
  list(sql: Sql, tenantId: string): Promise<ApiKey[]>;
  byId(sql: Sql, tenantId: string, id: string): Promise<ApiKey | undefined>;
  /** False when it was revoked already. */
  revoke(sql: Sql, tenantId: string, id: string, at: Date): Promise<boolean>;
  /** Revokes every live key the person made in the tenant; returns those it revoked. */
  revokeAllMadeBy(sql: Sql, tenantId: string, userId: string, at: Date): Promise<ApiKey[]>;
}

export interface TenantBranding {
  logoUrl?: string;
  primaryColor?: string;
  [key: string]: unknown;
}

export interface TenantSettings {
  id: string;
  slug: string;
  name: string;
  type: TenantType;
  branding: TenantBranding;
  requireMfa: boolean;
}

/** What a tenant's admins may change about it (the app role may update only these columns). */
export interface TenantSettingsRepo {
  get(sql: Sql, tenantId: string): Promise<TenantSettings | undefined>;
  update(sql: Sql, tenantId: string, changes: { name: string; branding: TenantBranding; requireMfa: boolean }): Promise<TenantSettings>;
}

export interface Repos {
  tenants: TenantRepo;
  users: UserRepo;
  memberships: MembershipRepo;
  auditLog: AuditLogRepo;
  team: TeamRepo;
  invitations: InvitationRepo;
  apiKeys: ApiKeyRepo;
  tenantSettings: TenantSettingsRepo;
}

// ---------------------------------------------------------------- identity

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface AccessClaims {
  userId: string;
  /** The session family (one sign-in) the token belongs to; revoking it ends the token. */
  sessionId: string;
}

export interface AccessTokenSigner {
  sign(claims: AccessClaims, ttlSeconds: number): Promise<string>;
  /** Throws AppError token_expired or unauthorized. */
  verify(token: string): Promise<AccessClaims>;
}

/** Authenticated encryption of secrets at rest; `aad` binds a ciphertext to where it is stored. */
export interface SecretBox {
  seal(plaintext: string, aad: string): string;
  open(sealed: string, aad: string): string;
}

/** A SecretBox with versioned keys (`vitalis keys rotate` re-seals what an older key sealed). */
export interface RotatingSecretBox extends SecretBox {
  sealedWithNewestKey(sealed: string): boolean;
}

export interface TotpService {
  newSecret(): string;
  uri(secret: string, account: string, issuer: string): string;
  qrSvg(uri: string): Promise<string>;
  /** The time step a code matches (one step of drift allowed), if it is later than `afterStep`. */
  verify(secret: string, code: string, at: Date, afterStep?: number): Promise<number | undefined>;
}

/** High-entropy random tokens (refresh, email, invitation, API keys) and their stored digests. */
export interface TokenGenerator {
  token(bytes?: number): string;
  digest(token: string): string;
}

// ---------------------------------------------------------------- ingestion (samples, daily values, sources)

/** The person a piece of health data belongs to, in the tenant that holds it. */
export interface PersonRef {
  tenantId: string;
  userId: string;
}

export type RawPayloadState = 'pending' | 'normalized' | 'failed';

/** A sample normalization skipped: where it was in the batch (1-based) and why. */
export interface SampleRejection {
  record: number;
  field: string;
  code: string;
  reason: string;
}

export interface NewRawPayload {
  id: string;
  idempotencyKey?: string;
  /** sha256 of `payloadJson`, kept with an idempotency key to tell a retry from a reused key. */
  payloadSha256?: string;
  importId?: string;
  /** The samples as they came, as JSON text of an array. */
  payloadJson: string;
  sampleCount: number;
  receivedAt: Date;
}

/** A raw payload without its payload. */
export interface RawPayloadSummary {
  id: string;
  idempotencyKey: string | null;
  payloadSha256: string | null;
  importId: string | null;
  sampleCount: number;
  receivedAt: string;
  state: RawPayloadState;
  normalizedAt: string | null;
  storedCount: number | null;
  unchangedCount: number | null;
  rejectedCount: number | null;
  supersededCount: number | null;
  rejections: SampleRejection[];
  error: string | null;
}

export interface NormalizeCounts {
  stored: number;
  unchanged: number;
  rejected: number;
  superseded: number;
  /** The first rejections (the table keeps at most 100). */
  rejections: SampleRejection[];
}

/** An import's batch, stored with its samples: the uploaded file is its raw payload, so no copy is kept. */
export interface ImportBatchMarker {
  id: string;
  importId: string;
  /** `import:<importId>:<position>` */
  idempotencyKey: string;
  sampleCount: number;
  receivedAt: Date;
  counts: NormalizeCounts;
}

export interface RawPayloadRepo {
  /** Records an import batch in the transaction that stores its samples (normalized already); nothing when its key is there. */
  insertImportMarker(sql: Sql, person: PersonRef, marker: ImportBatchMarker, at: Date): Promise<void>;
  /** The idempotency keys of the batches of an import stored so far. */
  importBatchKeys(sql: Sql, person: PersonRef, importId: string): Promise<Set<string>>;
  /** Inserts the batch unless the person sent its idempotency key before; then returns the batch stored under it. */
  insert(sql: Sql, person: PersonRef, raw: NewRawPayload): Promise<{ raw: RawPayloadSummary; duplicate: boolean }>;
  get(sql: Sql, person: PersonRef, id: string): Promise<RawPayloadSummary | undefined>;
  /** The samples of a batch still pending normalization; undefined when it is not pending (or not there). */
  pendingPayload(sql: Sql, person: PersonRef, id: string): Promise<unknown[] | undefined>;
  /** Locks the batch's row until the transaction ends and returns its state. */
  lockState(sql: Sql, person: PersonRef, id: string): Promise<RawPayloadState | undefined>;
  markNormalized(sql: Sql, person: PersonRef, id: string, counts: NormalizeCounts, at: Date): Promise<void>;
  markFailed(sql: Sql, person: PersonRef, id: string, error: string): Promise<void>;
  countPending(sql: Sql, person: PersonRef): Promise<number>;
  /** Pending batches of every tenant after a position, oldest first: a system read (start-up sweep). */
  listPending(sql: Sql, after: { receivedAt: string; id: string } | undefined, limit: number): Promise<Array<PersonRef & { id: string; receivedAt: string }>>;
}

/** One stored sample's identity. */
export interface SampleKey {
  metric: string;
  source: string;
  start: string;
  /** A daily total and an intraday value of one source may start at the same moment. */
  wholeDay: boolean;
}

/** A (metric, local day) of one person. */
export interface MetricDay {
  metric: string;
  date: string;
}

/** What an upsert wrote. */
export interface UpsertOutcome {
  /** Rows written: new samples, and newer revisions of stored ones. */
  written: number;
  /** The (metric, local day)s whose samples changed, including a day a revision moved away from. */
  days: MetricDay[];
  /** The span of the samples written (ISO instants), when any were. */
  from?: string;
  to?: string;
}

/** A stored revision found under an external id (revision lookup across starts). */
export interface StoredRevision extends SampleKey {
  end: string;
  value: number;
  localDate: string;
  externalId: string;
  recordedAt?: string;
  category?: string;
  device?: string;
}

/** A stored sample as a day's rollup needs it. */
export interface DaySample {
  metric: string;
  localDate: string;
  source: string;
  value: number;
  start: string;
  end: string;
  wholeDay?: boolean;
  notWorn?: boolean;
  category?: string;
  recordedAt?: string;
  externalId?: string;
  device?: string;
}

/** A stored sample as the samples API shows it (in its metric's canonical unit). */
/** Where a page of samples ends: the key of its last sample. */
export type SamplePosition = Pick<SampleView, 'start' | 'source' | 'wholeDay'>;

export interface SampleView {
  start: string;
  end: string;
  value: number;
  source: string;
  category?: string;
  wholeDay: boolean;
  /** A workout's activity name and statistics, an HRV reading's beats. */
  details?: import('../domain/ingest/sample-details.ts').SampleDetails;
}

export interface SampleRepo {
  /** Serializes the writers of one person's samples and daily values until the transaction ends. */
  lockPerson(sql: Sql, person: PersonRef): Promise<void>;
  /**
   * Writes each sample unless the stored revision under its key is as new or newer. Samples
   * must be unique per key (latestRevisions), their months' partitions in place
   * (SamplePartitions), and the person's lock held (lockPerson).
   */
  upsert(sql: Sql, person: PersonRef, rawId: string, samples: readonly import('../domain/ingest/index.ts').CanonicalSample[]): Promise<UpsertOutcome>;
  /** Stored revisions with one of these external ids that start at another instant, within two days of the given start. */
  revisionsByExternalId(sql: Sql, person: PersonRef, ids: ReadonlyArray<{ metric: string; source: string; externalId: string; start: string }>): Promise<StoredRevision[]>;
  delete(sql: Sql, person: PersonRef, keys: readonly SampleKey[]): Promise<void>;
  /** Every sample of these (metric, local day)s. */
  forDays(sql: Sql, person: PersonRef, days: readonly MetricDay[]): Promise<DaySample[]>;
  /** One metric in [from, to), ordered by (start, source, wholeDay), after a keyset position. */
  page(sql: Sql, person: PersonRef, query: { metric: string; from: string; to: string; after?: SamplePosition; limit: number }): Promise<SampleView[]>;
}

/** Monthly partitions of the samples table, made before the write path needs them. */
export interface SamplePartitions {
  /** Makes sure the partitions of these months (`YYYY-MM`, UTC) exist; runs its own system transaction when one is missing. */
  ensure(months: Iterable<string>): Promise<void>;
}

export interface DailyValueRepo {
  upsert(sql: Sql, person: PersonRef, values: readonly import('../domain/ingest/index.ts').DailyValue[], at: Date): Promise<void>;
  delete(sql: Sql, person: PersonRef, days: readonly MetricDay[]): Promise<void>;
  list(sql: Sql, person: PersonRef, metric: string, from: string, to: string): Promise<import('../domain/ingest/index.ts').DailyValue[]>;
  /** The days of a metric holding a value, ascending, after `after`. */
  dates(sql: Sql, person: PersonRef, metric: string, after: string | undefined, limit: number): Promise<string[]>;
}

export interface MetricSources {
  metric: string;
  /** As the person ordered them (may be empty). */
  priority: string[];
  /** Every source seen for the metric. */
  sources: string[];
}

export interface SourcePriorityRepo {
  /** Adds sources seen for metrics (no write when all were known). */
  noteSources(sql: Sql, person: PersonRef, seen: ReadonlyArray<{ metric: string; sources: string[] }>, at: Date): Promise<void>;
  /** The person's priority per metric, for the given metrics (absent: none set). */
  priorities(sql: Sql, person: PersonRef, metrics: readonly string[]): Promise<Map<string, string[]>>;
  list(sql: Sql, person: PersonRef): Promise<MetricSources[]>;
  setPriority(sql: Sql, person: PersonRef, metric: string, priority: readonly string[], at: Date): Promise<MetricSources>;
}

export interface PersonSettingsRepo {
  /** The person's IANA time zone ('UTC' unless set). */
  timeZone(sql: Sql, userId: string): Promise<string | undefined>;
  setTimeZone(sql: Sql, userId: string, timeZone: string): Promise<boolean>;
}

export interface HealthAccessRepo {
  /** True when `clinicianId` has `memberId` on their care team in the tenant. */
  isCareTeamClinician(sql: Sql, tenantId: string, clinicianId: string, memberId: string): Promise<boolean>;
}

export interface IngestRepos {
  rawPayloads: RawPayloadRepo;
  samples: SampleRepo;
  dailyValues: DailyValueRepo;
  sourcePriorities: SourcePriorityRepo;
  people: PersonSettingsRepo;
  access: HealthAccessRepo;
}

// ---------------------------------------------------------------- file imports

export type ImportFormat = 'apple-health' | 'fitbit' | 'csv';
export type ImportState = 'queued' | 'running' | 'succeeded' | 'failed';

/** A line (or record) of an imported file that did not import, and why. */
export interface ImportSkip {
  line: number;
  reason: string;
}

export interface FileImportOptions {
  /** Samples per batch handed to ingestion. */
  batchSize: number;
  /** Fitbit: the `Id` whose rows to import (a Fitabase file holds many people). */
  personId?: string;
  /** Generic CSV: explicit mapping by header text. */
  columns?: Record<string, { metric: string; unit?: string } | 'ignore'>;
  /** Generic CSV: day/month order of dates written year last. */
  dateFormat?: 'mdy' | 'dmy';
  /** Fitbit: local dates already known as not worn (from an earlier dailyActivity import). */
  notWornDays?: readonly string[];
}

/** An import file opened by its format's reader; `batches` can be iterated once. */
export interface OpenedImport {
  readonly format: ImportFormat;
  readonly batches: AsyncIterable<import('../domain/ingest/sample.ts').ImportedSample[]>;
  /** How much of the file has been read, 0..1. */
  fractionRead(): number;
  /** The first skips the reader reported (lines it could not read); `skippedCount` counts all. */
  readonly skipped: readonly ImportSkip[];
  readonly skippedCount: number;
  /** Fitbit dailyActivity: the dates it found not worn. */
  readonly notWornDays: readonly string[];
  close(): Promise<void>;
}

/** The readers of Apple Health, Fitbit and generic CSV files. */
export interface FileImporters {
  /** The format of a file from its first bytes (and its name when the bytes cannot tell). */
  detect(head: Buffer, fileName?: string): ImportFormat | undefined;
  /** How many leading bytes `detect` wants. */
  readonly detectBytes: number;
  /** Opens a file for reading; refuses (AppError) a file that is not what `format` says. */
  open(path: string, format: ImportFormat, options: FileImportOptions): Promise<OpenedImport>;
}

export interface ImportRecord {
  id: string;
  userId: string;
  format: ImportFormat;
  state: ImportState;
  /** Percent, 0..100. */
  progress: number;
  counts: Record<string, number>;
  skipped: ImportSkip[];
  skippedTotal: number;
  blobKey: string;
  fileName: string | null;
  sizeBytes: number | null;
  options: Omit<FileImportOptions, 'batchSize'>;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ImportProgress {
  state: ImportState;
  progress: number;
  counts: Record<string, number>;
  skipped: ImportSkip[];
  skippedTotal: number;
  error?: string | null;
  startedAt?: Date;
  finishedAt?: Date;
}

export interface ImportRepo {
  insert(sql: Sql, person: PersonRef, record: Pick<ImportRecord, 'id' | 'format' | 'blobKey' | 'fileName' | 'sizeBytes' | 'options' | 'createdAt'>): Promise<ImportRecord>;
  /** The person's import (RLS: their own, or a care-team member's for a clinician). */
  find(sql: Sql, id: string): Promise<ImportRecord | undefined>;
  update(sql: Sql, person: PersonRef, id: string, progress: ImportProgress, at: Date): Promise<void>;
  /** Imports the person started since `since` (for the hourly limit). */
  countSince(sql: Sql, person: PersonRef, since: Date): Promise<number>;
  /** Imports left queued or running (a crash), across tenants: for the start-up sweep, withSystem only. */
  unfinished(sql: Sql, limit: number): Promise<Array<{ id: string; tenantId: string; userId: string }>>;
}

// ---------------------------------------------------------------- wearable vendors (src/adapters/vendors)
// The vendor adapters (VendorAdapter) fit this port; the app sees vendors only through it.

/** A person's OAuth tokens at one vendor: secrets, sealed at rest and never logged. */
export interface VendorTokens {
  readonly accessToken: string;
  /** Rotated on every refresh: always keep the newest. */
  readonly refreshToken?: string;
  /** ISO instant; absent when the vendor does not say. */
  readonly expiresAt?: string;
  readonly scopes: readonly string[];
}

/** What an authorization keeps server-side until its callback: the state, and the PKCE verifier. */
export interface PendingVendorAuthorization {
  readonly state: string;
  /** Present when the vendor takes PKCE. */
  readonly codeVerifier?: string;
}

/** A callback that passed the state and consent checks, ready to exchange. */
export interface VendorGrant {
  /** Opaque: the validated callback parameters; exchange them in the process that read them. */
  readonly callback: URLSearchParams;
  readonly codeVerifier?: string;
}

/** One vendor document, JSON-serializable: stored raw, mapped later with `toSamples`. */
export interface VendorDocument {
  readonly vendor: string;
  readonly resource: string;
  readonly id: string;
  /** ISO instant Vitalis fetched it: the revision time where the vendor keeps none. */
  readonly fetchedAt: string;
  /** As the vendor sent it (WHOOP recovery: the recovery with the sleep it belongs to). */
  readonly body: unknown;
}

/** What a verified webhook names; the document is then fetched to learn what changed. */
export interface VendorNotice {
  readonly vendor: string;
  /** The vendor's id of the person (see `accountId`). */
  readonly vendorUserId: string;
  /** May name a resource the vendor's client does not read: check `resources`. */
  readonly resource: string;
  readonly documentId: string;
  readonly action: 'upsert' | 'delete';
}

export interface VendorClient {
  /** Also the `source` of every sample it maps. */
  readonly vendor: string;
  /** What it lists, in the order a first sync takes them. */
  readonly resources: readonly string[];
  authorizationRequest(): Promise<{ readonly url: string; readonly pending: PendingVendorAuthorization }>;
  readCallback(callback: URLSearchParams, pending: PendingVendorAuthorization): VendorGrant;
  exchangeCode(grant: VendorGrant): Promise<VendorTokens>;
  refresh(refreshToken: string): Promise<VendorTokens>;
  revoke(tokens: VendorTokens): Promise<void>;
  /** The vendor's id of the person (webhooks name people by it). */
  accountId(accessToken: string): Promise<string>;
  listPage(
    accessToken: string,
    request: { readonly resource: string; readonly window: { readonly from: Date; readonly to: Date }; readonly cursor?: string },
  ): Promise<{ readonly documents: readonly VendorDocument[]; readonly nextCursor?: string }>;
  /** Undefined when the vendor no longer has it. */
  fetchDocument(accessToken: string, resource: string, id: string): Promise<VendorDocument | undefined>;
  /** Checks signature and timestamp on the exact bytes received, then parses. */
  verifyWebhook(delivery: { readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>; readonly rawBody: Buffer }): VendorNotice;
  /** Pure: the same document always gives the same samples. */
  toSamples(document: VendorDocument): import('../domain/ingest/sample.ts').RawSample[];
}

/** How a vendor call failed, by stable code (never with the vendor's text, which may quote a token). */
export type VendorFailureCode =
  | 'rate_limited'
  | 'unauthorized'
  | 'reauthorization_required'
  | 'consent_denied'
  | 'authorization_failed'
  | 'state_mismatch'
  | 'unavailable'
  | 'request_failed'
  | 'invalid_response'
  | 'invalid_document'
  | 'webhook_rejected';

export interface VendorFailure {
  code: VendorFailureCode;
  /** Worth trying again after this long (rate limits, outages; never sooner than Retry-After). */
  retryDelayMs?: number;
  /** A rejected webhook: a malformed event, or a signature problem. */
  malformedWebhook?: boolean;
}

/** The vendors this installation is registered with (credentials configured). */
export interface Vendors {
  offered(): readonly string[];
  client(vendor: string): VendorClient | undefined;
  /** What went wrong in a vendor call, or undefined when `error` is not the vendor's; `retry` numbers the retry a delay is for. */
  failureOf(error: unknown, retry: number): VendorFailure | undefined;
}

/** Webhook subscriptions a vendor keeps per application and lets lapse unless renewed (Oura). */
export interface WebhookSubscription {
  id: string;
  callbackUrl: string;
  eventType: string;
  dataType: string;
  expiresAt: string;
}

export interface WebhookSubscriptions {
  readonly vendor: string;
  /** Where the vendor is to deliver. */
  readonly callbackUrl: string;
  /** Every (event type, data type) Vitalis wants to hear about. */
  readonly wanted: ReadonlyArray<{ eventType: string; dataType: string }>;
  list(): Promise<WebhookSubscription[]>;
  create(wanted: { eventType: string; dataType: string }): Promise<WebhookSubscription>;
  renew(id: string): Promise<WebhookSubscription>;
  /** The vendor's verification handshake: true when it echoes the token we subscribed with. */
  acceptsVerificationToken(token: string): boolean;
}
