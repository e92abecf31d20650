import type { MetricDay, PersonRef, Sql, UpsertOutcome } from '../../app/ports.ts';
import type { CanonicalSample } from '../../domain/ingest/index.ts';
import { isoInstant } from '../../domain/ingest/iso-format.ts';
import { byMonth, localDaysOfStarts } from './local-day-bounds.ts';
import { BATCH_COLUMN_NAMES, batchRows } from './sample-batch-rows.ts';

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

const epochMs = (column: string) => `date_part('epoch', ${column}) * 1000`;

/**
 * A stored sample's key as the batch's rows meet it ($1 tenant, $2 person, $4..$5 the batch's
 * first and last start, $6..$7 the local days its keys can hold). The local-day bounds keep a
 * plan on the day index as narrow as one on the key: a month's partition fresh from an import
 * has no statistics yet, and the planner then takes either.
 */
const STORED_KEY = `s.tenant_id = $1::uuid and s.user_id = $2::uuid and s.metric = i.metric and s.start_at = i.start_at and s.source = i.source and s.whole_day = i.whole_day
               and s.start_at >= $4::timestamptz and s.start_at <= $5::timestamptz and s.local_date between $6::date and $7::date`;

/** Inserts the rows of `from` (as `m`), returning what `returning` names. */
const insertRows = (from: string, where = '', returning = '') => `
  insert into samples (tenant_id, user_id, ${BATCH_COLUMN_NAMES.join(', ')}, raw_id)
  select $1::uuid, $2::uuid, ${BATCH_COLUMN_NAMES.map((name) => `m.${name}`).join(', ')}, $3::uuid
    from ${from}
   ${where}
  ${returning}`;

/** The rows of `fresh` by (metric, local day): how many, and their span. */
const FRESH_BY_DAY = `
select f.metric, f.local_date::text as "localDate", null::text as source, count(*)::int as count,
       ${epochMs('min(f.start_at)')} as "fromMs", ${epochMs('max(f.end_at)')} as "toMs"
  from fresh f
 group by f.metric, f.local_date`;

/**
 * Whether any sample is stored in the span of the batch's own samples of its metric and source
 * ($3 metrics, $4 sources, $5..$6 each pair's first and last start; $7..$8 the batch's). When
 * none is (a first import, new data), every sample of the batch is new and goes in without
 * matching. Per pair, not over the batch's whole span: an export interleaves sources (a day of
 * the phone's steps, then the watch's), and a batch cut inside a day would otherwise meet the
 * other source's samples of that day. The batch's span, given as parameters, lets the planner
 * leave out the months outside it (with only the pairs' spans, known at run time, it plans
 * every partition). Ordered by start, the first row found ends it, and the planner takes the
 * key's index whether or not it has statistics.
 */
const ANY_STORED = `select exists (
  select from unnest($3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[]) as p (metric, source, first_at, last_at)
   cross join lateral (
     select from samples s
      where s.tenant_id = $1::uuid and s.user_id = $2::uuid and s.metric = p.metric and s.source = p.source
        and s.start_at >= p.first_at and s.start_at <= p.last_at
        and s.start_at >= $7::timestamptz and s.start_at <= $8::timestamptz
      order by s.start_at
      limit 1) x) as "anyStored"`;

/** Each (metric, source) of a batch with the first and last start of its samples, as ANY_STORED takes them. */
function startSpansBySeries(samples: readonly CanonicalSample[]): [string[], string[], string[], string[]] {
  const spans = new Map<string, { metric: string; source: string; first: string; last: string }>();
  for (const s of samples) {
    const key = `${s.metric}\u0000${s.source}`;
    const span = spans.get(key);
    // ISO instants of one format order as text.
    if (!span) spans.set(key, { metric: s.metric, source: s.source, first: s.start, last: s.start });
    else if (s.start < span.first) span.first = s.start;
    else if (s.start > span.last) span.last = s.start;
  }
  const all = [...spans.values()];
  return [all.map((p) => p.metric), all.map((p) => p.source), all.map((p) => p.first), all.map((p) => p.last)];
}

/** The whole batch as new rows ($1 tenant, $2 person, $3 raw payload, then the batch). */
const insertAll = (rows: string) => insertRows(`(${rows}) m`);

/**
 * One statement per batch ($3 the raw payload, then as STORED_KEY, then the batch). Each
 * sample is matched once with the row stored under its key; samples with no stored row are
 * inserted, and those whose stored revision is older are listed for `revise`. Only those are
 * kept past the match, so a batch sent again reads its stored rows and writes nothing.
 * Returns the rows written grouped by (metric, local day), then one row per stored revision
 * the batch supersedes (`source` not null), with the local day it had.
 * A plain INSERT, not ON CONFLICT: the caller holds the person's lock, so no other writer can
 * add one of these keys meanwhile (and if one did, the unique key would stop the transaction).
 */
