import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Mailer, MailMessage, SentMail } from '../../app/ports.ts';
import { assertValidFrom, assertValidMailMessage } from './mail-message.ts';

export interface SmtpMailerOptions {
  from: string;
}

/** Sends through an SMTP server named by a URL (`smtp://user:pass@host:587`, `smtps://...`). */
export class SmtpMailer implements Mailer {
  readonly #transporter: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(smtpUrl: string, options: SmtpMailerOptions) {
    assertValidFrom(options.from);
    this.#transporter = nodemailer.createTransport(smtpUrl, {
      from: options.from,
      // Messages are built from our own strings only: never let them pull in files or URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(message: MailMessage): Promise<SentMail> {
    assertValidMailMessage(message);
    const info = await this.#transporter.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html === undefined ? {} : { html: message.html }),
    });
    return { id: info.messageId };
  }

  async ping(): Promise<void> {
    await this.#transporter.verify();
  }

  async close(): Promise<void> {
    this.#transporter.close();
  }
}
