import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import { adminOpInputs, adminOpNames, type AdminOpName, type AdminOps } from '../contracts/admin-ops.ts';
import { createFastify } from './server.ts';

/**
 * Operator commands over a Unix socket inside the data directory: only whoever may open the
 * data directory may reach it, and it never listens on the network.
 */
export function buildAdminServer(logger: Logger, ops: AdminOps, bodyLimitBytes: number): FastifyInstance {
  const app = createFastify(logger, bodyLimitBytes);
  app.withTypeProvider<ZodTypeProvider>().post(
    '/admin/ops/:name',
    { schema: { params: z.object({ name: z.enum(adminOpNames as [AdminOpName, ...AdminOpName[]]) }).strict() } },
    async (request) => {
      const name = request.params.name;
      const parsed = adminOpInputs[name].safeParse(request.body ?? {});
      if (!parsed.success) throw parsed.error;
      const run = ops[name] as (input: unknown) => Promise<unknown>;
      return { result: await run(parsed.data) };
    },
  );
  app.get('/admin/ping', async () => ({ ok: true }));
  return app;
}
