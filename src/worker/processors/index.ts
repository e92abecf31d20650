import type { JobHandler, Mailer } from '../../app/ports.ts';
import type { JobName } from '../../contracts/jobs.ts';
import { sendMailProcessor } from './send-mail.processor.ts';

export interface ProcessorDeps {
  mailer: Mailer;
}

/** The handler for every job name; a job without one would sit in the queue forever. */
export function createProcessors(deps: ProcessorDeps): Record<JobName, JobHandler> {
  return {
    'mail.send.v1': sendMailProcessor(deps.mailer),
  };
}
