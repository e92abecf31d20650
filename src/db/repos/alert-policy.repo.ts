import type { AlertingRepo, Recipient } from '../../app/monitoring/monitoring-ports.ts';

/** Who is on call, the tenant's alert policy, and whom to notify about a person. */
export const alertingRepo: AlertingRepo = {
  async onCall(sql, tenantId) {
    const rows = await sql.query<{ userId: string }>('select user_id as "userId" from alert_on_call where tenant_id = $1 order by created_at, user_id', [tenantId]);
    return rows.map((row) => row.userId);
  },

  async setOnCall(sql, tenantId, userIds) {
    await sql.query('delete from alert_on_call where tenant_id = $1 and not (user_id = any ($2::uuid[]))', [tenantId, userIds]);
    await sql.query('insert into alert_on_call (tenant_id, user_id) select $1, unnest($2::uuid[]) on conflict do nothing', [tenantId, userIds]);
  },

  async criticalBreaksQuietHours(sql, tenantId) {
    const [row] = await sql.query<{ value: boolean }>('select critical_breaks_quiet_hours as value from alert_policies where tenant_id = $1', [tenantId]);
    return row?.value ?? false;
  },

  async setCriticalBreaksQuietHours(sql, tenantId, value, at) {
    await sql.query(
      `insert into alert_policies (tenant_id, critical_breaks_quiet_hours, updated_at) values ($1, $2, $3)
       on conflict (tenant_id) do update set critical_breaks_quiet_hours = excluded.critical_breaks_quiet_hours, updated_at = excluded.updated_at`,
      [tenantId, value, at],
    );
  },

  async careTeamOf(sql, person) {
    const rows = await sql.query<{ userId: string }>('select clinician_id as "userId" from care_team where tenant_id = $1 and member_id = $2 order by clinician_id', [
      person.tenantId,
      person.userId,
    ]);
    return rows.map((row) => row.userId);
  },

  async recipients(sql, tenantId, userIds) {
    return sql.query<Recipient>(
      `select u.id as "userId", u.email, u.name, u.time_zone as "timeZone"
         from users u join memberships m on m.user_id = u.id and m.tenant_id = $1
        where u.id = any ($2::uuid[])
        order by u.id`,
      [tenantId, userIds],
    );
  },
};
