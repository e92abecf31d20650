import type { JobPayloadOf } from '../../contracts/jobs.ts';
import type { Queue } from '../ports.ts';

/**
 * Mail goes through the queue, after the transaction that caused it has committed: an SMTP
 * outage retries instead of failing the request, and nothing is sent for a rolled-back change.
 */
export async function queueMail(queue: Queue, payload: JobPayloadOf<'mail.send.v1'>): Promise<void> {
  await queue.enqueue('mail.send.v1', payload);
}
