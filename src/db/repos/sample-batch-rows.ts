import type { CanonicalSample } from '../../domain/ingest/index.ts';
import { instantMs } from '../../domain/ingest/iso-format.ts';

/**
 * A column of a batch: its SQL type, its value in a sample, and how a value travels when it
 * varies across the batch. Numbers, dates and booleans go as one comma-separated text split in
 * SQL (`list`), instants the same as milliseconds from the batch's first start (`instant`):
 * far cheaper on both sides than a Postgres array, whose elements the driver escapes one by
 * one and Postgres parses one by one. Free text goes as an array, which escapes it.
 */
interface Column {
  name: string;
  type: string;
  value: (s: CanonicalSample) => unknown;
  list?: (s: CanonicalSample) => string | number;
  instant?: (s: CanonicalSample) => string | undefined;
  /** What tells whether the column varies, when `value` is costly to make (JSON). */
  same?: (s: CanonicalSample) => unknown;
}

/** The columns a batch carries, in the order of the samples table. */
const BATCH_COLUMNS: readonly Column[] = [
  { name: 'metric', type: 'text', value: (s) => s.metric },
  { name: 'source', type: 'text', value: (s) => s.source },
  { name: 'start_at', type: 'timestamptz', value: (s) => s.start, instant: (s) => s.start },
  { name: 'end_at', type: 'timestamptz', value: (s) => s.end, instant: (s) => s.end },
  { name: 'value', type: 'float8', value: (s) => s.value, list: (s) => s.value },
  { name: 'utc_offset_minutes', type: 'int2', value: (s) => s.utcOffsetMinutes, list: (s) => s.utcOffsetMinutes },
  { name: 'local_date', type: 'date', value: (s) => s.localDate, list: (s) => s.localDate },
  { name: 'category', type: 'text', value: (s) => s.category ?? null },
  { name: 'device', type: 'text', value: (s) => s.device ?? null },
  { name: 'external_id', type: 'text', value: (s) => s.externalId ?? null },
  { name: 'whole_day', type: 'bool', value: (s) => s.wholeDay, list: (s) => (s.wholeDay ? 't' : 'f') },
  { name: 'not_worn', type: 'bool', value: (s) => s.notWorn === true, list: (s) => (s.notWorn ? 't' : 'f') },
  { name: 'recorded_at', type: 'timestamptz', value: (s) => s.recordedAt ?? null, instant: (s) => s.recordedAt },
  { name: 'details', type: 'jsonb', value: (s) => (s.details === undefined ? null : JSON.stringify(s.details)), same: (s) => s.details ?? null },
];

export const BATCH_COLUMN_NAMES: readonly string[] = BATCH_COLUMNS.map((c) => c.name);

/** The one value a column holds across the batch, or `varies`. */
const VARIES = Symbol('varies');
function sharedValue(samples: readonly CanonicalSample[], value: (s: CanonicalSample) => unknown): unknown {
  const first = value(samples[0]!);
  for (let i = 1; i < samples.length; i += 1) if (value(samples[i]!) !== first) return VARIES;
  return first;
}

function joined(samples: readonly CanonicalSample[], element: (s: CanonicalSample) => string | number): string {
  let text = '';
  for (let i = 0; i < samples.length; i += 1) text += i === 0 ? `${element(samples[i]!)}` : `,${element(samples[i]!)}`;
  return text;
}

/**
 * A batch (not empty) as a SELECT of rows for SQL, its parameters numbered from `firstParam`:
 * a single parameter for a column that holds one value across the batch (one metric, one
 * source and device, no category, ... is the rule for a batch from one device), and one list
 * or array per column that varies, unnested together. A point reading's end is its start.
 */
export function batchRows(samples: readonly CanonicalSample[], firstParam: number): { select: string; params: unknown[] } {
  const params: unknown[] = [];
  const lists: string[] = [];
  const names: string[] = [];
  const add = (value: unknown) => `$${firstParam + params.push(value) - 1}`;
  const base = samples[0]!.start;
  const baseMs = instantMs(base);
  let baseParam: string | undefined;
  const pointReadings = samples.every((s) => s.end === s.start);
  const exprs: string[] = [];
  for (const { name, type, value, list, instant, same } of BATCH_COLUMNS) {
    if (name === 'end_at' && pointReadings) {
      exprs.push(exprs[exprs.length - 1]!);
      continue;
    }
    const shared = name === 'start_at' ? VARIES : sharedValue(samples, same ?? value);
    if (shared !== VARIES) {
      exprs.push(`${add(same ? value(samples[0]!) : shared)}::${type}`);
      continue;
    }
    names.push(name);
    if (instant) {
      baseParam ??= add(base);
      lists.push(`string_to_array(${add(joined(samples, (s) => offsetMs(instant(s), baseMs)))}, ',')`);
      // An empty element is no instant.
      exprs.push(`${baseParam}::timestamptz + nullif(u.${name}, '')::int8 * interval '1 ms'`);
    } else if (list) {
      lists.push(`string_to_array(${add(joined(samples, list))}, ',')`);
      exprs.push(`u.${name}::${type}`);
    } else {
      lists.push(`${add(samples.map(value))}::${type}[]`);
      exprs.push(`u.${name}`);
    }
  }
  const select = `select ${exprs.map((e, c) => `${e} as ${BATCH_COLUMNS[c]!.name}`).join(', ')}
                    from unnest(${lists.join(', ')}) as u (${names.join(', ')})`;
  return { select, params };
}

/** Milliseconds from `baseMs` (small numbers, quick to write), or '' for none. */
function offsetMs(iso: string | undefined, baseMs: number): number | string {
  return iso === undefined ? '' : instantMs(iso) - baseMs;
}
