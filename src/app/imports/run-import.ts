import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isAppError } from '../errors.ts';
import { ingestSamples } from '../ingest/ingest-samples.ts';
import type { ImportProgress, ImportRecord, OpenedImport, PersonRef, SampleRejection } from '../ports.ts';
import { IMPORT_ATTEMPTS, type ImportDeps } from './import-deps.ts';
import { ImportReport } from './import-report.ts';

export interface ImportJob {
  tenantId: string;
  userId: string;
  importId: string;
}

export interface RunImportOptions {
  /** Called after each stored batch and at the end (the CLI draws its progress bar from it). */
  onProgress?: (progress: ImportProgress) => void;
  attempt?: number;
}

const BATCH_SAMPLES = 5000;

/**
 * Reads an uploaded file and ingests it batch by batch (each batch stored raw, then
 * normalized, in one go). Safe to run again after a crash: the batches carry idempotency keys
 * made of the import and their position, so a batch stored before is not stored twice and the
 * result equals one clean run. A file its reader refuses fails the import at once, with the
 * reason; other failures are retried by the queue.
 */
export async function runImport(deps: ImportDeps, job: ImportJob, options: RunImportOptions = {}): Promise<ImportProgress | undefined> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  const record = await deps.tx.withTenant(person, (sql) => deps.imports.find(sql, job.importId));
  if (!record || record.state === 'succeeded' || record.state === 'failed') return undefined;

  const report = new ImportReport();
  const save = async (progress: ImportProgress) => {
    await deps.tx.withTenant(person, (sql) => deps.imports.update(sql, person, record.id, progress, deps.clock.now()));
    options.onProgress?.(progress);
  };
  await save({ ...report.progress('running', 0, { skipped: [], skippedCount: 0 }), startedAt: deps.clock.now() });

  const file = path.join(deps.importSettings.workDir, `${record.id}.upload`);
  let opened: OpenedImport | undefined;
  try {
    await download(deps, record, file);
    opened = await deps.importers.open(file, record.format, { ...record.options, batchSize: Math.min(BATCH_SAMPLES, deps.settings.maxBatchSamples) });
    let position = 0;
    for await (const batch of opened.batches) {
      const receipt = await ingestSamples(deps, person, batch, { importId: record.id, idempotencyKey: `import:${record.id}:${position++}`, normalize: 'inline' });
      const rejected = receipt.outcome ?? (await storedRejections(deps, person, receipt.rawId));
      report.addBatch(batch, rejected.rejections, rejected.rejected);
      await save(report.progress('running', percent(opened), opened));
    }
    const done = { ...report.progress('succeeded', 100, opened), finishedAt: deps.clock.now() };
    await save(done);
    return done;
  } catch (error) {
    const refused = isAppError(error);
    if (!refused && (options.attempt ?? IMPORT_ATTEMPTS) < IMPORT_ATTEMPTS) throw error;
    const message = refused ? error.message : 'The import failed on our side; the samples stored so far are kept. Try again.';
    const failed = { ...report.progress('failed', opened ? percent(opened) : 0, opened ?? { skipped: [], skippedCount: 0 }), error: message, finishedAt: deps.clock.now() };
    await save(failed);
    if (!refused) deps.logger.error({ err: error, importId: record.id, tenantId: person.tenantId }, 'import failed');
    return failed;
  } finally {
    await opened?.close().catch(() => undefined);
    await rm(file, { force: true });
  }
}

function percent(opened: OpenedImport): number {
  return Math.min(99, Math.floor(opened.fractionRead() * 100));
}

async function download(deps: ImportDeps, record: ImportRecord, file: string): Promise<void> {
  const body = await deps.blobs.get(record.blobKey);
  if (!body) throw new Error(`the upload of import ${record.id} is missing from blob storage`);
  await mkdir(path.dirname(file), { recursive: true });
  await pipeline(body, createWriteStream(file));
}

/** A batch stored by an earlier run (a crash) was normalized then: its rejections are on record. */
async function storedRejections(deps: ImportDeps, person: PersonRef, rawId: string): Promise<{ rejections: SampleRejection[]; rejected: number }> {
  const summary = await deps.tx.withTenant(person, (sql) => deps.ingest.rawPayloads.get(sql, person, rawId));
  return { rejections: summary?.rejections ?? [], rejected: summary?.rejectedCount ?? 0 };
}
