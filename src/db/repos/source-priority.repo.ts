import type { MetricSources, SourcePriorityRepo } from '../../app/ports.ts';

/** The sources column keeps this many names per metric (a CHECK says so too). */
const MAX_SOURCES = 1000;

export const sourcePriorityRepo: SourcePriorityRepo = {
  async noteSources(sql, person, seen, at) {
    if (seen.length === 0) return;
    await sql.query(
      `insert into source_priorities (tenant_id, user_id, metric, sources, updated_at)
       select $1::uuid, $2::uuid, x.metric, x.sources[1:${MAX_SOURCES}], $4::timestamptz
         from jsonb_to_recordset($3::jsonb) as x (metric text, sources text[])
       on conflict (tenant_id, user_id, metric) do update
          set sources = (select (array_agg(distinct s order by s))[1:${MAX_SOURCES}]
                           from unnest(source_priorities.sources || excluded.sources) as s),
              updated_at = excluded.updated_at
        where not (source_priorities.sources @> excluded.sources)
          and cardinality(source_priorities.sources) < ${MAX_SOURCES}`,
      [person.tenantId, person.userId, JSON.stringify(seen.map((s) => ({ metric: s.metric, sources: [...new Set(s.sources)].sort() }))), at],
    );
  },

  async priorities(sql, person, metrics) {
    const rows = await sql.query<{ metric: string; priority: string[] }>(
      `select metric, priority from source_priorities where tenant_id = $1 and user_id = $2 and metric = any($3::text[])`,
      [person.tenantId, person.userId, [...metrics]],
    );
    return new Map(rows.map((r) => [r.metric, r.priority]));
  },

  async list(sql, person) {
    return sql.query<MetricSources>(
      `select metric, priority, sources from source_priorities where tenant_id = $1 and user_id = $2 order by metric`,
      [person.tenantId, person.userId],
    );
  },

  async setPriority(sql, person, metric, priority, at) {
    const [row] = await sql.query<MetricSources>(
      `insert into source_priorities (tenant_id, user_id, metric, priority, priority_set_at, updated_at)
       values ($1, $2, $3, $4::text[], $5, $5)
       on conflict (tenant_id, user_id, metric) do update
          set priority = excluded.priority, priority_set_at = excluded.priority_set_at, updated_at = excluded.updated_at
       returning metric, priority, sources`,
      [person.tenantId, person.userId, metric, [...priority], at],
    );
    return row!;
  },
};
