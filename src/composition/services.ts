import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { uuidv7 } from 'uuidv7';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { AppDeps } from '../app/deps.ts';
import type { ConnectionDeps } from '../app/connections/connection-deps.ts';
import type { IdentityDeps } from '../app/identity/identity-deps.ts';
import type { ImportDeps } from '../app/imports/import-deps.ts';
import type { InsightDeps } from '../app/insight/insight-deps.ts';
import { resumeUnfinishedImports } from '../app/imports/resume-unfinished-imports.ts';
import type { IngestDeps } from '../app/ingest/ingest-deps.ts';
import type { MonitoringDeps } from '../app/monitoring/monitoring-deps.ts';
import { resumePendingNormalizations } from '../app/ingest/resume-pending-normalizations.ts';
import { JoseAccessTokens } from '../adapters/auth/jose-access-tokens.ts';
import { otplibTotp } from '../adapters/auth/otplib-totp.ts';
import { Argon2PasswordHasher } from '../adapters/crypto/argon2-password-hasher.ts';
import { randomTokens } from '../adapters/crypto/random-tokens.ts';
import { identityRepo } from '../db/repos/identity.repo.ts';
import { openConnections } from './connections.ts';
import { openMonitoring } from './monitoring.ts';
import { openInsight } from './insight.ts';
import { openVerifiedSessions } from './verified-sessions.ts';
import { loadSecrets } from './secrets.ts';
import type { BlobStore, Cache, Mailer, PubSub, Queue, RateLimiter, RotatingSecretBox, Transactions } from '../app/ports.ts';
import { LocalBlobStore } from '../adapters/blob/local-blob-store.ts';
import { fileImporters } from '../adapters/importers/file-importers.ts';
import { S3BlobStore } from '../adapters/blob/s3-blob-store.ts';
import { InMemoryCache } from '../adapters/cache/memory-cache.ts';
import { RedisCache } from '../adapters/cache/redis-cache.ts';
import { OutboxMailer } from '../adapters/mail/outbox-mailer.ts';
import { SmtpMailer } from '../adapters/mail/smtp-mailer.ts';
import { InProcessPubSub } from '../adapters/pubsub/memory-pubsub.ts';
import { RedisPubSub } from '../adapters/pubsub/redis-pubsub.ts';
import { BullmqQueue } from '../adapters/queue/bullmq-queue.ts';
import { EmbeddedQueue } from '../adapters/queue/embedded-queue.ts';
import { InMemoryRateLimiter } from '../adapters/ratelimit/memory-rate-limiter.ts';
import { RedisRateLimiter } from '../adapters/ratelimit/redis-rate-limiter.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { importRepo } from '../db/repos/import.repo.ts';
import { ingestRepos } from '../db/repos/ingest-repos.ts';
import { repos } from '../db/repos/index.ts';
import { createSamplePartitions } from '../db/sample-partitions.ts';
import { createTransactions } from '../db/with-tenant.ts';

