import type { DaySample, MetricDay, SampleRepo, SampleView, StoredRevision } from '../../app/ports.ts';
import type { CanonicalSample } from '../../domain/ingest/index.ts';
import { isoInstant } from '../../domain/ingest/iso-format.ts';

/** An instant as the API and the domain write it, `YYYY-MM-DDTHH:mm:ss.sssZ` (for a few rows; many rows go out as epoch ms). */
const isoText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * `a` is a newer revision than `b`: the order of compareRevisions (src/domain/ingest/dedup.ts)
 * for two rows of one key: recorded_at (unknown is oldest), then the content, text compared
 * byte-wise as JavaScript does. Strict, so a sample sent again as it is stored writes nothing.
 */
const newer = (a: string, b: string) =>
  `(coalesce(${a}.recorded_at, '-infinity'), ${a}.end_at, ${a}.value,
    coalesce(${a}.category, '') collate "C", coalesce(${a}.external_id, '') collate "C", coalesce(${a}.device, '') collate "C")
   > (coalesce(${b}.recorded_at, '-infinity'), ${b}.end_at, ${b}.value,
    coalesce(${b}.category, '') collate "C", coalesce(${b}.external_id, '') collate "C", coalesce(${b}.device, '') collate "C")`;

type Column = readonly [name: string, type: string, value: (s: CanonicalSample) => unknown];

/** The columns a batch carries, in the order of the samples table's insert below. */
const BATCH_COLUMNS: readonly Column[] = [
  ['metric', 'text', (s) => s.metric],
  ['source', 'text', (s) => s.source],
  ['start_at', 'timestamptz', (s) => s.start],
  ['end_at', 'timestamptz', (s) => s.end],
  ['value', 'float8', (s) => s.value],
  ['utc_offset_minutes', 'int2', (s) => s.utcOffsetMinutes],
  ['local_date', 'date', (s) => s.localDate],
  ['category', 'text', (s) => s.category ?? null],
  ['device', 'text', (s) => s.device ?? null],
  ['external_id', 'text', (s) => s.externalId ?? null],
  ['whole_day', 'bool', (s) => s.wholeDay],
  ['not_worn', 'bool', (s) => s.notWorn === true],
  ['recorded_at', 'timestamptz', (s) => s.recordedAt ?? null],
];
const COLUMNS = BATCH_COLUMNS.map(([name]) => name).join(', ');

/** The one value a column holds across the batch, or `varies`. */
const VARIES = Symbol('varies');
function sharedValue(samples: readonly CanonicalSample[], value: (s: CanonicalSample) => unknown): unknown {
  const first = value(samples[0]!);
  for (let i = 1; i < samples.length; i += 1) if (value(samples[i]!) !== first) return VARIES;
  return first;
}

/**
 * A batch as rows for SQL: one array per column that varies (unnest), and a single parameter
 * for a column that holds one value across the batch (one metric, one source and device, no
 * category, ... is the rule for a batch from one device). Postgres parses every array element
 * on its own, so sending 3 arrays instead of 13 is most of the cost of a batch's statement.
 */
function batchRows(samples: readonly CanonicalSample[], firstParam: number): { select: string; params: unknown[] } {
  const params: unknown[] = [];
  const arrays: string[] = [];
  const names: string[] = [];
  const add = (value: unknown) => `$${firstParam + params.push(value) - 1}`;
  const pointReadings = samples.every((s) => s.end === s.start);
  const exprs = BATCH_COLUMNS.map(([name, type, value]) => {
    if (name === 'end_at' && pointReadings) return 'u.start_at';
    const shared = name === 'start_at' ? VARIES : sharedValue(samples, value);
    if (shared !== VARIES) return `${add(shared)}::${type}`;
    arrays.push(`${add(samples.map(value))}::${type}[]`);
    names.push(name);
    return `u.${name}`;
  });
  const select = `select ${exprs.map((e, c) => `${e} as ${BATCH_COLUMNS[c]![0]}`).join(', ')}
                    from unnest(${arrays.join(', ')}) as u (${names.join(', ')})`;
  return { select, params };
}

