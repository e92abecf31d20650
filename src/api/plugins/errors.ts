import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { isAppError, type ErrorCode } from '../../app/errors.ts';
import { problem, type Problem } from '../problem.ts';

/** Fastify's own client-error codes, mapped onto ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_VALIDATION: 'validation_failed',
};

function toProblem(error: FastifyError | Error, requestId: string): Problem {
  if (isAppError(error)) return problem(error.code, error.message, requestId);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      message: v.message ?? 'invalid',
    }));
    return problem('validation_failed', 'The request does not match the schema.', requestId, { errors });
  }
  if (error instanceof ZodError) {
    const errors = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return problem('validation_failed', 'The request does not match the schema.', requestId, { errors });
  }
  const fastifyError = error as FastifyError;
  const mapped = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped) return problem(mapped, fastifyError.message, requestId);
  if (fastifyError.statusCode === 429) return problem('rate_limited', 'Too many requests; slow down.', requestId);
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return problem('bad_request', fastifyError.message, requestId);
  }
  return problem('internal', undefined, requestId);
}

/** One error handler for every route: problem+json, stable codes, no internals on a 5xx. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error, request.id);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code }, 'request refused');
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (body.status === 429 && headers) void reply.headers(headers);
    const retryAfter = isAppError(error) ? error.details?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    return reply.status(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type('application/problem+json')
      .send(problem('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`, request.id)),
  );
}
