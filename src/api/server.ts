import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerHttpMetrics } from './plugins/metrics.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { requestIdFrom } from './request-id.ts';
import { registerHealthRoutes, type ReadinessChecks } from './routes/health.routes.ts';
import { registerMetaRoutes, type ServerMeta } from './routes/meta.routes.ts';

export interface ServerOptions {
  logger: Logger;
  meta: ServerMeta;
  readiness: ReadinessChecks;
  metrics: Registry;
  bodyLimitBytes: number;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** Shared rate-limit counters across nodes, under this key prefix; in-process when absent. */
  rateLimitRedis?: { client: Redis; prefix: string };
  /** Folder of the built web app, served at / (index.html also for its client-side routes). */
  webRoot?: string;
  /** Only the routes every role serves (health, metrics): for worker-only nodes. */
  operationsOnly?: boolean;
  /** The API's feature routes, registered after the shared plugins. */
  routes?: Array<(app: FastifyInstance) => void>;
}

/** The base every Fastify instance of Vitalis shares: zod, problem+json errors, request ids. */
export function createFastify(logger: Logger, bodyLimitBytes: number): FastifyInstance {
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: bodyLimitBytes,
    genReqId: requestIdFrom,
    return503OnClosing: true,
    trustProxy: false,
  });
  // The API speaks JSON only: a text body is refused (415), not parsed into a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);
  return app;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = createFastify(options.logger, options.bodyLimitBytes);
  await app.register(helmet, {
    global: true,
    // Tenant logos may live on the tenant's own https site.
    contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https:'] } },
  });
  await app.register(cors, { origin: options.corsOrigins.length > 0 ? options.corsOrigins : false, credentials: true });
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    ...(options.rateLimitRedis ? { redis: options.rateLimitRedis.client, nameSpace: options.rateLimitRedis.prefix } : {}),
    allowList: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.url.split('?')[0]!),
  });
  // Before any route, so the OpenAPI document sees every one.
  if (!options.operationsOnly) await registerOpenApi(app, options.meta.version);
  registerHttpMetrics(app, options.metrics);
  registerHealthRoutes(app, options.readiness);
  if (options.operationsOnly) return app;

  registerMetaRoutes(app, options.meta);
  for (const register of options.routes ?? []) register(app);
  if (options.webRoot) await registerWebApp(app, options.webRoot);
  return app;
}

/**
 * The single-page web app: its files (hashed assets cached for good, the rest revalidated), and
 * index.html for any other GET outside /api and /docs that does not name a file, so /sign-in or
 * /members load the app. Everything else stays a problem+json 404.
 */
async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: 'index.html',
    wildcard: false,
    setHeaders: (reply, filePath) =>
      reply.header('cache-control', /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0]!;
    const clientRoute = !/^\/(api|docs)(\/|$)/.test(pathname) && !/\.[^/]*$/.test(pathname);
    if (!clientRoute) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
