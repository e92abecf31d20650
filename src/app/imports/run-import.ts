import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isAppError } from '../errors.ts';
import type { ImportProgress, ImportRecord, OpenedImport, PersonRef } from '../ports.ts';
import { IMPORT_ATTEMPTS, type ImportDeps } from './import-deps.ts';
import { ImportReport } from './import-report.ts';
import { storeImportBatches } from './store-import-batches.ts';

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
/** The progress a running import shows is saved at most this often (and at its end, or when it stops). */
const PROGRESS_SAVE_MS = 1000;

/**
 * Reads an uploaded file and stores it batch by batch (storeImportBatches). Safe to run again
 * after a crash: each batch commits whole with a marker under a key made of the import and its
 * position, so a batch stored before is skipped and the result equals one clean run. A file
 * its reader refuses fails the import at once, with the reason; other failures are retried by
 * the queue.
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
  let savedAt = deps.clock.now().getTime();
  const saveRunning = async (reader: OpenedImport) => {
    const progress = report.progress('running', percent(reader), reader);
    const now = deps.clock.now().getTime();
    if (now - savedAt < PROGRESS_SAVE_MS) return options.onProgress?.(progress);
    savedAt = now;
    await save(progress);
  };
  await save({ ...report.progress('running', 0, { skipped: [], skippedCount: 0 }), startedAt: deps.clock.now() });

  const file = path.join(deps.importSettings.workDir, `${record.id}.upload`);
  let opened: OpenedImport | undefined;
  try {
    await download(deps, record, file);
    const reader = await deps.importers.open(file, record.format, { ...record.options, batchSize: Math.min(BATCH_SAMPLES, deps.settings.maxBatchSamples) });
    opened = reader;
    await storeImportBatches(deps, person, record.id, reader.batches, async (tally) => {
      report.add(tally);
      await saveRunning(reader);
    });
    const done = { ...report.progress('succeeded', 100, opened), finishedAt: deps.clock.now() };
    await save(done);
    return done;
  } catch (error) {
    const refused = isAppError(error);
    if (!refused && (options.attempt ?? IMPORT_ATTEMPTS) < IMPORT_ATTEMPTS) {
      // The queue tries again; meanwhile the import shows what was stored.
      if (opened) await save(report.progress('running', percent(opened), opened)).catch(() => undefined);
      throw error;
    }
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