const epochMs = (column: string) => `date_part('epoch', ${column}) * 1000`;
const epochMsInt = (column: string) => `round(date_part('epoch', ${column}) * 1000)::int8`;

/**
 * One statement per batch ($1 tenant, $2 person, $3 raw payload, $4..$5 the batch's first and
 * last start, then the batch). Each sample is matched once with the row stored under its key
 * (a range scan of the batch's span, or one probe per sample for a batch spread thin over a
 * long span); samples with no stored row are inserted, and those whose stored revision is
 * older are listed for `revise`. A batch sent again thus writes nothing. Returns the rows
 * written grouped by (metric, local day), then one row per stored revision the batch
 * supersedes (`source` not null), with the local day it had.
 * A plain INSERT, not ON CONFLICT: the caller holds the person's lock, so no other writer can
 * add one of these keys meanwhile (and if one did, the unique key would stop the transaction).
 */
function insertNew(rows: string, probe: 'range' | 'each'): string {
  const key = `s.tenant_id = $1::uuid and s.user_id = $2::uuid and s.metric = i.metric and s.start_at = i.start_at and s.source = i.source
               and s.start_at >= $4::timestamptz and s.start_at <= $5::timestamptz`;
  const stored = probe === 'range' ? `left join samples s on ${key}` : `left join lateral (select * from samples s where ${key}) s on true`;
  return `
with input as materialized (${rows}),
matched as materialized (
  select i.*, s.start_at is not null as stored, s.local_date as stored_local_date,
         s.start_at is not null and ${newer('i', 's')} as revises
    from input i
    ${stored}
),
fresh as (
  insert into samples (tenant_id, user_id, ${COLUMNS}, raw_id)
  select $1::uuid, $2::uuid, ${BATCH_COLUMNS.map(([name]) => `m.${name}`).join(', ')}, $3::uuid
    from matched m
   where not m.stored
  returning metric, local_date, start_at, end_at
)
select f.metric, f.local_date::text as "localDate", null::text as source, count(*)::int as count,
       ${epochMs('min(f.start_at)')} as "fromMs", ${epochMs('max(f.end_at)')} as "toMs"
  from fresh f
 group by f.metric, f.local_date
union all
select m.metric, m.stored_local_date::text, m.source, 0, ${epochMs('m.start_at')}, null
  from matched m
 where m.revises`;
}

/** Replaces older stored revisions with the batch's newer ones (rechecked against the row). */
function revise(rows: string): string {
  return `
update samples s
   set end_at = i.end_at, value = i.value, utc_offset_minutes = i.utc_offset_minutes, local_date = i.local_date,
       category = i.category, device = i.device, external_id = i.external_id, whole_day = i.whole_day,
       not_worn = i.not_worn, recorded_at = i.recorded_at, raw_id = $3::uuid
  from (${rows}) i
 where s.tenant_id = $1::uuid and s.user_id = $2::uuid and s.metric = i.metric and s.start_at = i.start_at and s.source = i.source
   and s.start_at >= $4::timestamptz and s.start_at <= $5::timestamptz
   and ${newer('i', 's')}
returning s.metric, s.local_date::text as "localDate", s.source, 1 as count, ${epochMs('s.start_at')} as "fromMs", ${epochMs('s.end_at')} as "toMs"`;
}

/** Past this span a batch's stored neighbours are probed one by one rather than read as a range. */
const RANGE_PROBE_MAX_SPAN_MS = 2 * 86_400_000;

/**
 * What a day's rollup needs of each sample: per (metric, local day) one JSON array of
 * [source, value, start, end, whole_day, not_worn, category, recorded_at, external_id] with
 * instants as epoch milliseconds and no end for a point reading. Parsed by JSON.parse and
 * formatted in JavaScript, this costs a fraction of a row per sample through the driver. The
 * device is left out: stored rows are unique per key, so it never decides between them.
 */
