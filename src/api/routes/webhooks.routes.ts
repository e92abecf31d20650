import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ConnectionDeps } from '../../app/connections/connection-deps.ts';
import { answerWebhookChallenge, receiveWebhook } from '../../app/connections/receive-webhook.ts';
import { AppError } from '../../app/errors.ts';
import * as c from '../../contracts/connections.ts';

const tags = ['webhooks'];
/** Vendor events name a document; they are small. */
const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * Vendor webhooks. The signature covers the exact bytes sent, so in this scope a JSON body is
 * kept as its raw bytes, never parsed and serialized again. Authenticated by the signature,
 * not by a sign-in: answered 204 once queued, 401 for a signature problem, 400 for a
 * malformed event.
 */
export function registerWebhookRoutes(app: FastifyInstance, deps: ConnectionDeps): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/webhooks/:vendor',
      {
        // A vendor delivers everyone's events from a few addresses: the per-address limit would
        // turn them away. A delivery costs one HMAC before it is refused or queued.
        config: { rateLimit: false },
        schema: { tags, summary: 'A vendor notifies a change (signed); the work is queued', params: c.vendorParams, consumes: ['application/json'] },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', 'Send the event as application/json.');
        await receiveWebhook(deps, request.params.vendor, { headers: request.headers, rawBody: request.body });
        return reply.status(204).send();
      },
    );

    r.get(
      '/api/v1/webhooks/:vendor',
      {
        // The query carries our verification token: this route's requests are not logged.
        logLevel: 'warn',
        schema: {
          tags,
          summary: "The vendor's verification handshake: the challenge back when the token is ours",
          params: c.vendorParams,
          querystring: c.webhookChallengeQuery,
          response: { 200: c.webhookChallengeAnswer },
        },
      },
      async (request) => answerWebhookChallenge(deps, request.params.vendor, { verificationToken: request.query.verification_token, challenge: request.query.challenge }),
    );
  });
}
