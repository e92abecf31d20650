import { z } from 'zod';

/**
 * The whole environment of Vitalis, validated once at boot. Nothing else reads process.env.
 * Each entry documents itself in README.md's configuration table (keep both in step).
 */
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional());
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const boolFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VITALIS_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: optionalUrl,
  /** Separates deployments (or test runs) that share one Redis. */
  REDIS_NAMESPACE: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and -').default('main'),
  PUBLIC_URL: optionalUrl,
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  QUEUE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Most samples in one batch (POST /api/v1/samples, or one importer call); its body may take 2 KiB per sample. */
  INGEST_MAX_BATCH_SAMPLES: z.coerce.number().int().min(1).max(50_000).default(5000),
  /** Batches one person may have waiting for normalization before more are turned away (429). */
  INGEST_MAX_PENDING_BATCHES: z.coerce.number().int().min(1).max(100_000).default(100),
  /** Largest file one import may upload (bytes). */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 ** 3),
  /** Imports one person may start per hour. */
  IMPORTS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
  S3_BUCKET: optionalString,
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: boolFlag.default(true),
  /** Key ring for secrets at rest: `1:<base64 32 bytes>,2:...`; the highest version seals. */
  ENCRYPTION_KEYS: optionalString,
  /** Signs access tokens (at least 32 characters). Embedded mode makes both and keeps them in VITALIS_DATA_DIR. */
  AUTH_TOKEN_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32).optional()),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How long a node trusts a verified session, membership or API key without the database; 0: never. */
  AUTH_MEMO_TTL_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default('Vitalis <no-reply@vitalis.local>'),
  /** Oura app credentials; Oura is offered when both are set. */
  OURA_CLIENT_ID: optionalString,
  OURA_CLIENT_SECRET: optionalString,
  OURA_API_BASE_URL: z.string().url().default('https://api.ouraring.com'),
  OURA_AUTH_BASE_URL: z.string().url().default('https://cloud.ouraring.com'),
  /** WHOOP app credentials; WHOOP is offered when both are set. Its API host also serves consent and tokens. */
  WHOOP_CLIENT_ID: optionalString,
  WHOOP_CLIENT_SECRET: optionalString,
  WHOOP_API_BASE_URL: z.string().url().default('https://api.prod.whoop.com'),
  /** Days a new connection reads back. */
  CONNECTION_BACKFILL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Between two scheduled syncs of a vendor connection (they catch what webhooks missed). */
  CONNECTION_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** Between two syncs of a simulator connection (each adds what fell due since the last). */
  SIMULATOR_SYNC_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses an environment; a bad value names the variable and what it expects. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration — ${problems.join('; ')}`);
}

export function loadConfig(): Config {
  return parseConfig(process.env);
}
