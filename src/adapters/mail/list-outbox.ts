import { AppError } from '../../app/errors.ts';
import type { OutboxMessage, Transactions } from '../../app/ports.ts';
import { extractLinks } from './extract-links.ts';

export interface ListOutboxOptions {
  /** Only mail to this address (compared without regard to case). */
  to?: string;
  /** At most this many messages (default 50, at most 1000). */
  limit?: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

interface OutboxRow {
  id: string;
  tenant_id: string | null;
  from_address: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: Date | string;
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    from: row.from_address,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    ...(row.html_body === null ? {} : { html: row.html_body }),
    ...(row.tenant_id === null ? {} : { tenantId: row.tenant_id }),
    createdAt: new Date(row.created_at).toISOString(),
    links: extractLinks(row.text_body, row.html_body ?? undefined),
  };
}

/** The mail kept by OutboxMailer, newest first, each with the links found in its bodies. */
export async function listOutbox(transactions: Transactions, options: ListOutboxOptions = {}): Promise<OutboxMessage[]> {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new AppError('validation_failed', `Outbox limit must be a whole number from 1 to ${MAX_LIMIT}.`, { field: 'limit' });
  }
  const rows = await transactions.withSystem('list mail outbox', (sql) =>
    sql.query<OutboxRow>(
      `select id, tenant_id, from_address, to_address, subject, text_body, html_body, created_at
         from outbox
        where ($1::text is null or lower(to_address) = lower($1::text))
        order by created_at desc, id desc
        limit $2`,
      [options.to ?? null, limit],
    ),
  );
  return rows.map(toMessage);
}