/** Everything a Vitalis process talks to, chosen from the configuration. */
export interface Services {
  mode: 'embedded' | 'scale-out';
  db: Database;
  tx: Transactions;
  deps: AppDeps;
  identity: IdentityDeps;
  ingest: IngestDeps;
  imports: ImportDeps;
  insight: InsightDeps;
  connections: ConnectionDeps;
  monitoring: MonitoringDeps;
  /** Seals secrets at rest (`vitalis keys rotate` re-seals with its newest key). */
  keyRing: RotatingSecretBox;
  queue: Queue;
  cache: Cache;
  pubsub: PubSub;
  rateLimiter: RateLimiter;
  blobs: BlobStore;
  mailer: Mailer;
  /** A connection for HTTP rate-limit counters shared by all nodes (scale-out only). */
  redis?: Redis;
  redisNamespace: string;
  readiness: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

export async function openServices(config: Config, logger: Logger): Promise<Services> {
  const db = await openDatabase(config);
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');

  const tx = createTransactions(db, (reason) => logger.info({ reason }, 'system transaction (bypasses row-level security)'));
  const ids = { newId: () => uuidv7() };
  const deps: AppDeps = { tx, repos, clock: { now: () => new Date() }, ids };
  const redisUrl = config.REDIS_URL;

  const ns = config.REDIS_NAMESPACE;
  const queue: Queue = redisUrl ? new BullmqQueue(redisUrl, { logger, queueName: ns }) : new EmbeddedQueue(db, { logger });
  const cache: Cache = redisUrl ? new RedisCache(redisUrl, { prefix: `vitalis:${ns}:cache:` }) : new InMemoryCache();
  const pubsub: PubSub = redisUrl
    ? new RedisPubSub(redisUrl, { logger, prefix: `vitalis:${ns}:pubsub:` })
    : new InProcessPubSub({ logger });
  const rateLimiter: RateLimiter = redisUrl
    ? new RedisRateLimiter(redisUrl, { prefix: `vitalis:${ns}:ratelimit:` })
    : new InMemoryRateLimiter();
  const blobs: BlobStore = config.S3_BUCKET
    ? new S3BlobStore({
        bucket: config.S3_BUCKET,
        endpoint: config.S3_ENDPOINT,
        region: config.S3_REGION,
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      })
    : new LocalBlobStore(path.resolve(config.VITALIS_DATA_DIR, 'files'));
  const mailer: Mailer = config.SMTP_URL
    ? new SmtpMailer(config.SMTP_URL, { from: config.MAIL_FROM })
    : new OutboxMailer(tx, { from: config.MAIL_FROM, logger, newId: ids.newId });
  const secrets = await loadSecrets(config);
  const identity: IdentityDeps = {
    ...deps,
    identity: identityRepo,
    passwords: new Argon2PasswordHasher(),
    accessTokens: new JoseAccessTokens(secrets.tokenSecret),
    secretBox: secrets.keyRing,
    totp: otplibTotp,
    random: randomTokens,
    rateLimiter,
    queue,
    commonPasswords: new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())),
    ...(await openVerifiedSessions(pubsub, config.AUTH_MEMO_TTL_SECONDS)),
    settings: {
      publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    },
  };
  const ingest: IngestDeps = {
    ...deps,
    ingest: ingestRepos,
    partitions: createSamplePartitions(tx),
    queue,
    pubsub,
    logger,
    settings: { maxBatchSamples: config.INGEST_MAX_BATCH_SAMPLES, maxPendingBatches: config.INGEST_MAX_PENDING_BATCHES },
  };
  const imports: ImportDeps = {
    ...ingest,
    imports: importRepo,
    blobs,
    importers: fileImporters,
    importSettings: { maxBytes: config.IMPORT_MAX_BYTES, perHour: config.IMPORTS_PER_HOUR, workDir: path.join(os.tmpdir(), 'vitalis-imports') },
  };
  const insight = await openInsight(ingest, { cache, secretBox: secrets.keyRing });
  const connections = await openConnections(config, ingest, { cache, secretBox: secrets.keyRing, logger });
  const monitoring = await openMonitoring(config, ingest, { secretBox: secrets.keyRing, publicUrl: () => identity.settings.publicUrl });
  // Batches a crash left between stored and normalized get their job again (deduplicated by batch id).
  const resumed = await resumePendingNormalizations(ingest);
  if (resumed > 0) logger.info({ batches: resumed }, 'queued normalization of pending sample batches');
  const unfinishedImports = await resumeUnfinishedImports(imports);
  if (unfinishedImports > 0) logger.info({ imports: unfinishedImports }, 'queued imports a stop left unfinished');
  const redis = redisUrl ? new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }) : undefined;

  const readiness: Record<string, () => Promise<void>> = {
    database: () => db.transaction(async (sql) => void (await sql.query('select 1'))),
    queue: () => queue.ping(),
    ...(redis ? { redis: async () => void (await redis.ping()) } : {}),
  };

  return {
    mode: redisUrl ? 'scale-out' : 'embedded',
    redisNamespace: ns,
    db,
    tx,
    deps,
    identity,
    ingest,
    imports,
    insight,
    connections,
    monitoring,
    keyRing: secrets.keyRing,
    queue,
    cache,
    pubsub,
    rateLimiter,
    blobs,
    mailer,
    ...(redis ? { redis } : {}),
    readiness,
    async close() {
      await monitoring.live.close();
      await queue.close();
      await Promise.allSettled([cache.close(), pubsub.close(), rateLimiter.close(), blobs.close(), mailer.close()]);
      if (redis) redis.disconnect();
      await db.close();
    },
  };
}