function insertNew(rows: string): string {
  return `
with changed as materialized (
  select i.*, s.start_at is not null as stored, s.local_date as stored_local_date
    from (${rows}) i
    left join samples s on ${STORED_KEY}
   where s.start_at is null or ${newer('i', 's')}
),
fresh as (${insertRows('changed m', 'where not m.stored', 'returning metric, local_date, start_at, end_at')})${FRESH_BY_DAY}
union all
select m.metric, m.stored_local_date::text, m.source, 0, ${epochMs('m.start_at')}, null
  from changed m
 where m.stored`;
}

/** Replaces older stored revisions with the batch's newer ones (rechecked against the row). */
function revise(rows: string): string {
  return `
update samples s
   set end_at = i.end_at, value = i.value, utc_offset_minutes = i.utc_offset_minutes, local_date = i.local_date,
       category = i.category, device = i.device, external_id = i.external_id,
       not_worn = i.not_worn, recorded_at = i.recorded_at, details = i.details, raw_id = $3::uuid
  from (${rows}) i
 where ${STORED_KEY}
   and ${newer('i', 's')}
returning s.metric, s.local_date::text as "localDate", s.source, 1 as count, ${epochMs('s.start_at')} as "fromMs", ${epochMs('s.end_at')} as "toMs"`;
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

/** What inserting every sample of a batch wrote: no need to ask Postgres. */
function allWritten(samples: readonly CanonicalSample[], first: string): UpsertOutcome {
  const days = new Map<string, MetricDay>();
  let last = samples[0]!.end;
  for (const s of samples) {
    const key = `${s.metric}\u0000${s.localDate}`;
    if (!days.has(key)) days.set(key, { metric: s.metric, date: s.localDate });
    if (s.end > last) last = s.end;
  }
  return { written: samples.length, days: [...days.values()], from: first, to: last };
}

/**
 * SampleRepo.upsert: writes each sample unless the stored revision under its key is as new or
 * newer. A batch whose span holds nothing of its metrics and sources yet (new data) goes in with
 * one plain INSERT; any other is matched row by row with what is stored.
 */
export async function upsertSamples(sql: Sql, person: PersonRef, rawId: string, samples: readonly CanonicalSample[]): Promise<UpsertOutcome> {
  if (samples.length === 0) return { written: 0, days: [] };
  let first = samples[0]!.start;
  let last = first;
  // ISO instants of one format order as text.
  for (const s of samples) {
    if (s.start < first) first = s.start;
    if (s.start > last) last = s.start;
  }
  const [probe] = await sql.query<{ anyStored: boolean }>(ANY_STORED, [person.tenantId, person.userId, ...startSpansBySeries(samples), first, last]);
  if (probe?.anyStored) return matchByMonth(sql, person, rawId, samples);
  const input = batchRows(samples, 4);
  await sql.query(insertAll(input.select), [person.tenantId, person.userId, rawId, ...input.params]);
  return allWritten(samples, first);
}

/**
 * matchAndWrite a month of starts at a time (one statement for most batches): over a span of
 * years (a batch of daily weights, one that straddles two record types) the match was planned
 * over every monthly partition and JIT-compiled, seconds for one batch. The batch holds one
 * sample per key, so the months' outcomes add up to the whole batch's.
 */
async function matchByMonth(sql: Sql, person: PersonRef, rawId: string, samples: readonly CanonicalSample[]): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { written: 0, days: [] };
  for (const month of byMonth(samples, (s) => s.start)) {
    const first = month.reduce((min, s) => (s.start < min ? s.start : min), month[0]!.start);
    const last = month.reduce((max, s) => (s.start > max ? s.start : max), month[0]!.start);
    const part = await matchAndWrite(sql, person, rawId, month, first, last);
    outcome.written += part.written;
    outcome.days.push(...part.days);
    if (part.from !== undefined && (outcome.from === undefined || part.from < outcome.from)) outcome.from = part.from;
    if (part.to !== undefined && (outcome.to === undefined || part.to > outcome.to)) outcome.to = part.to;
  }
  return outcome;
}

/** The batch against the stored rows of its span: new samples inserted, newer revisions written over older ones. */
async function matchAndWrite(sql: Sql, person: PersonRef, rawId: string, samples: readonly CanonicalSample[], first: string, last: string): Promise<UpsertOutcome> {
  const head = [person.tenantId, person.userId, rawId, first, last, ...localDaysOfStarts(new Set(samples.map((s) => s.metric)), first, last)];
  const input = batchRows(samples, head.length + 1);
  const rows = await sql.query<WrittenRow>(insertNew(input.select), [...head, ...input.params]);
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
}
