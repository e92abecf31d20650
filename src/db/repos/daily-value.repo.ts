import type { DailyValueRepo } from '../../app/ports.ts';
import type { DailyValue, SourceContribution } from '../../domain/ingest/index.ts';
import { getMetric } from '../../domain/metrics/index.ts';

interface DailyRow {
  metric: string;
  date: string;
  value: number;
  min: number | null;
  max: number | null;
  count: number;
  status: DailyValue['status'];
  byCategory: Record<string, number> | null;
  provenance: SourceContribution[];
}

/** The unit of a daily value is its metric's canonical unit; the row keeps the numbers and the provenance. */
function toDailyValue(row: DailyRow): DailyValue {
  return {
    metric: row.metric,
    date: row.date,
    unit: getMetric(row.metric)?.unit ?? '',
    value: row.value,
    ...(row.min !== null ? { min: row.min } : {}),
    ...(row.max !== null ? { max: row.max } : {}),
    count: row.count,
    status: row.status,
    ...(row.byCategory !== null ? { byCategory: row.byCategory } : {}),
    sources: row.provenance,
  };
}

export const dailyValueRepo: DailyValueRepo = {
  async upsert(sql, person, values, at) {
    if (values.length === 0) return;
    const rows = values.map((v) => ({
      metric: v.metric,
      local_date: v.date,
      value: v.value,
      min: v.min ?? null,
      max: v.max ?? null,
      count: v.count,
      status: v.status,
      by_category: v.byCategory ?? null,
      provenance: v.sources,
    }));
    // A day recomputed to what it already holds is left alone.
    await sql.query(
      `insert into daily_values (tenant_id, user_id, metric, local_date, value, min, max, count, status, by_category, provenance, updated_at)
       select $1::uuid, $2::uuid, d.metric, d.local_date, d.value, d.min, d.max, d.count, d.status, d.by_category, d.provenance, $4::timestamptz
         from jsonb_to_recordset($3::jsonb) as d (metric text, local_date date, value float8, min float8, max float8, count int4,
                                                 status text, by_category jsonb, provenance jsonb)
       on conflict (tenant_id, user_id, metric, local_date) do update
          set value = excluded.value, min = excluded.min, max = excluded.max, count = excluded.count, status = excluded.status,
              by_category = excluded.by_category, provenance = excluded.provenance, updated_at = excluded.updated_at
        where (daily_values.value, daily_values.min, daily_values.max, daily_values.count, daily_values.status,
               daily_values.by_category, daily_values.provenance)
              is distinct from
              (excluded.value, excluded.min, excluded.max, excluded.count, excluded.status, excluded.by_category, excluded.provenance)`,
      [person.tenantId, person.userId, JSON.stringify(rows), at],
    );
  },

  async delete(sql, person, days) {
    if (days.length === 0) return;
    await sql.query(
      `delete from daily_values v
        using unnest($3::text[], $4::date[]) as d (metric, local_date)
        where v.tenant_id = $1 and v.user_id = $2 and v.metric = d.metric and v.local_date = d.local_date`,
      [person.tenantId, person.userId, days.map((d) => d.metric), days.map((d) => d.date)],
    );
  },

  async list(sql, person, metric, from, to) {
    const rows = await sql.query<DailyRow>(
      `select metric, local_date::text as date, value, min, max, count, status, by_category as "byCategory", provenance
         from daily_values
        where tenant_id = $1 and user_id = $2 and metric = $3 and local_date between $4 and $5
        order by local_date`,
      [person.tenantId, person.userId, metric, from, to],
    );
    return rows.map(toDailyValue);
  },

  async dates(sql, person, metric, after, limit) {
    const rows = await sql.query<{ date: string }>(
      `select local_date::text as date from daily_values
        where tenant_id = $1 and user_id = $2 and metric = $3 and ($4::date is null or local_date > $4::date)
        order by local_date limit $5`,
      [person.tenantId, person.userId, metric, after ?? null, limit],
    );
    return rows.map((r) => r.date);
  },
};
