import { Readable } from 'node:stream';
import { AppError } from '../errors.ts';
import type { FileImportOptions, ImportFormat, ImportRecord, PersonRef } from '../ports.ts';
import type { PersonContext } from '../ingest/ingest-deps.ts';
import { IMPORT_ATTEMPTS, IMPORT_JOB, type ImportDeps } from './import-deps.ts';

export interface ImportRequest {
  /** As the person says; detected from the content when absent. */
  format?: ImportFormat;
  options: Omit<FileImportOptions, 'batchSize' | 'notWornDays'>;
}

/** A file in blob storage, waiting for its import to be recorded. */
export interface ReceivedUpload {
  id: string;
  blobKey: string;
  fileName: string | null;
  sizeBytes: number;
  detected: ImportFormat | undefined;
}

const HOUR_MS = 3_600_000;

/** The request from the fields beside a file (a form, query parameters, CLI options). */
export function importRequestOf(fields: { format?: ImportFormat | undefined } & ImportRequest['options'] & { fileName?: string | undefined }): ImportRequest {
  const { format, fileName: _fileName, ...options } = fields;
  return { ...(format !== undefined && { format }), options };
}

/** Receives a file and queues its import in one step (a streamed body, the CLI). */
export async function startImport(deps: ImportDeps, ctx: PersonContext, file: Readable, fileName: string | undefined, request: ImportRequest): Promise<ImportRecord> {
  return queueImport(deps, ctx, await receiveUpload(deps, ctx, file, fileName), request);
}

/**
 * Checks the person's hourly limit, tells the format from the first bytes and streams the
 * file into blob storage within the size limit. The import is recorded by queueImport, once
 * the request's other fields are known (a multipart form may send them after the file).
 */
export async function receiveUpload(deps: ImportDeps, ctx: PersonContext, file: Readable, fileName: string | undefined): Promise<ReceivedUpload> {
  const person: PersonRef = { tenantId: ctx.tenantId, userId: ctx.userId };
  const since = new Date(deps.clock.now().getTime() - HOUR_MS);
  const recent = await deps.tx.withTenant(ctx, (sql) => deps.imports.countSince(sql, person, since));
  if (recent >= deps.importSettings.perHour) {
    file.resume();
    throw new AppError('rate_limited', `You started ${recent} imports in the last hour, the most allowed; try again later.`, { retryAfterSeconds: 600 });
  }

  const { head, whole } = await peek(file, deps.importers.detectBytes);
  const detected = deps.importers.detect(head, fileName);
  const id = deps.ids.newId();
  const blobKey = `imports/${ctx.tenantId}/${ctx.userId}/${id}`;
  if (detected === undefined) {
    file.resume();
    return { id, blobKey, fileName: fileName ?? null, sizeBytes: 0, detected };
  }
  const size = { bytes: 0 };
  try {
    await deps.blobs.put(blobKey, Readable.from(limitedTo(whole, deps.importSettings.maxBytes, size)));
  } catch (error) {
    file.resume();
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw error;
  }
  return { id, blobKey, fileName: fileName ?? null, sizeBytes: size.bytes, detected };
}

/** Records the import of a received file and queues its job; a file that is not what is claimed is refused and dropped. */
export async function queueImport(deps: ImportDeps, ctx: PersonContext, upload: ReceivedUpload, request: ImportRequest): Promise<ImportRecord> {
  let format: ImportFormat;
  try {
    format = checkFormat(upload.detected, request.format);
  } catch (error) {
    await deps.blobs.delete(upload.blobKey).catch(() => undefined);
    throw error;
  }
  const person: PersonRef = { tenantId: ctx.tenantId, userId: ctx.userId };
  const record = await deps.tx.withTenant(ctx, (sql) =>
    deps.imports.insert(sql, person, {
      id: upload.id,
      format,
      blobKey: upload.blobKey,
      fileName: upload.fileName,
      sizeBytes: upload.sizeBytes,
      options: request.options,
      createdAt: deps.clock.now(),
    }),
  );
  await deps.queue.enqueue(IMPORT_JOB, { tenantId: ctx.tenantId, userId: ctx.userId, importId: upload.id }, { jobId: upload.id, attempts: IMPORT_ATTEMPTS });
  return record;
}

function checkFormat(detected: ImportFormat | undefined, claimed: ImportFormat | undefined): ImportFormat {
  if (detected === undefined) {
    throw new AppError('unsupported_media_type', 'This file is not an Apple Health export (export.zip or export.xml), a Fitbit CSV or a CSV with a date column.');
  }
  if (claimed === undefined || claimed === detected) return detected;
  // A Fitbit file is also a CSV; the generic reader may take it by its column names.
  if (claimed === 'csv' && detected === 'fitbit') return claimed;
  throw new AppError('unsupported_media_type', `This file is not ${describe(claimed)}: it reads as ${describe(detected)}.`, { claimed, detected });
}

function describe(format: ImportFormat): string {
  return { 'apple-health': 'an Apple Health export', fitbit: 'a Fitbit CSV', csv: 'a CSV file' }[format];
}

/** The first `bytes` of a stream, and the whole of it (those bytes included) to read on. */
async function peek(stream: Readable, bytes: number): Promise<{ head: Buffer; whole: AsyncIterable<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* whole(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: head.subarray(0, bytes), whole: whole() };
}

/** The chunks of `source`, failing once more than `maxBytes` have come; `size.bytes` counts them. */
async function* limitedTo(source: AsyncIterable<Buffer>, maxBytes: number, size: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    size.bytes += chunk.length;
    if (size.bytes > maxBytes) throw new AppError('payload_too_large', `An import file may hold at most ${maxBytes} bytes.`);
    yield chunk;
  }
}
