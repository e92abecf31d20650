import type { MetricDefinition } from './metric.ts';
import { parseSleepStage } from './sleep-stages.ts';
import { parseWorkoutActivity } from './workout-activities.ts';

const PARSERS: ReadonlyMap<string, (value: string) => string | undefined> = new Map<string, (value: string) => string | undefined>([
  ['sleep_stage', parseSleepStage],
  ['workout', parseWorkoutActivity],
]);

/** The category a categorical metric's value names, in the catalog's spelling; undefined when it names none. */
export function parseCategory(metric: MetricDefinition, value: string): string | undefined {
  const category = PARSERS.get(metric.id)?.(value);
  return category !== undefined && metric.categories?.includes(category) ? category : undefined;
}
