import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { PgliteDatabase } from '../../src/db/pglite-database.ts';
import { PostgresDatabase } from '../../src/db/postgres-database.ts';

/** Set by .ci/run; when absent, only the PGlite flavour of each suite runs. */
export const POSTGRES_URL = process.env.DATABASE_URL || undefined;
export const REDIS_URL = process.env.REDIS_URL || undefined;

export type DatabaseKind = 'pglite' | 'postgres';

/** The database kinds this run can test against: PGlite always, Postgres when configured. */
export const databaseKinds: DatabaseKind[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];

let pgliteTemplate: Promise<Blob> | undefined;

/** A fresh, migrated in-memory PGlite. Later ones start from a dump of the first (initdb is slow). */
export async function freshPglite(): Promise<PgliteDatabase> {
  pgliteTemplate ??= (async () => {
    const template = await PgliteDatabase.open();
    await migrate(template);
    const dump = await template.dump();
    await template.close();
    return dump;
  })();
  const db = await PgliteDatabase.open(undefined, await pgliteTemplate);
  await migrate(db); // no-op unless migrations changed since the dump
  return db;
}

async function asAdmin(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** An empty Postgres database of its own; the caller drops it. */
export async function scratchPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!POSTGRES_URL) throw new Error('DATABASE_URL is not set');
  const name = `vitalis_t_${uuidv7().replace(/-/g, '').slice(-16)}`;
  await asAdmin(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(`drop database if exists ${name} with (force)`) };
}

/** A fresh, migrated Postgres database of its own, dropped after the test (or file) that made it. */
export async function freshPostgres(options: { migrated?: boolean } = {}): Promise<{ db: PostgresDatabase; url: string }> {
  const scratch = await scratchPostgres();
  const db = await PostgresDatabase.open(scratch.url, 4);
  if (options.migrated !== false) await migrate(db);
  after(async () => {
    await db.close();
    await scratch.drop();
  });
  return { db, url: scratch.url };
}

/** A fresh migrated database of the given kind, closed after the test file. */
export async function freshDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'postgres') return (await freshPostgres()).db;
  const db = await freshPglite();
  after(() => db.close());
  return db;
}

export interface ServiceSetup {
  kind: DatabaseKind;
  label: string;
  env: () => Record<string, string>;
}

/**
 * Each database; and Postgres with Redis (BullMQ jobs, Redis cache and pub/sub, a namespace of
 * its own named after `label`) when both are configured.
 */
export function serviceSetups(label: string): ServiceSetup[] {
  return [
    ...databaseKinds.map((kind) => ({ kind, label: kind, env: () => ({}) })),
    ...(databaseKinds.includes('postgres') && REDIS_URL
      ? [
          {
            kind: 'postgres' as const,
            label: 'postgres + redis',
            env: () => ({
              REDIS_URL: REDIS_URL!,
              REDIS_NAMESPACE: `${label}-${uuidv7().slice(-12)}`,
              ENCRYPTION_KEYS: `1:${randomBytes(32).toString('base64')}`,
              AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
            }),
          },
        ]
      : []),
  ];
}
