import { getMetric } from '../../metrics/catalog.ts';

/** Ids of the daily series the correlation runner reads, beyond metric ids. */
export const TAG_PREFIX = 'tag:';
export const JOURNAL_PREFIX = 'journal:';
export const READINESS_SERIES_ID = 'readiness';

/** Everyday words for the ids that appear in sentences most; catalog names cover the rest. */
const PLAIN_LABELS: Readonly<Record<string, string>> = {
  hrv_rmssd: 'HRV',
  hrv_sdnn: 'HRV (SDNN)',
  resting_heart_rate: 'resting heart rate',
  sleep_duration: 'sleep',
  steps: 'steps',
  [READINESS_SERIES_ID]: 'readiness score',
};

const DURATION_IDS = new Set(['sleep_duration', 'time_in_bed', 'sleep_deep', 'sleep_rem', 'sleep_light', 'exercise_minutes']);

/** How a rise and a fall of the series read: sleep gets longer, not higher. */
export function directionWords(id: string): { readonly up: string; readonly down: string } {
  return DURATION_IDS.has(id) ? { up: 'longer', down: 'shorter' } : { up: 'higher', down: 'lower' };
}

/** A tag is a 0/1 series (was it tagged that day); every other driver is continuous. */
export function isBinaryDriver(id: string): boolean {
  return id.startsWith(TAG_PREFIX);
}

/** How a series is named in a sentence: `tag:late_meal` -> "late meal", `hrv_rmssd` -> "HRV". */
export function labelOf(id: string): string {
  const plain = PLAIN_LABELS[id];
  if (plain) return plain;
  const prefix = [TAG_PREFIX, JOURNAL_PREFIX].find((p) => id.startsWith(p));
  if (prefix) return id.slice(prefix.length).replaceAll('_', ' ');
  const metric = getMetric(id);
  return metric ? metric.name.replace(/\s*\(.*\)$/, '').toLowerCase() : id.replaceAll('_', ' ');
}
