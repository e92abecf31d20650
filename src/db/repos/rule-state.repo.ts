import type { RuleState, RuleStateRepo } from '../../app/monitoring/monitoring-ports.ts';

interface Row {
  metric: string;
  snapshot: RuleState['snapshot'];
  baseline: RuleState['baseline'] | null;
  baselineDate: string | null;
}

export const ruleStateRepo: RuleStateRepo = {
  async lockPerson(sql, person) {
    await sql.query(`select pg_advisory_xact_lock(hashtextextended('rules:' || $1 || ':' || $2, 0))`, [person.tenantId, person.userId]);
  },

  async get(sql, person, metrics) {
    const rows = await sql.query<Row>(
      `select metric, snapshot, baseline, baseline_date::text as "baselineDate"
         from rule_states where tenant_id = $1 and user_id = $2 and metric = any ($3::text[])`,
      [person.tenantId, person.userId, metrics],
    );
    return new Map(
      rows.map((row) => [
        row.metric,
        { metric: row.metric, snapshot: row.snapshot, ...(row.baseline && { baseline: row.baseline }), ...(row.baselineDate && { baselineDate: row.baselineDate }) },
      ]),
    );
  },

  async save(sql, person, states, at) {
    if (states.length === 0) return;
    await sql.query(
      `insert into rule_states (tenant_id, user_id, metric, snapshot, baseline, baseline_date, updated_at)
       select $1, $2, s.metric, s.snapshot::jsonb, s.baseline::jsonb, s.baseline_date::date, $3
         from unnest($4::text[], $5::text[], $6::text[], $7::text[]) as s (metric, snapshot, baseline, baseline_date)
       on conflict (tenant_id, user_id, metric) do update
         set snapshot = excluded.snapshot, baseline = excluded.baseline, baseline_date = excluded.baseline_date, updated_at = excluded.updated_at`,
      [
        person.tenantId,
        person.userId,
        at,
        states.map((s) => s.metric),
        states.map((s) => JSON.stringify(s.snapshot)),
        states.map((s) => (s.baseline ? JSON.stringify(s.baseline) : null)),
        states.map((s) => s.baselineDate ?? null),
      ],
    );
  },
};
