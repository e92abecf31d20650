import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { PgliteDatabase } from './pglite-database.ts';
import { PostgresDatabase } from './postgres-database.ts';

/** Postgres when DATABASE_URL is set, otherwise PGlite under VITALIS_DATA_DIR/pglite. */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.DATABASE_URL) return PostgresDatabase.open(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const dir = path.resolve(config.VITALIS_DATA_DIR, 'pglite');
  await mkdir(dir, { recursive: true });
  return PgliteDatabase.open(dir);
}
