import type { Reading, RuleReadingsRepo, TimedSpan } from '../../app/monitoring/monitoring-ports.ts';
import { ASLEEP_STAGES } from '../../domain/metrics/sleep-stages.ts';

// The rules' own reads of stored samples (the sample repository serves the API's reads).

const epochMs = (column: string) => `round(date_part('epoch', ${column}) * 1000)::float8`;
const instant = (ms: number) => new Date(ms).toISOString();

export const ruleReadingsRepo: RuleReadingsRepo = {
  async readings(sql, person, query) {
    const { after } = query;
    return sql.query<Reading>(
      `select ${epochMs('start_at')} as t, value, utc_offset_minutes as "utcOffsetMinutes", source
         from samples
        where tenant_id = $1 and user_id = $2 and metric = $3
          and (start_at > $4::timestamptz or (not $5 and start_at = $4::timestamptz)) and start_at <= $6::timestamptz
          ${after ? 'and (start_at, source) > ($8::timestamptz, $9::text)' : ''}
        order by start_at, source
        limit $7`,
      [person.tenantId, person.userId, query.metric, instant(query.from), query.fromExclusive, instant(query.to), query.limit, ...(after ? [instant(after.t), after.source] : [])],
    );
  },

  async sleepSpans(sql, person, from, to) {
    return sql.query<TimedSpan>(
      `select ${epochMs('start_at')} as start, ${epochMs('end_at')} as "end", value
         from samples
        where tenant_id = $1 and user_id = $2
          and (metric = 'sleep_session' or (metric = 'sleep_stage' and category = any ($5::text[])))
          and start_at <= $4::timestamptz and end_at >= $3::timestamptz
          -- a sleep span lasts at most a day (the catalog's limit): bounds the scan of start_at
          and start_at >= $3::timestamptz - interval '1 day'`,
      [person.tenantId, person.userId, instant(from), instant(to), ASLEEP_STAGES],
    );
  },

  async stepSpans(sql, person, from, to) {
    return sql.query<TimedSpan>(
      `select ${epochMs('start_at')} as start, ${epochMs('end_at')} as "end", value
         from samples
        where tenant_id = $1 and user_id = $2 and metric = 'steps'
          and start_at <= $4::timestamptz and end_at >= $3::timestamptz and start_at >= $3::timestamptz - interval '1 day'`,
      [person.tenantId, person.userId, instant(from), instant(to)],
    );
  },

  async baseline(sql, person, metric, from, to) {
    const [row] = await sql.query<{ mean: number | null; sd: number | null; count: number; days: number }>(
      `select avg(value)::float8 as mean, stddev_samp(value)::float8 as sd, count(*)::int as count, count(distinct local_date)::int as days
         from samples
        where tenant_id = $1 and user_id = $2 and metric = $3 and start_at >= $4::timestamptz and start_at < $5::timestamptz`,
      [person.tenantId, person.userId, metric, instant(from), instant(to)],
    );
    if (!row || row.mean === null || row.sd === null) return undefined;
    return { mean: row.mean, sd: row.sd, count: row.count, days: row.days };
  },
};
