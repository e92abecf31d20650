import type { NotificationPreferences, PreferenceRepo } from '../../app/monitoring/monitoring-ports.ts';

interface Row {
  inApp: NotificationPreferences['inApp'];
  email: NotificationPreferences['email'];
  quietFrom: string | null;
  quietTo: string | null;
  criticalBreaksQuietHours: boolean;
  dailySummaryAt: string | null;
}

export const preferenceRepo: PreferenceRepo = {
  async get(sql, person) {
    const [row] = await sql.query<Row>(
      `select in_app_severities as "inApp", email_severities as "email", quiet_from as "quietFrom", quiet_to as "quietTo",
              critical_breaks_quiet_hours as "criticalBreaksQuietHours", daily_summary_at as "dailySummaryAt"
         from notification_preferences where tenant_id = $1 and user_id = $2`,
      [person.tenantId, person.userId],
    );
    if (!row) return undefined;
    return {
      inApp: row.inApp,
      email: row.email,
      quietHours: row.quietFrom !== null && row.quietTo !== null ? { from: row.quietFrom, to: row.quietTo } : null,
      criticalBreaksQuietHours: row.criticalBreaksQuietHours,
      dailySummaryAt: row.dailySummaryAt,
    };
  },

  async save(sql, person, preferences, at) {
    await sql.query(
      `insert into notification_preferences (tenant_id, user_id, in_app_severities, email_severities, quiet_from, quiet_to,
                                             critical_breaks_quiet_hours, daily_summary_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (tenant_id, user_id) do update
         set in_app_severities = excluded.in_app_severities, email_severities = excluded.email_severities,
             quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to,
             critical_breaks_quiet_hours = excluded.critical_breaks_quiet_hours,
             daily_summary_at = excluded.daily_summary_at, updated_at = excluded.updated_at`,
      [
        person.tenantId,
        person.userId,
        preferences.inApp,
        preferences.email,
        preferences.quietHours?.from ?? null,
        preferences.quietHours?.to ?? null,
        preferences.criticalBreaksQuietHours,
        preferences.dailySummaryAt,
        at,
      ],
    );
  },
};
