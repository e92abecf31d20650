import { isoDate } from '../../../domain/ingest/iso-format.ts';
import { platformSchedule } from '../../platform-schedule.ts';
import type { PersonRef } from '../../ports.ts';
import { NIGHTLY_CORRELATIONS_JOB, REFRESH_CORRELATIONS_JOB, type InsightDeps } from '../insight-deps.ts';
import { CORRELATION_REPORT_VERSION } from './correlation-variables.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** 03:00 UTC: the quiet hours of Europe and Africa, the evening of the Americas; the result does not depend on the hour. */
const RUN_AT_UTC_MS = 3 * HOUR_MS;
/** Reports computed this long before the run are due, so last night's are again and this evening's (after new data) are not. */
const DUE_AFTER_MS = 20 * HOUR_MS;
const PAGE = 500;

/** Slot `n` is night `n` (days since the epoch), its run at 03:00 UTC. */
export const nightlySchedule = platformSchedule(NIGHTLY_CORRELATIONS_JOB, 'correlations-nightly', DAY_MS, RUN_AT_UTC_MS);

/**
 * Nightly, after queueing the next night's run: a refresh of every correlation report the
 * day left behind — the person's data changed after it was computed (data that landed after
 * the day's automatic refresh, which runs once per person and day) or it was computed by an
 * older method. Reports whose data did not change would come out the same and are left alone.
 * Finding them is a platform sweep across tenants (a system read of ids); each refresh runs as
 * its person. Returns the people queued.
 */
export async function refreshStaleCorrelations(deps: InsightDeps, slot: number): Promise<PersonRef[]> {
  await nightlySchedule.scheduleAfter(deps, slot);
  const computedBefore = new Date(deps.clock.now().getTime() - DUE_AFTER_MS);
  const night = isoDate(nightlySchedule.runAt(slot));
  const queued: PersonRef[] = [];
  let after: PersonRef | undefined;
  for (;;) {
    const page = await deps.tx.withSystem('nightly correlations: find the stale reports of every tenant', (sql) =>
      deps.insight.correlationReports.stale(sql, { computedBefore, version: CORRELATION_REPORT_VERSION, ...(after ? { after } : {}), limit: PAGE }),
    );
    for (const person of page) {
      await deps.queue.enqueue(REFRESH_CORRELATIONS_JOB, { tenantId: person.tenantId, userId: person.userId }, { jobId: `correlations-nightly:${person.tenantId}:${person.userId}:${night}` });
    }
    queued.push(...page);
    if (page.length < PAGE) return queued;
    after = page[page.length - 1];
  }
}
