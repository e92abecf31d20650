import type { JobHandler, Mailer } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Sends mail outside the request, so an SMTP outage retries instead of failing the caller. */
export function sendMailProcessor(mailer: Mailer): JobHandler {
  return async (job) => {
    const { tenantId, message } = jobs['mail.send.v1'].parse(job.payload);
    await mailer.send({ ...message, tenantId });
  };
}
