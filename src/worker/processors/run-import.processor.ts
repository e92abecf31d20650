import type { ImportDeps } from '../../app/imports/import-deps.ts';
import { runImport } from '../../app/imports/run-import.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Reads one uploaded file into samples, as the person who uploaded it. */
export function runImportProcessor(deps: ImportDeps): JobHandler {
  return async (job) => {
    await runImport(deps, jobs['import.run.v1'].parse(job.payload), { attempt: job.attempt });
  };
}
