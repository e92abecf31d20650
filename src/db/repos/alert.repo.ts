import type { AlertRecord, AlertRepo, OwedNotification } from '../../app/monitoring/monitoring-ports.ts';
import { iso, isoOrNull } from './timestamps.ts';

const COLUMNS = `id, tenant_id as "tenantId", user_id as "userId", rule_id as "ruleId", rule_name as "ruleName", action_type as "actionType",
  alert_key as "alertKey", metric, severity, state, historical, opened_at as "openedAt", evidence,
  acknowledged_at as "acknowledgedAt", acknowledged_by as "acknowledgedBy", resolved_at as "resolvedAt", resolved_by as "resolvedBy",
  resolution, cleared_at as "clearedAt", clear_reason as "clearReason", recorded_at as "recordedAt", notify_pending as "notifyPending"`;

type Row = Omit<AlertRecord, 'openedAt' | 'acknowledgedAt' | 'resolvedAt' | 'clearedAt' | 'recordedAt'> & {
  openedAt: unknown;
  acknowledgedAt: unknown;
  resolvedAt: unknown;
  clearedAt: unknown;
  recordedAt: unknown;
};

const toRecord = (row: Row): AlertRecord => ({
  ...row,
  openedAt: iso(row.openedAt),
  acknowledgedAt: isoOrNull(row.acknowledgedAt),
  resolvedAt: isoOrNull(row.resolvedAt),
  clearedAt: isoOrNull(row.clearedAt),
  recordedAt: iso(row.recordedAt),
});

const instant = (ms: number) => new Date(ms).toISOString();

/** The filters of list and countsBySeverity, from $2 on. */
const FILTERED = `tenant_id = $1 and ($2::text is null or state = $2) and ($3::text is null or severity = $3) and ($4::uuid is null or user_id = $4)`;

export const alertRepo: AlertRepo = {
  async insert(sql, alert) {
    const resolvedAt = alert.state === 'resolved' ? alert.recordedAt : null;
    const [row] = await sql.query<Row>(
      `insert into alerts (id, tenant_id, user_id, rule_id, rule_name, action_type, alert_key, metric, severity, state, historical,
                           opened_at, evidence, evidence_from, evidence_to, resolved_at, resolution, recorded_at, updated_at, notify_pending)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz, $13, $14::timestamptz, $12::timestamptz, $15, $16, $17, $17, $18)
       on conflict (tenant_id, alert_key) do nothing
       returning ${COLUMNS}`,
      [
        alert.id,
        alert.tenantId,
        alert.userId,
        alert.ruleId,
        alert.ruleName,
        alert.actionType,
        alert.alertKey,
        alert.metric,
        alert.severity,
        alert.state,
        alert.historical,
        instant(alert.evidence.to),
        JSON.stringify(alert.evidence),
        instant(alert.evidence.from),
        resolvedAt,
        alert.resolution,
        alert.recordedAt,
        alert.notifyPending,
      ],
    );
    return row ? toRecord(row) : undefined;
  },

  async get(sql, tenantId, id) {
    const [row] = await sql.query<Row>(`select ${COLUMNS} from alerts where tenant_id = $1 and id = $2`, [tenantId, id]);
    return row ? toRecord(row) : undefined;
  },

  async byKey(sql, tenantId, alertKey) {
    const [row] = await sql.query<Row>(`select ${COLUMNS} from alerts where tenant_id = $1 and alert_key = $2`, [tenantId, alertKey]);
    return row ? toRecord(row) : undefined;
  },

  async list(sql, tenantId, filter) {
    const rows = await sql.query<Row>(
      `select ${COLUMNS} from alerts where ${FILTERED} and ($5::uuid is null or id < $5) order by id desc limit $6`,
      [tenantId, filter.state ?? null, filter.severity ?? null, filter.userId ?? null, filter.before ?? null, filter.limit ?? 100],
    );
    return rows.map(toRecord);
  },

  async countsBySeverity(sql, tenantId, filter) {
    const rows = await sql.query<{ severity: AlertRecord['severity']; count: number }>(
      `select severity, count(*)::int as count from alerts where ${FILTERED} group by severity`,
      [tenantId, filter.state ?? null, filter.severity ?? null, filter.userId ?? null],
    );
    return Object.fromEntries(rows.map((row) => [row.severity, row.count]));
  },

  async countUnresolved(sql, person) {
    const [row] = await sql.query<{ count: number }>(
      `select count(*)::int as count from alerts where tenant_id = $1 and user_id = $2 and state in ('open', 'acknowledged')`,
      [person.tenantId, person.userId],
    );
    return row?.count ?? 0;
  },

  async existsNear(sql, person, ruleId, from, to, cooldownMs) {
    const [row] = await sql.query<{ near: boolean }>(
      `select exists (select 1 from alerts
                       where tenant_id = $1 and rule_id = $2 and user_id = $3
                         and ((evidence_from <= $5::timestamptz and coalesce(cleared_at, evidence_to) >= $4::timestamptz)
                              or evidence_to between $6::timestamptz and $7::timestamptz)) as near`,
      [person.tenantId, ruleId, person.userId, instant(from), instant(to), instant(to - cooldownMs), instant(to + cooldownMs)],
    );
    return row?.near ?? false;
  },

  async transition(sql, tenantId, id, change) {
    const [row] = await sql.query<Row>(
      `update alerts
          set state = $4,
              acknowledged_at = case when $4 = 'acknowledged' then $6::timestamptz else acknowledged_at end,
              acknowledged_by = case when $4 = 'acknowledged' then $5::uuid else acknowledged_by end,
              resolved_at = case when $4 = 'resolved' then $6::timestamptz else resolved_at end,
              resolved_by = case when $4 = 'resolved' then $5::uuid else resolved_by end,
              resolution = case when $4 = 'resolved' then $7 else resolution end,
              updated_at = $6::timestamptz
        where tenant_id = $1 and id = $2 and state = any ($3::text[])
       returning ${COLUMNS}`,
      [tenantId, id, change.from, change.to, change.by, change.at, change.resolution ?? null],
    );
    return row ? toRecord(row) : undefined;
  },

  async markCleared(sql, tenantId, id, at, reason, updatedAt) {
    await sql.query('update alerts set cleared_at = $3::timestamptz, clear_reason = $4, updated_at = $5 where tenant_id = $1 and id = $2', [
      tenantId,
      id,
      instant(at),
      reason,
      updatedAt,
    ]);
  },

  async owedNotifications(sql, person) {
    return sql.query<OwedNotification>(
      `select tenant_id as "tenantId", user_id as "userId", id as "alertId" from alerts
        where tenant_id = $1 and user_id = $2 and notify_pending order by id`,
      [person.tenantId, person.userId],
    );
  },

  async owedNotificationsEverywhere(sql, query) {
    return sql.query<OwedNotification>(
      `select tenant_id as "tenantId", user_id as "userId", id as "alertId" from alerts
        where notify_pending and recorded_at < $1 and ($2::uuid is null or id > $2) order by id limit $3`,
      [query.recordedBefore, query.after ?? null, query.limit],
    );
  },

  async markNotified(sql, tenantId, id) {
    await sql.query('update alerts set notify_pending = false where tenant_id = $1 and id = $2 and notify_pending', [tenantId, id]);
  },

  async recordedSince(sql, tenantId, since, limit) {
    const rows = await sql.query<Row>(`select ${COLUMNS} from alerts where tenant_id = $1 and recorded_at >= $2 and not historical order by id desc limit $3`, [
      tenantId,
      since,
      limit,
    ]);
    return rows.map(toRecord);
  },
};
