import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LiveReader } from '../../app/monitoring/live/live-feed.ts';
import type { LiveEvent } from '../../app/monitoring/monitoring-ports.ts';
import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import { readsSamples, type AuthGuard } from '../auth-guard.ts';

const HEARTBEAT_MS = 15_000;
/** A client this far behind is cut off (it resumes with Last-Event-ID) rather than buffered without end. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const streamHeaders = z.object({
  /** The id of the last event received: the stream resumes right after it. */
  'last-event-id': z.string().regex(/^\d{1,15}$/, 'the id of an event this stream sent (digits)').optional(),
});

/** One event in the text/event-stream format: its seq as the id, its kind as the event name, its payload as one line of JSON. */
const frame = (event: LiveEvent) => `id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(event.payload)}\n\n`;

/**
 * GET /api/v1/stream: Server-Sent Events of the people the caller watches — alert.opened,
 * alert.updated, data.ingested — each with an id; reconnecting with Last-Event-ID resumes
 * after it. Authenticated by the Authorization header like every route (EventSource polyfills
 * and fetch streaming send it); the stream ends when the access token would expire, and the
 * client reconnects with a fresh token and its last id. Streams end when the server closes.
 */
export function registerStreamRoutes(app: FastifyInstance, deps: MonitoringDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  r.get(
    '/api/v1/stream',
    { schema: { tags: ['alerts'], summary: 'Live alerts and new-data notices (text/event-stream); Last-Event-ID resumes', headers: streamHeaders } },
    async (request, reply) => {
      const ctx = await guard.tenant(request, readsSamples);
      const lastEventId = request.headers['last-event-id'];
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write('retry: 3000\n\n');

      let ended = false;
      let reader: LiveReader | undefined = undefined;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        clearTimeout(expiry);
        open.delete(end);
        reader?.close();
        raw.end();
      };
      const heartbeat = setInterval(() => {
        raw.write(': keep-alive\n\n');
        reader?.wake();
      }, HEARTBEAT_MS);
      const expiry = setTimeout(end, deps.monitoringSettings.streamMaxMs);
      open.add(end);
      request.raw.on('close', end);

      reader = await deps.live
        .open({
          ctx,
          ...(typeof lastEventId === 'string' && { after: Number(lastEventId) }),
          send: (events) => {
            if (ended) return;
            raw.write(events.map(frame).join(''));
            if (raw.writableLength > MAX_BUFFERED_BYTES) end();
          },
          fail: end,
        })
        .catch((error: unknown) => {
          request.log.warn({ err: error }, 'live stream could not start');
          end();
          return undefined;
        });
      if (ended) reader?.close();
    },
  );
}
