import type { ImportDeps } from '../../app/imports/import-deps.ts';
import type { IngestDeps } from '../../app/ingest/ingest-deps.ts';
import type { JobHandler, Mailer } from '../../app/ports.ts';
import type { JobName } from '../../contracts/jobs.ts';
import { normalizeSamplesProcessor } from './normalize-samples.processor.ts';
import { recomputeDailyProcessor } from './recompute-daily.processor.ts';
import { runImportProcessor } from './run-import.processor.ts';
import { sendMailProcessor } from './send-mail.processor.ts';

export interface ProcessorDeps {
  mailer: Mailer;
  ingest: IngestDeps;
  imports: ImportDeps;
}

/** The handler for every job name; a job without one would sit in the queue forever. */
export function createProcessors(deps: ProcessorDeps): Record<JobName, JobHandler> {
  return {
    'mail.send.v1': sendMailProcessor(deps.mailer),
    'ingest.normalize.v1': normalizeSamplesProcessor(deps.ingest),
    'ingest.recompute-daily.v1': recomputeDailyProcessor(deps.ingest),
    'import.run.v1': runImportProcessor(deps.imports),
  };
}
