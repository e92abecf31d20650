import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Embedded mode keeps PGlite in one directory that exactly one process may open. The server
 * holds this pid file while it runs; a CLI finding it held talks to that server instead.
 */
export interface DataDirLock {
  release(): Promise<void>;
}

export type LockState = { held: false } | { held: true; pid: number };

export function lockFile(dataDir: string): string {
  return path.resolve(dataDir, 'vitalis.pid');
}

export function adminSocketPath(dataDir: string): string {
  return path.resolve(dataDir, 'admin.sock');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function inspectLock(dataDir: string): Promise<LockState> {
  const text = await readFile(lockFile(dataDir), 'utf8').catch(() => undefined);
  const pid = Number(text);
  return text !== undefined && Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { held: true, pid } : { held: false };
}

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const state = await inspectLock(dataDir);
      if (state.held) {
        throw new Error(`the data directory ${path.resolve(dataDir)} is in use by another Vitalis process (pid ${state.pid})`);
      }
      await rm(file, { force: true }); // left by a process that died without cleaning up
    }
  }
  throw new Error(`could not lock the data directory ${path.resolve(dataDir)}`);
}
