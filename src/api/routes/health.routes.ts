import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** A dependency the node needs to serve: the database, Redis, the queue. */
export type ReadinessChecks = Record<string, () => Promise<void>>;

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(check: () => Promise<void>): Promise<'ok' | 'failing'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch {
    return 'failing';
  } finally {
    clearTimeout(timer);
  }
}

const readiness = z.object({ status: z.enum(['ok', 'failing']), checks: z.record(z.string(), z.enum(['ok', 'failing'])) });

export function registerHealthRoutes(app: FastifyInstance, checks: ReadinessChecks): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  typed.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The database, Redis and the queue are reachable',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_request, reply) => {
      const names = Object.keys(checks);
      const results = await Promise.all(names.map((name) => runCheck(checks[name]!)));
      const byName = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
      const ok = results.every((r) => r === 'ok');
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'failing', checks: byName });
    },
  );
}
