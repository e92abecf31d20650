import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { AppError } from '../../app/errors.ts';
import { getImport } from '../../app/imports/get-import.ts';
import type { ImportDeps } from '../../app/imports/import-deps.ts';
import { importStatusOf } from '../../app/imports/import-status.ts';
import { importRequestOf, queueImport, receiveUpload, type ReceivedUpload } from '../../app/imports/start-import.ts';
import type { RequestContext } from '../../app/identity/resolve-tenant.ts';
import type { ImportRecord } from '../../app/ports.ts';
import * as c from '../../contracts/imports.ts';
import { readsSamples, writesSamples, type AuthGuard } from '../auth-guard.ts';

const tags = ['imports'];
const STREAMED_TYPES = ['application/octet-stream', 'application/zip', 'application/xml', 'text/xml', 'text/csv'];

/**
 * File imports: a multipart form (`file`, and optional `format`, `personId`, `dateFormat`,
 * `columns` before or after it) or a streamed body with those as query parameters -> 202;
 * then the import's state, progress, counts and skipped lines.
 */
export function registerImportRoutes(app: FastifyInstance, deps: ImportDeps, guard: AuthGuard): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.importSettings.maxBytes + 1, files: 1, fields: 10, fieldSize: 20_000 } });
    // A streamed file is read by the route, never buffered by a parser.
    scope.addContentTypeParser(STREAMED_TYPES, (_request, payload, done) => done(null, payload));
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/imports',
      {
        schema: {
          tags,
          summary: 'Import an Apple Health export, a Fitbit CSV or a generic CSV; read by a job, follow it with GET /api/v1/imports/{id}',
          consumes: ['multipart/form-data', ...STREAMED_TYPES],
          response: { 202: c.importAccepted },
        },
      },
      async (request, reply) => {
        const ctx = await guard.tenant(request, writesSamples);
        const record = request.isMultipart() ? await fromMultipart(deps, ctx, request) : await fromStream(deps, ctx, request);
        return reply.status(202).send({ id: record.id, format: record.format, state: 'queued' as const });
      },
    );

    r.get(
      '/api/v1/imports/:id',
      { schema: { tags, summary: 'An import: state, progress, samples per metric, skipped lines with why', params: c.importParams, response: { 200: c.importStatus } } },
      async (request) => importStatusOf(await getImport(deps, await guard.tenant(request, readsSamples), request.params.id)),
    );
  });
}

async function fromMultipart(deps: ImportDeps, ctx: RequestContext, request: FastifyRequest): Promise<ImportRecord> {
  const fields: Record<string, string> = {};
  let upload: ReceivedUpload | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'field') fields[part.fieldname] = String(part.value);
    else if (part.fieldname !== 'file') {
      part.file.resume();
      throw new AppError('validation_failed', `Send the file in the form field "file", not "${part.fieldname}".`);
    } else upload = await receiveUpload(deps, ctx, part.file, part.filename || undefined);
  }
  if (!upload) throw new AppError('validation_failed', 'The form has no "file" field.');
  return queueImport(deps, ctx, upload, importRequestOf(c.importFields.parse(fields)));
}

async function fromStream(deps: ImportDeps, ctx: RequestContext, request: FastifyRequest): Promise<ImportRecord> {
  const query = c.importFields.parse(request.query ?? {});
  const body = request.body as Readable | undefined;
  if (!body || typeof body.pipe !== 'function') {
    throw new AppError('unsupported_media_type', `Send the file as multipart/form-data or as a body of type ${STREAMED_TYPES.join(', ')}.`);
  }
  return queueImport(deps, ctx, await receiveUpload(deps, ctx, body, query.fileName), importRequestOf(query));
}

