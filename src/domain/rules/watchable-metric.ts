import { METRICS, getMetric } from '../metrics/catalog.ts';
import type { MetricDefinition } from '../metrics/metric.ts';

/** Rules compare numbers, so a categorical metric (a sleep stage's name) cannot be watched. */
const isWatchable = (metric: MetricDefinition): boolean => metric.categories === undefined;

export const WATCHABLE_METRIC_IDS: readonly string[] = METRICS.filter(isWatchable).map((metric) => metric.id);

export function watchableMetric(id: string): MetricDefinition | undefined {
  const metric = getMetric(id);
  return metric && isWatchable(metric) ? metric : undefined;
}
