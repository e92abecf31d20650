import type { CorrelationVariable, DailyPoint } from '../analytics/index.ts';
import { JOURNAL_PREFIX, TAG_PREFIX } from '../analytics/index.ts';

/** What the analytics read of one journal entry: never its text. */
export interface CheckIn {
  readonly date: string;
  readonly mood: number | null;
  readonly energy: number | null;
  readonly stress: number | null;
  readonly tags: readonly string[];
}

export const CHECK_IN_FIELDS = ['mood', 'energy', 'stress'] as const;

/**
 * A tag is correlated once it was used on this many days: with fewer, a rank correlation over
 * a hundred untagged days says nothing, yet it would still count against the others in the
 * false-discovery correction.
 */
export const MIN_TAGGED_DAYS = 5;

function byDate(checkIns: readonly CheckIn[]): Map<string, CheckIn[]> {
  const days = new Map<string, CheckIn[]>();
  for (const checkIn of checkIns) days.set(checkIn.date, [...(days.get(checkIn.date) ?? []), checkIn]);
  return days;
}

function meanOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Daily series of the journal as correlation drivers: `journal:mood` (and energy, stress) as
 * the mean of the day's entries, and `tag:<tag>` as 1 on days with an entry carrying the tag
 * and 0 on days with entries but not that tag. Days without any entry are unknown, not 0.
 */
export function checkInVariables(checkIns: readonly CheckIn[]): CorrelationVariable[] {
  const days = [...byDate(checkIns)].sort(([a], [b]) => (a < b ? -1 : 1));
  const fields = CHECK_IN_FIELDS.map((field): CorrelationVariable => ({
    id: `${JOURNAL_PREFIX}${field}`,
    series: days.map(([date, entries]): DailyPoint => ({ date, value: meanOf(entries.flatMap((e) => (e[field] === null ? [] : [e[field]]))) })),
  })).filter((variable) => variable.series.some((point) => point.value !== null));
  const taggedDays = new Map<string, number>();
  for (const [, entries] of days) for (const tag of new Set(entries.flatMap((e) => e.tags))) taggedDays.set(tag, (taggedDays.get(tag) ?? 0) + 1);
  const tags = [...taggedDays].filter(([, count]) => count >= MIN_TAGGED_DAYS).map(([tag]) => tag).sort();
  const tagVariables = tags.map((tag): CorrelationVariable => ({
    id: `${TAG_PREFIX}${tag}`,
    series: days.map(([date, entries]) => ({ date, value: entries.some((e) => e.tags.includes(tag)) ? 1 : 0 })),
  }));
  return [...fields, ...tagVariables];
}
