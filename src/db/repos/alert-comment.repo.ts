import type { AlertCommentRepo, CommentRecord } from '../../app/monitoring/monitoring-ports.ts';
import { iso } from './timestamps.ts';

type Row = Omit<CommentRecord, 'createdAt'> & { createdAt: unknown };
const toRecord = (row: Row): CommentRecord => ({ ...row, createdAt: iso(row.createdAt) });
const COLUMNS = 'id, author_id as "authorId", body, created_at as "createdAt"';

export const alertCommentRepo: AlertCommentRepo = {
  async insert(sql, alert, comment, at) {
    const [row] = await sql.query<Row>(
      `insert into alert_comments (id, tenant_id, user_id, alert_id, author_id, body, created_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
      [comment.id, alert.tenantId, alert.userId, alert.id, comment.authorId, comment.body, at],
    );
    return toRecord(row!);
  },

  async list(sql, tenantId, alertId) {
    const rows = await sql.query<Row>(`select ${COLUMNS} from alert_comments where tenant_id = $1 and alert_id = $2 order by created_at, id`, [tenantId, alertId]);
    return rows.map(toRecord);
  },
};
