import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const serverMeta = z.object({
  name: z.literal('vitalis'),
  version: z.string(),
  mode: z.enum(['embedded', 'scale-out']),
});
export type ServerMeta = z.infer<typeof serverMeta>;

/** What a client needs to know about the server before anything else. */
export function registerMetaRoutes(app: FastifyInstance, meta: ServerMeta): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/meta',
    { schema: { tags: ['meta'], summary: 'Server name, version and run mode', response: { 200: serverMeta } } },
    async () => meta,
  );
}
