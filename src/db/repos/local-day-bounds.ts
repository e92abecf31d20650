import { isoDate } from '../../domain/ingest/iso-format.ts';
import { localDayReach } from '../../domain/ingest/local-day.ts';
import { getMetric } from '../../domain/metrics/index.ts';

const DAY_MS = 86_400_000;

/** Days between a sample's local day and the UTC date of its start, at most, for every metric of the catalog. */
export const WIDEST_LOCAL_DAY_REACH = 3;

/**
 * The local days that samples of these metrics starting in [first, last] (ISO instants) can
 * be counted towards: what bounds a read of stored samples by the day index to the span a read
 * by the key would cover.
 */
export function localDaysOfStarts(metrics: Iterable<string>, first: string, last: string): [string, string] {
  let before = 0;
  let after = 0;
  for (const id of metrics) {
    const metric = getMetric(id);
    const reach = metric ? localDayReach(metric) : { before: WIDEST_LOCAL_DAY_REACH, after: WIDEST_LOCAL_DAY_REACH };
    before = Math.max(before, reach.before);
    after = Math.max(after, reach.after);
  }
  return [isoDate(Date.parse(first) - before * DAY_MS), isoDate(Date.parse(last) + after * DAY_MS)];
}

/**
 * `items` by the month (`YYYY-MM`) their date or instant falls in, each month's in the order
 * they came: a statement per month is planned over the few partitions its rows can lie in.
 */
export function byMonth<T>(items: readonly T[], dateOf: (item: T) => string): T[][] {
  const months = new Map<string, T[]>();
  for (const item of items) {
    const month = dateOf(item).slice(0, 7);
    const list = months.get(month);
    if (list) list.push(item);
    else months.set(month, [item]);
  }
  return [...months.values()];
}
