import type { SourceDataRepo } from '../../app/connections/connection-ports.ts';
import type { MetricDay } from '../../app/ports.ts';

/** Erasure of one source's data of a person: its samples a few days at a time, and its raw batches. */
export const connectionDataRepo: SourceDataRepo = {
  async deleteSamples(sql, person, source, options) {
    const rows = await sql.query<{ metric: string; date: string }>(
      `with days as (
         select distinct metric, local_date from samples
         where tenant_id = $1 and user_id = $2 and source = $3 and ($4::text is null or external_id = $4)
         order by local_date, metric
         limit $5
       )
       delete from samples s using days
       where s.tenant_id = $1 and s.user_id = $2 and s.source = $3 and ($4::text is null or s.external_id = $4)
         and s.metric = days.metric and s.local_date = days.local_date
       returning s.metric, to_char(s.local_date, 'YYYY-MM-DD') as date`,
      [person.tenantId, person.userId, source, options.externalId ?? null, options.maxMetricDays],
    );
    const days = new Map<string, MetricDay>();
    for (const row of rows) days.set(`${row.metric}\u0000${row.date}`, { metric: row.metric, date: row.date });
    return [...days.values()];
  },

  async deleteRawPayloads(sql, person, keyPrefix) {
    const rows = await sql.query(
      `delete from raw_payloads where tenant_id = $1 and user_id = $2 and left(idempotency_key, length($3)) = $3 returning id`,
      [person.tenantId, person.userId, keyPrefix],
    );
    return rows.length;
  },
};
