import type { DaySample } from '../../app/ports.ts';
import { isoInstant } from '../../domain/ingest/iso-format.ts';

const epochMs = (column: string) => `round(date_part('epoch', ${column}) * 1000)::int8::text`;

/**
 * What a day's rollup needs of its samples (`s`), as few rows as the day has kinds of sample:
 * one per (source, whole_day, not_worn, category, external_id), with the values, starts, ends
 * and revision times of its samples as comma-separated lists, in one order. Instants are epoch
 * milliseconds; an empty element is an end equal to the start, or no revision time. Far
 * cheaper on both sides than a JSON array per sample. The device is left out: stored rows are
 * unique per key, so it never decides between them.
 */
export const DAY_SAMPLE_GROUPS = `s.source, s.whole_day as "wholeDay", s.not_worn as "notWorn", s.category, s.external_id as "externalId",
    string_agg(s.value::text, ',') as values, string_agg(${epochMs('s.start_at')}, ',') as starts,
    string_agg(case when s.end_at <> s.start_at then ${epochMs('s.end_at')} else '' end, ',') as ends,
    string_agg(coalesce(${epochMs('s.recorded_at')}, ''), ',') as recorded`;
export const DAY_SAMPLE_GROUPING = 's.source, s.whole_day, s.not_worn, s.category, s.external_id';

export interface DaySampleGroup {
  metric: string;
  localDate: string;
  source: string;
  wholeDay: boolean;
  notWorn: boolean;
  category: string | null;
  externalId: string | null;
  values: string;
  starts: string;
  ends: string;
  recorded: string;
}

/** The samples of one group, appended to `into`. */
export function addDaySamples(group: DaySampleGroup, into: DaySample[]): void {
  const values = group.values.split(',');
  const starts = group.starts.split(',');
  const ends = listOfSome(group.ends, values.length);
  const recorded = listOfSome(group.recorded, values.length);
  for (let i = 0; i < values.length; i += 1) {
    const start = isoInstant(Number(starts[i]));
    const end = ends?.[i];
    const sample: DaySample = { metric: group.metric, localDate: group.localDate, source: group.source, value: Number(values[i]), start, end: end ? isoInstant(Number(end)) : start };
    if (group.wholeDay) sample.wholeDay = true;
    if (group.notWorn) sample.notWorn = true;
    if (group.category !== null) sample.category = group.category;
    const recordedAt = recorded?.[i];
    if (recordedAt) sample.recordedAt = isoInstant(Number(recordedAt));
    if (group.externalId !== null) sample.externalId = group.externalId;
    into.push(sample);
  }
}

/** The elements of a list, or undefined when all of them are empty (only separators). */
function listOfSome(list: string, count: number): string[] | undefined {
  return list.length === count - 1 ? undefined : list.split(',');
}
