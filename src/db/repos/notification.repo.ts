import type { NotificationRecord, NotificationRepo } from '../../app/monitoring/monitoring-ports.ts';
import { iso, isoOrNull } from './timestamps.ts';

type Row = Omit<NotificationRecord, 'createdAt' | 'readAt'> & { createdAt: unknown; readAt: unknown };
const toRecord = (row: Row): NotificationRecord => ({ ...row, createdAt: iso(row.createdAt), readAt: isoOrNull(row.readAt) });
const COLUMNS = 'id, alert_id as "alertId", severity, title, body, created_at as "createdAt", read_at as "readAt"';

export const notificationRepo: NotificationRepo = {
  async insert(sql, person, notification, at) {
    const rows = await sql.query(
      `insert into notifications (id, tenant_id, user_id, alert_id, severity, title, body, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (tenant_id, user_id, alert_id) do nothing
       returning id`,
      [notification.id, person.tenantId, person.userId, notification.alertId, notification.severity, notification.title, notification.body, at],
    );
    return rows.length === 1;
  },

  async page(sql, person, query) {
    const rows = await sql.query<Row>(
      `select ${COLUMNS} from notifications
        where tenant_id = $1 and user_id = $2 and (not $3 or read_at is null) and ($4::uuid is null or id < $4)
        order by id desc limit $5`,
      [person.tenantId, person.userId, query.unread === true, query.before ?? null, query.limit],
    );
    return rows.map(toRecord);
  },

  async unreadCount(sql, person) {
    const [row] = await sql.query<{ count: number }>('select count(*)::int as count from notifications where tenant_id = $1 and user_id = $2 and read_at is null', [
      person.tenantId,
      person.userId,
    ]);
    return row?.count ?? 0;
  },

  async exists(sql, person, id) {
    const rows = await sql.query('select 1 from notifications where tenant_id = $1 and user_id = $2 and id = $3', [person.tenantId, person.userId, id]);
    return rows.length === 1;
  },

  async markRead(sql, person, ids, at) {
    const rows = await sql.query(
      `update notifications set read_at = $4
        where tenant_id = $1 and user_id = $2 and read_at is null and ($3::uuid[] is null or id = any ($3::uuid[]))
       returning id`,
      [person.tenantId, person.userId, ids ?? null, at],
    );
    return rows.length;
  },
};
