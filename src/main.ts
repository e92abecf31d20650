import { chmod, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildAdminServer } from './api/admin-server.ts';
import { createMetricsRegistry } from './api/plugins/metrics.ts';
import { registerApiRoutes } from './api/routes/index.ts';
import { buildServer } from './api/server.ts';
import { createAdminOps } from './composition/admin-ops.ts';
import { acquireDataDirLock, adminSocketPath, type DataDirLock } from './composition/data-dir-lock.ts';
import { createLogger } from './composition/logger.ts';
import { openServices } from './composition/services.ts';
import type { Config } from './config.ts';
import { createProcessors } from './worker/processors/index.ts';

export type Role = 'api' | 'worker' | 'all';

export const VERSION = '0.1.0';

export interface RunningVitalis {
  /** The address the HTTP server listens on. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The composition root: opens every service the configuration asks for, serves HTTP (the
 * full API, or only health and metrics on a worker node), runs the job workers, and shuts
 * down gracefully on SIGTERM/SIGINT within SHUTDOWN_TIMEOUT_MS.
 */
export async function serve(config: Config, role: Role): Promise<RunningVitalis> {
  const logger = createLogger(config);
  const embedded = !config.DATABASE_URL;
  const lock: DataDirLock | undefined = embedded ? await acquireDataDirLock(config.VITALIS_DATA_DIR) : undefined;
  const services = await openServices(config, logger).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });

  const metrics = createMetricsRegistry({ queueStats: () => services.queue.stats(), poolStats: () => services.db.poolStats() });
  const http = await buildServer({
    logger,
    meta: { name: 'vitalis', version: VERSION, mode: services.mode },
    readiness: services.readiness,
    metrics,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    corsOrigins: config.CORS_ORIGINS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    ...(services.redis ? { rateLimitRedis: { client: services.redis, prefix: `vitalis:${services.redisNamespace}:http-rate:` } } : {}),
    webRoot: path.resolve(import.meta.dirname, '../web/dist'),
    operationsOnly: role === 'worker',
    routes: [(app) => registerApiRoutes(app, services.identity, services.imports, services.insight, services.connections, services.monitoring)],
  });
  const url = await http.listen({ port: config.PORT, host: config.HOST });
  // Without PUBLIC_URL, links in mail point at the address this node really listens on.
  if (!config.PUBLIC_URL) services.identity.settings.publicUrl = url.replace('://0.0.0.0', '://localhost').replace('://127.0.0.1', '://localhost');

  let admin: FastifyInstance | undefined;
  if (embedded) {
    const socket = adminSocketPath(config.VITALIS_DATA_DIR);
    await rm(socket, { force: true });
    admin = buildAdminServer(logger, createAdminOps(services), config.BODY_LIMIT_BYTES);
    await admin.listen({ path: socket });
    await chmod(socket, 0o600);
  }

  if (role !== 'api') await services.queue.work(createProcessors(services), { concurrency: config.QUEUE_CONCURRENCY });
  logger.info({ url, role, mode: services.mode }, 'Vitalis is running');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info({ deadlineMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutting down');
      const deadline = setTimeout(() => {
        logger.error('shutdown deadline passed; exiting with work unfinished');
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS);
      deadline.unref();
      // Stop accepting and finish requests in flight, then jobs in flight, then close pools.
      await Promise.all([http.close(), admin?.close()]);
      await services.close();
      await lock?.release();
      clearTimeout(deadline);
      logger.info('stopped');
    })());

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop());
  return { url, stop };
}
