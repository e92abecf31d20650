import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueStats } from '../../app/ports.ts';
import type { PoolStats } from '../../db/database.ts';

export interface MetricSources {
  queueStats?: () => Promise<QueueStats>;
  poolStats: () => PoolStats;
}

/** A registry of the process: default process metrics, queue depth and DB pool use. */
export function createMetricsRegistry(sources: MetricSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vitalis_' });
  if (sources.queueStats) {
    const queueStats = sources.queueStats;
    new Gauge({
      name: 'vitalis_queue_jobs',
      help: 'Jobs in the queue by state (dead = failed after every retry)',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const stats = await queueStats();
        for (const [state, count] of Object.entries(stats)) this.set({ state }, count);
      },
    });
  }
  new Gauge({
    name: 'vitalis_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = sources.poolStats();
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
  return registry;
}

/** Request count and latency per route and status, and GET /metrics in Prometheus text. */
export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'vitalis_http_requests_total', help: 'HTTP requests', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'vitalis_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the raw URL, so ids in paths do not explode the label set.
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
