import { SAMPLES_INGESTED } from '../ingest/ingest-deps.ts';
import { rollUpDays } from '../ingest/roll-up-days.ts';
import type { MetricDay, PersonRef } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';

/** (metric, day)s per transaction: each holds the person's lock only that long. */
const METRIC_DAYS_PER_STEP = 200;
const DAY_MS = 86_400_000;

/**
 * Deletes the person's samples of `source` (only the document `externalId`'s, when given) and
 * recomputes the daily values of the days they were on, a slice at a time under the person's
 * lock; tells listeners the data changed. Returns the (metric, day)s touched.
 */
export async function deleteSourceSamples(deps: ConnectionDeps, person: PersonRef, source: string, externalId?: string): Promise<number> {
  const touched: MetricDay[] = [];
  for (;;) {
    const days = await deps.tx.withTenant(person, async (sql) => {
      await deps.ingest.samples.lockPerson(sql, person);
      const emptied = await deps.connections.sourceData.deleteSamples(sql, person, source, {
        ...(externalId !== undefined && { externalId }),
        maxMetricDays: METRIC_DAYS_PER_STEP,
      });
      await rollUpDays(deps.ingest, sql, person, emptied, deps.clock.now());
      return emptied;
    });
    if (days.length === 0) break;
    touched.push(...days);
  }
  if (touched.length > 0) await announce(deps, person, touched);
  return touched.length;
}

/** Local days, stretched a day each way to cover them in any zone. */
async function announce(deps: ConnectionDeps, person: PersonRef, days: readonly MetricDay[]): Promise<void> {
  const dates = days.map((d) => d.date).sort();
  const from = new Date(Date.parse(`${dates[0]}T00:00:00Z`) - DAY_MS).toISOString();
  const to = new Date(Date.parse(`${dates[dates.length - 1]}T00:00:00Z`) + 2 * DAY_MS).toISOString();
  const metrics = [...new Set(days.map((d) => d.metric))].sort();
  try {
    await deps.pubsub.publish(SAMPLES_INGESTED, { ...person, metrics, from, to });
  } catch (error) {
    deps.logger.warn({ err: error, tenantId: person.tenantId, channel: SAMPLES_INGESTED }, 'could not publish samples.ingested');
  }
}
