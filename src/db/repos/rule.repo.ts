import type { RuleFields, RuleRecord, RuleRepo } from '../../app/monitoring/monitoring-ports.ts';
import { iso } from './timestamps.ts';

const COLUMNS = `id, tenant_id as "tenantId", name, condition, context, action_type as "actionType", severity,
  scope_user_id as "scopeUserId", scope_team_id as "scopeTeamId", cooldown_minutes as "cooldownMinutes",
  auto_resolve as "autoResolve", enabled, revision, created_by as "createdBy", created_at as "createdAt", updated_at as "updatedAt"`;

type Row = Omit<RuleRecord, 'createdAt' | 'updatedAt'> & { createdAt: unknown; updatedAt: unknown };

const toRecord = (row: Row): RuleRecord => ({ ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) });

/** The editable columns' values, name through enabled, in the order the insert and the update list them. */
const fieldValues = (fields: RuleFields) => [
  fields.name,
  fields.condition.metric,
  JSON.stringify(fields.condition),
  fields.context === null ? null : JSON.stringify(fields.context),
  fields.actionType,
  fields.severity,
  fields.scopeUserId,
  fields.scopeTeamId,
  fields.cooldownMinutes,
  fields.autoResolve,
  fields.enabled,
];

export const ruleRepo: RuleRepo = {
  async insert(sql, tenantId, rule, at) {
    const [row] = await sql.query<Row>(
      `insert into rules (id, tenant_id, name, metric, condition, context, action_type, severity, scope_user_id, scope_team_id,
                          cooldown_minutes, auto_resolve, enabled, created_by, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
       returning ${COLUMNS}`,
      [rule.id, tenantId, ...fieldValues(rule), rule.createdBy, at],
    );
    return toRecord(row!);
  },

  async get(sql, tenantId, id) {
    const [row] = await sql.query<Row>(`select ${COLUMNS} from rules where tenant_id = $1 and id = $2`, [tenantId, id]);
    return row ? toRecord(row) : undefined;
  },

  async list(sql, tenantId) {
    const rows = await sql.query<Row>(`select ${COLUMNS} from rules where tenant_id = $1 order by created_at, id`, [tenantId]);
    return rows.map(toRecord);
  },

  async update(sql, tenantId, id, fields, at) {
    const [row] = await sql.query<Row>(
      `update rules
          set name = $3, metric = $4, condition = $5, context = $6, action_type = $7, severity = $8, scope_user_id = $9, scope_team_id = $10,
              cooldown_minutes = $11, auto_resolve = $12, enabled = $13, revision = revision + 1, updated_at = $14
        where tenant_id = $1 and id = $2
       returning ${COLUMNS}`,
      [tenantId, id, ...fieldValues(fields), at],
    );
    return row ? toRecord(row) : undefined;
  },

  async delete(sql, tenantId, id) {
    const rows = await sql.query('delete from rules where tenant_id = $1 and id = $2 returning id', [tenantId, id]);
    return rows.length === 1;
  },

  async watching(sql, person, metrics) {
    const rows = await sql.query<Row>(
      `select ${COLUMNS} from rules
        where tenant_id = $1 and enabled and metric = any ($3::text[])
          and ((scope_user_id is null and scope_team_id is null)
               or scope_user_id = $2
               or scope_team_id in (select clinician_id from care_team where tenant_id = $1 and member_id = $2))
        order by created_at, id`,
      [person.tenantId, person.userId, metrics],
    );
    return rows.map(toRecord);
  },
};
