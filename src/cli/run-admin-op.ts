import { callAdminSocket } from './admin-client.ts';
import { createAdminOps } from '../composition/admin-ops.ts';
import { acquireDataDirLock, adminSocketPath, inspectLock } from '../composition/data-dir-lock.ts';
import { createLogger } from '../composition/logger.ts';
import { openServices, type Services } from '../composition/services.ts';
import type { Config } from '../config.ts';
import { adminOpInputs, type AdminOpName, type AdminOps } from '../contracts/admin-ops.ts';

/** Embedded mode with a server holding the data directory: operator commands go through its admin socket. */
export async function serverHoldsDataDir(config: Config): Promise<boolean> {
  return !config.DATABASE_URL && (await inspectLock(config.VITALIS_DATA_DIR)).held;
}

/**
 * Runs an operator command. Embedded mode: through the running server when one holds the
 * data directory (two processes never open one PGlite directory), else in this process.
 */
export async function runAdminOp(config: Config, name: AdminOpName, rawInput: unknown): Promise<unknown> {
  const input = adminOpInputs[name].parse(rawInput);
  if (await serverHoldsDataDir(config)) return callAdminSocket(adminSocketPath(config.VITALIS_DATA_DIR), name, input);
  return withLocalServices(config, (services) => {
    const op = createAdminOps(services)[name] as (input: unknown) => ReturnType<AdminOps[AdminOpName]>;
    return op(input);
  });
}

/** Opens the services in this process (holding the embedded data directory meanwhile), runs `work`, closes them. */
export async function withLocalServices<T>(config: Config, work: (services: Services) => Promise<T>): Promise<T> {
  const lock = config.DATABASE_URL ? undefined : await acquireDataDirLock(config.VITALIS_DATA_DIR);
  try {
    // The CLI's own logs stay quiet: its output is the command's answer.
    const services = await openServices(config, createLogger({ LOG_LEVEL: 'warn' }, process.stderr));
    try {
      return await work(services);
    } finally {
      await services.close();
    }
  } finally {
    await lock?.release();
  }
}
