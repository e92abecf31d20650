import type { Logger, Mailer, MailMessage, SentMail, Transactions } from '../../app/ports.ts';
import { assertValidFrom, assertValidMailMessage } from './mail-message.ts';

export interface OutboxMailerOptions {
  from: string;
  logger?: Logger;
  /** A UUID (v7, so the outbox sorts by time). */
  newId: () => string;
}

/**
 * The embedded run mode's mailer: keeps each message in the `outbox` table instead of sending
 * it, and logs one line naming recipient and subject (never the body, which may hold a
 * sign-in link), so an operator knows to look with `vitalis outbox`.
 *
 * It writes in a transaction of its own: on PGlite (one connection) send must not be awaited
 * inside another transaction, which would wait for it forever.
 */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly transactions: Transactions,
    private readonly options: OutboxMailerOptions,
  ) {
    assertValidFrom(options.from);
  }

  async send(message: MailMessage): Promise<SentMail> {
    assertValidMailMessage(message);
    const id = this.options.newId();
    await this.transactions.withSystem('mail outbox', (sql) =>
      sql.query(
        `insert into outbox (id, tenant_id, from_address, to_address, subject, text_body, html_body)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [id, message.tenantId ?? null, this.options.from, message.to, message.subject, message.text, message.html ?? null],
      ),
    );
    this.options.logger?.info(
      { mailId: id, to: message.to, subject: message.subject },
      'mail kept in the outbox (read it with `vitalis outbox`)',
    );
    return { id };
  }

  async ping(): Promise<void> {
    await this.transactions.withSystem('mail outbox', (sql) => sql.query('select 1 from outbox limit 1'));
  }

  async close(): Promise<void> {
    // The database belongs to the caller, which closes it.
  }
}
