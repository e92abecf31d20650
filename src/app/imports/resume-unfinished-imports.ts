import { IMPORT_ATTEMPTS, IMPORT_JOB, type ImportDeps } from './import-deps.ts';

const LIMIT = 1000;

/**
 * At start: imports a crash left queued or running get their job again. The job id is the
 * import's, so one still in the queue is not queued twice. Returns how many it looked at.
 */
export async function resumeUnfinishedImports(deps: Pick<ImportDeps, 'tx' | 'imports' | 'queue'>): Promise<number> {
  const unfinished = await deps.tx.withSystem('imports: find imports a crash left unfinished (start-up sweep)', (sql) => deps.imports.unfinished(sql, LIMIT));
  for (const item of unfinished) {
    await deps.queue.enqueue(IMPORT_JOB, { tenantId: item.tenantId, userId: item.userId, importId: item.id }, { jobId: item.id, attempts: IMPORT_ATTEMPTS });
  }
  return unfinished.length;
}
