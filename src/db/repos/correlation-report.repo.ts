import type { CorrelationReportRecord, CorrelationReportRepo } from '../../app/insight/insight-ports.ts';
import { iso } from './timestamps.ts';

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
