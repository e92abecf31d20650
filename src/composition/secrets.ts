import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KeyRing } from '../adapters/crypto/key-ring.ts';
import type { Config } from '../config.ts';

export interface Secrets {
  keyRing: KeyRing;
  tokenSecret: Buffer;
}

interface SecretsFile {
  encryptionKeys: string;
  authTokenSecret: string;
}

/**
 * Secrets come from the environment; a single-node install without them gets its own, made
 * once and kept (mode 0600) in the data directory. Scaled-out nodes must share theirs, so there
 * the environment is required.
 */
export async function loadSecrets(config: Config): Promise<Secrets> {
  if (config.ENCRYPTION_KEYS && config.AUTH_TOKEN_SECRET) {
    return { keyRing: KeyRing.parse(config.ENCRYPTION_KEYS), tokenSecret: Buffer.from(config.AUTH_TOKEN_SECRET, 'utf8') };
  }
  if (config.REDIS_URL) {
    throw new Error('scaled-out nodes must share their secrets: set ENCRYPTION_KEYS and AUTH_TOKEN_SECRET');
  }
  const stored = await readOrCreate(path.resolve(config.VITALIS_DATA_DIR, 'secrets.json'));
  return {
    keyRing: KeyRing.parse(config.ENCRYPTION_KEYS ?? stored.encryptionKeys),
    tokenSecret: Buffer.from(config.AUTH_TOKEN_SECRET ?? stored.authTokenSecret, 'utf8'),
  };
}

async function readOrCreate(file: string): Promise<SecretsFile> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined) return JSON.parse(existing) as SecretsFile;
  const made: SecretsFile = { encryptionKeys: `1:${KeyRing.generateKey()}`, authTokenSecret: randomBytes(48).toString('base64url') };
  await mkdir(path.dirname(file), { recursive: true });
  try {
    const handle = await open(file, 'wx', 0o600);
    await handle.writeFile(JSON.stringify(made, null, 2));
    await handle.close();
    return made;
  } catch (error) {
    // Another process made it between our read and write: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(await readFile(file, 'utf8')) as SecretsFile;
    throw error;
  }
}
