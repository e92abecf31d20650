import type { CorrelationReportRecord, CorrelationReportRepo } from '../../app/insight/insight-ports.ts';
import { iso } from './timestamps.ts';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

type Row = Omit<CorrelationReportRecord, 'computedAt'> & { computedAt: unknown };

export const correlationReportRepo: CorrelationReportRepo = {
  async get(sql, person) {
    const [row] = await sql.query<Row>(
      `select version, computed_at as "computedAt", data_from::text as "dataFrom", data_to::text as "dataTo", findings, skipped_count as "skippedCount"
         from correlation_reports where tenant_id = $1 and user_id = $2`,
      [person.tenantId, person.userId],
    );
    return row ? { ...row, computedAt: iso(row.computedAt) } : undefined;
  },

  async stale(sql, query) {
    // Changed data: a daily value recomputed or a journal entry written after the report.
    return sql.query<{ tenantId: string; userId: string }>(
      `select r.tenant_id as "tenantId", r.user_id as "userId" from correlation_reports r
        where r.computed_at < $1 and (r.tenant_id, r.user_id) > ($3::uuid, $4::uuid)
          and (r.version <> $2
               or exists (select 1 from daily_values d where d.tenant_id = r.tenant_id and d.user_id = r.user_id and d.updated_at > r.computed_at)
               or exists (select 1 from journal_entries j where j.tenant_id = r.tenant_id and j.user_id = r.user_id and j.updated_at > r.computed_at))
        order by r.tenant_id, r.user_id limit $5`,
      [query.computedBefore, query.version, query.after?.tenantId ?? NIL_UUID, query.after?.userId ?? NIL_UUID, query.limit],
    );
  },

  async save(sql, person, report) {
    await sql.query(
      `insert into correlation_reports (tenant_id, user_id, version, computed_at, data_from, data_to, findings, skipped_count)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
       on conflict (tenant_id, user_id) do update
          set version = excluded.version, computed_at = excluded.computed_at, data_from = excluded.data_from,
              data_to = excluded.data_to, findings = excluded.findings, skipped_count = excluded.skipped_count`,
      [person.tenantId, person.userId, report.version, report.computedAt, report.dataFrom, report.dataTo, JSON.stringify(report.findings), report.skippedCount],
    );
  },
};
