import { callAdminSocket } from './admin-client.ts';
import { createAdminOps } from '../composition/admin-ops.ts';
import { acquireDataDirLock, adminSocketPath, inspectLock } from '../composition/data-dir-lock.ts';
import { createLogger } from '../composition/logger.ts';
import { openServices } from '../composition/services.ts';
import type { Config } from '../config.ts';
import { adminOpInputs, type AdminOpName, type AdminOps } from '../contracts/admin-ops.ts';

/**
 * Runs an operator command. Embedded mode: through the running server when one holds the
 * data directory (two processes never open one PGlite directory), else in this process.
 */
export async function runAdminOp(config: Config, name: AdminOpName, rawInput: unknown): Promise<unknown> {
  const input = adminOpInputs[name].parse(rawInput);
  const embedded = !config.DATABASE_URL;
  if (embedded && (await inspectLock(config.VITALIS_DATA_DIR)).held) {
    return callAdminSocket(adminSocketPath(config.VITALIS_DATA_DIR), name, input);
  }
  const lock = embedded ? await acquireDataDirLock(config.VITALIS_DATA_DIR) : undefined;
  try {
    // The CLI's own logs stay quiet: its output is the command's answer.
    const services = await openServices(config, createLogger({ LOG_LEVEL: 'warn' }, process.stderr));
    try {
      const op = createAdminOps(services)[name] as (input: unknown) => ReturnType<AdminOps[AdminOpName]>;
      return await op(input);
    } finally {
      await services.close();
    }
  } finally {
    await lock?.release();
  }
}
