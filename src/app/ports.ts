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

export interface CareTeamRepo {
  assign(sql: Sql, tenantId: string, clinicianId: string, memberId: string): Promise<void>;
}

export interface AuditLogRepo {
  last(sql: Sql, tenantId: string): Promise<{ seq: number; hash: string } | undefined>;
  insert(sql: Sql, entry: import('./audit/audit-entry.ts').AuditEntry): Promise<void>;
  /** Entries in chain order, from `afterSeq` (exclusive). */
  page(sql: Sql, tenantId: string, afterSeq: number, limit: number): Promise<import('./audit/audit-entry.ts').AuditEntry[]>;
}

export interface Repos {
  tenants: TenantRepo;
  users: UserRepo;
  memberships: MembershipRepo;
  careTeam: CareTeamRepo;
  auditLog: AuditLogRepo;
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