const DAY_SAMPLES = `json_agg(json_build_array(
    s.source, s.value, ${epochMsInt('s.start_at')}, case when s.end_at <> s.start_at then ${epochMsInt('s.end_at')} end,
    s.whole_day, s.not_worn, s.category, ${epochMsInt('s.recorded_at')}, s.external_id))`;

type DayTuple = [string, number, number, number | null, boolean, boolean, string | null, number | null, string | null];

function daySample(metric: string, localDate: string, t: DayTuple): DaySample {
  const start = isoInstant(t[2]);
  const sample: DaySample = { metric, localDate, source: t[0], value: t[1], start, end: t[3] === null ? start : isoInstant(t[3]) };
  if (t[4]) sample.wholeDay = true;
  if (t[5]) sample.notWorn = true;
  if (t[6] !== null) sample.category = t[6];
  if (t[7] !== null) sample.recordedAt = isoInstant(t[7]);
  if (t[8] !== null) sample.externalId = t[8];
  return sample;
}

interface WrittenRow {
  metric: string;
  localDate: string;
  source: string | null;
  count: number;
  fromMs: number;
  toMs: number | null;
}

const sampleKey = (metric: string, source: string, startMs: number) => `${metric}\u0000${source}\u0000${startMs}`;

const DAY_MS = 86_400_000;

/** SQL nulls out as absent fields, as the domain's optional fields expect. */
function compact<T extends object>(row: T): T {
  for (const key of Object.keys(row) as Array<keyof T>) if (row[key] === null) delete row[key];
  return row;
}

function span(starts: Iterable<string>, marginMs: number): [string, string] {
  let min = Infinity;
  let max = -Infinity;
  for (const start of starts) {
    const ms = Date.parse(start);
    if (ms < min) min = ms;
    if (ms > max) max = ms;
  }
  return [new Date(min - marginMs).toISOString(), new Date(max + marginMs).toISOString()];
}

