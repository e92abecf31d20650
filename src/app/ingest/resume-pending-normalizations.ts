import type { IngestDeps } from './ingest-deps.ts';
import { enqueueNormalization } from './ingest-samples.ts';

const PAGE = 500;

/**
 * At start: every batch still pending (its process died between storing it and queueing its
 * normalization, or while normalizing it) gets its normalization job again. The job id is the
 * batch's, so a batch whose job is still queued or running is not queued twice, and a batch
 * normalized meanwhile is skipped by the job. Returns how many batches it looked at.
 */
export async function resumePendingNormalizations(deps: Pick<IngestDeps, 'tx' | 'ingest' | 'queue'>): Promise<number> {
  let after: { receivedAt: string; id: string } | undefined;
  let seen = 0;
  for (;;) {
    const page = await deps.tx.withSystem('ingest: find batches a crash left pending (start-up sweep)', (sql) =>
      deps.ingest.rawPayloads.listPending(sql, after, PAGE),
    );
    for (const raw of page) await enqueueNormalization(deps, raw, raw);
    seen += page.length;
    if (page.length < PAGE) return seen;
    const last = page[page.length - 1]!;
    after = { receivedAt: last.receivedAt, id: last.id };
  }
}
