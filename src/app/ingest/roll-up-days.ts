import { rollupDay, type DailyValue } from '../../domain/ingest/index.ts';
import { getMetric } from '../../domain/metrics/index.ts';
import type { DaySample, IngestRepos, MetricDay, PersonRef, Sql } from '../ports.ts';

const dayKey = (metric: string, date: string) => `${metric}\u0000${date}`;

/**
 * Recomputes the daily values of the given (metric, local day)s of one person from every
 * sample of those days and the person's source priority; a day left without samples loses
 * its value. Runs inside the caller's transaction, which must hold the person's lock.
 */
export async function rollUpDays(repos: IngestRepos, sql: Sql, person: PersonRef, days: readonly MetricDay[], at: Date): Promise<void> {
  const metrics = [...new Set(days.map((d) => d.metric))];
  if (metrics.length === 0) return;
  await rollUpDaysByPriority(repos, sql, person, days, await repos.sourcePriorities.priorities(sql, person, metrics), at);
}

/** rollUpDays for a caller that has read the person's source priorities (by metric) already. */
export async function rollUpDaysByPriority(
  repos: IngestRepos,
  sql: Sql,
  person: PersonRef,
  days: readonly MetricDay[],
  priorities: ReadonlyMap<string, readonly string[]>,
  at: Date,
): Promise<void> {
  const unique = new Map(days.map((d) => [dayKey(d.metric, d.date), d]));
  if (unique.size === 0) return;
  const wanted = [...unique.values()];
  const samples = await repos.samples.forDays(sql, person, wanted);

  const byDay = new Map<string, DaySample[]>();
  for (const sample of samples) {
    const key = dayKey(sample.metric, sample.localDate);
    const list = byDay.get(key);
    if (list) list.push(sample);
    else byDay.set(key, [sample]);
  }

  const values: DailyValue[] = [];
  const emptied: MetricDay[] = [];
  for (const day of wanted) {
    const metric = getMetric(day.metric);
    const daySamples = byDay.get(dayKey(day.metric, day.date)) ?? [];
    const value = metric ? rollupDay({ metric, date: day.date, samples: daySamples, priority: priorities.get(day.metric) ?? [] }) : undefined;
    if (value) values.push(value);
    else emptied.push(day);
  }
  await repos.dailyValues.upsert(sql, person, values, at);
  await repos.dailyValues.delete(sql, person, emptied);
}