export const sampleRepo: SampleRepo = {
  async lockPerson(sql, person) {
    await sql.query(`select pg_advisory_xact_lock(hashtextextended('samples:' || $1 || ':' || $2, 0))`, [person.tenantId, person.userId]);
  },

  async upsert(sql, person, rawId, samples: readonly CanonicalSample[]) {
    if (samples.length === 0) return { written: 0, days: [] };
    let min = samples[0]!.start;
    let max = min;
    // ISO instants of one format order as text.
    for (const s of samples) {
      if (s.start < min) min = s.start;
      if (s.start > max) max = s.start;
    }
    const head = [person.tenantId, person.userId, rawId, min, max];
    const probe = Date.parse(max) - Date.parse(min) <= RANGE_PROBE_MAX_SPAN_MS ? 'range' : 'each';
    const input = batchRows(samples, head.length + 1);
    const rows = await sql.query<WrittenRow>(insertNew(input.select, probe), [...head, ...input.params]);

    const days: MetricDay[] = [];
    let written = 0;
    let fromMs = Infinity;
    let toMs = -Infinity;
    const superseded = new Map<string, string>();
    for (const row of rows) {
      if (row.source !== null) {
        superseded.set(sampleKey(row.metric, row.source, Math.round(row.fromMs)), row.localDate);
        continue;
      }
      written += row.count;
      days.push({ metric: row.metric, date: row.localDate });
      fromMs = Math.min(fromMs, row.fromMs);
      toMs = Math.max(toMs, row.toMs ?? row.fromMs);
    }
    if (superseded.size > 0) {
      const newer = samples.filter((s) => superseded.has(sampleKey(s.metric, s.source, Date.parse(s.start))));
      const newerRows = batchRows(newer, head.length + 1);
      const revised = await sql.query<WrittenRow>(revise(newerRows.select), [...head, ...newerRows.params]);
      for (const row of revised) {
        written += 1;
        days.push({ metric: row.metric, date: row.localDate });
        const previous = superseded.get(sampleKey(row.metric, row.source ?? '', Math.round(row.fromMs)));
        if (previous !== undefined && previous !== row.localDate) days.push({ metric: row.metric, date: previous });
        fromMs = Math.min(fromMs, row.fromMs);
        toMs = Math.max(toMs, row.toMs ?? row.fromMs);
      }
    }
    if (written === 0) return { written, days };
    return { written, days, from: isoInstant(Math.round(fromMs)), to: isoInstant(Math.round(toMs)) };
  },

  async revisionsByExternalId(sql, person, ids) {
    if (ids.length === 0) return [];
    const [from, to] = span(
      ids.map((k) => k.start),
      2 * DAY_MS,
    );
    const rows = await sql.query<StoredRevision>(
      `select s.metric, s.source, ${isoText('s.start_at')} as start, ${isoText('s.end_at')} as "end", s.value,
              s.local_date::text as "localDate", s.external_id as "externalId", ${isoText('s.recorded_at')} as "recordedAt",
              s.category, s.device
         from unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[]) as k (metric, source, external_id, start_at)
         join samples s on s.tenant_id = $1 and s.user_id = $2 and s.metric = k.metric and s.source = k.source
                       and s.external_id = k.external_id and s.start_at <> k.start_at
                       and s.start_at between k.start_at - interval '2 days' and k.start_at + interval '2 days'
        where s.start_at between $7 and $8`,
      [person.tenantId, person.userId, ids.map((k) => k.metric), ids.map((k) => k.source), ids.map((k) => k.externalId), ids.map((k) => k.start), from, to],
    );
    return rows.map(compact);
  },

  async delete(sql, person, keys) {
    if (keys.length === 0) return;
    await sql.query(
      `delete from samples s
        using unnest($3::text[], $4::text[], $5::timestamptz[]) as k (metric, source, start_at)
        where s.tenant_id = $1 and s.user_id = $2 and s.metric = k.metric and s.source = k.source and s.start_at = k.start_at`,
      [person.tenantId, person.userId, keys.map((k) => k.metric), keys.map((k) => k.source), keys.map((k) => k.start)],
    );
  },

  async forDays(sql, person, days) {
    if (days.length === 0) return [];
    // A sample's start lies within two days of its local day (offsets <= 18 h, sleep counted on
    // the morning it ends, at most a day long): the start range prunes partitions, the day
    // index finds the rows, one (aggregated) day at a time.
    const [from, to] = span(
      days.map((d) => `${d.date}T00:00:00.000Z`),
      3 * DAY_MS,
    );
    const rows = await sql.query<{ metric: string; localDate: string; samples: DayTuple[] | null }>(
      `select d.metric, d.local_date::text as "localDate", x.samples
         from unnest($3::text[], $4::date[]) as d (metric, local_date)
         cross join lateral (
           select ${DAY_SAMPLES} as samples
             from samples s
            where s.tenant_id = $1 and s.user_id = $2 and s.metric = d.metric and s.local_date = d.local_date
              and s.start_at >= (d.local_date - 3)::timestamp at time zone 'UTC'
              and s.start_at < (d.local_date + 3)::timestamp at time zone 'UTC'
              and s.start_at >= $5 and s.start_at < $6) x`,
      [person.tenantId, person.userId, days.map((d) => d.metric), days.map((d) => d.date), from, to],
    );
    return rows.flatMap((row) => (row.samples ?? []).map((t) => daySample(row.metric, row.localDate, t)));
  },

  async page(sql, person, query) {
    const after = query.after;
    const rows = await sql.query<SampleView>(
      `select ${isoText('start_at')} as start, ${isoText('end_at')} as "end", value, source, category
         from samples
        where tenant_id = $1 and user_id = $2 and metric = $3 and start_at >= $4 and start_at < $5
          ${after ? 'and (start_at, source) > ($7::timestamptz, $8::text)' : ''}
        order by start_at, source
        limit $6`,
      [person.tenantId, person.userId, query.metric, query.from, query.to, query.limit, ...(after ? [after.start, after.source] : [])],
    );
    return rows.map(compact);
  },
};
