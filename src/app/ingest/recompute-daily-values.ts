import type { PersonRef } from '../ports.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { rollUpDays } from './roll-up-days.ts';

/** Days recomputed per transaction. */
const DAYS_PER_STEP = 62;

/**
 * Every daily value of one metric of one person, recomputed from its samples (after the
 * person reordered its sources), a couple of months per transaction under the person's lock.
 * Idempotent: running it again recomputes the same values.
 */
export async function recomputeDailyValues(deps: Pick<IngestDeps, 'tx' | 'ingest' | 'clock'>, job: PersonRef & { metric: string }): Promise<number> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  let after: string | undefined;
  let recomputed = 0;
  for (;;) {
    const dates = await deps.tx.withTenant(person, async (sql) => {
      await deps.ingest.samples.lockPerson(sql, person);
      const page = await deps.ingest.dailyValues.dates(sql, person, job.metric, after, DAYS_PER_STEP);
      await rollUpDays(deps.ingest, sql, person, page.map((date) => ({ metric: job.metric, date })), deps.clock.now());
      return page;
    });
    recomputed += dates.length;
    if (dates.length < DAYS_PER_STEP) return recomputed;
    after = dates[dates.length - 1];
  }
}
