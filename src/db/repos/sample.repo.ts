import type { DaySample, SampleRepo, SampleView, StoredRevision } from '../../app/ports.ts';
import { byMonth, WIDEST_LOCAL_DAY_REACH } from './local-day-bounds.ts';
import { upsertSamples } from './sample-upsert.ts';
import { addDaySamples, DAY_SAMPLE_GROUPING, DAY_SAMPLE_GROUPS, type DaySampleGroup } from './day-sample-groups.ts';

/** An instant as the API and the domain write it, `YYYY-MM-DDTHH:mm:ss.sssZ` (for a few rows; many rows go out as epoch ms). */
const isoText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

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

  upsert: upsertSamples,

  async revisionsByExternalId(sql, person, ids) {
    if (ids.length === 0) return [];
    const [from, to] = span(
      ids.map((k) => k.start),
      2 * DAY_MS,
    );
    const rows = await sql.query<StoredRevision>(
      `select s.metric, s.source, ${isoText('s.start_at')} as start, s.whole_day as "wholeDay", ${isoText('s.end_at')} as "end", s.value,
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
        using unnest($3::text[], $4::text[], $5::timestamptz[], $6::bool[]) as k (metric, source, start_at, whole_day)
        where s.tenant_id = $1 and s.user_id = $2 and s.metric = k.metric and s.source = k.source and s.start_at = k.start_at and s.whole_day = k.whole_day`,
      [person.tenantId, person.userId, keys.map((k) => k.metric), keys.map((k) => k.source), keys.map((k) => k.start), keys.map((k) => k.wholeDay)],
    );
  },

  async forDays(sql, person, days) {
    const samples: DaySample[] = [];
    // One read per month of days: planned over the few partitions a month's starts can lie in,
    // with so few days that its estimated cost stays under Postgres's JIT threshold. One read
    // for days across years (a batch of daily weights, a batch that straddles two record types)
    // was planned over every partition and JIT-compiled: 10-13 s of the 1 GiB import's reads.
    for (const month of byMonth(days, (d) => d.date)) {
      // A sample's start lies within WIDEST_LOCAL_DAY_REACH days of its local day: the start range
      // prunes partitions, the day index finds the rows, one (aggregated) day at a time.
      const [from, to] = span(
        month.map((d) => `${d.date}T00:00:00.000Z`),
        WIDEST_LOCAL_DAY_REACH * DAY_MS,
      );
      const groups = await sql.query<DaySampleGroup>(
        `select d.metric, d.local_date::text as "localDate", x.*
           from unnest($3::text[], $4::date[]) as d (metric, local_date)
           cross join lateral (
             select ${DAY_SAMPLE_GROUPS}
               from samples s
              where s.tenant_id = $1 and s.user_id = $2 and s.metric = d.metric and s.local_date = d.local_date
                and s.start_at >= (d.local_date - ${WIDEST_LOCAL_DAY_REACH})::timestamp at time zone 'UTC'
                and s.start_at < (d.local_date + ${WIDEST_LOCAL_DAY_REACH})::timestamp at time zone 'UTC'
                and s.start_at >= $5 and s.start_at < $6
              group by ${DAY_SAMPLE_GROUPING}) x`,
        [person.tenantId, person.userId, month.map((d) => d.metric), month.map((d) => d.date), from, to],
      );
      for (const group of groups) addDaySamples(group, samples);
    }
    return samples;
  },

  async page(sql, person, query) {
    const after = query.after;
    const rows = await sql.query<SampleView>(
      `select ${isoText('start_at')} as start, ${isoText('end_at')} as "end", value, source, category, whole_day as "wholeDay", details
         from samples
        where tenant_id = $1 and user_id = $2 and metric = $3 and start_at >= $4 and start_at < $5
          ${after ? 'and (start_at, source, whole_day) > ($7::timestamptz, $8::text, $9::bool)' : ''}
        order by start_at, source, whole_day
        limit $6`,
      [person.tenantId, person.userId, query.metric, query.from, query.to, query.limit, ...(after ? [after.start, after.source, after.wholeDay] : [])],
    );
    return rows.map(compact);
  },
};
