import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parseMail } from '../../../test/fixtures/smtp-mime.ts';
import { startSmtpSink } from '../../../test/fixtures/smtp-sink.ts';
import { mailerContract, uniqueAddress, type DeliveredMail } from './mailer.contract.ts';
import { SmtpMailer } from './smtp-mailer.ts';

const sink = await startSmtpSink();
after(() => sink.close());

const FROM = 'Vitalis <no-reply@vitalis.test>';

function header(headers: Map<string, string[]>, name: string): string {
  return headers.get(name)?.join(', ') ?? '';
}

mailerContract('SmtpMailer', {
  fromAddress: 'no-reply@vitalis.test',
  mailer: () => new SmtpMailer(sink.url, { from: FROM }),
  async delivered(to) {
    return sink.messages
      .filter((m) => m.rcptTo.includes(to))
      .map((m): DeliveredMail => {
        const mail = parseMail(m.raw);
        assert.deepEqual(m.rcptTo, [to], 'one envelope recipient');
        return {
          from: header(mail.headers, 'from'),
          to: header(mail.headers, 'to'),
          subject: header(mail.headers, 'subject'),
          text: mail.text ?? '',
          ...(mail.html === undefined ? {} : { html: mail.html }),
        };
      });
  },
});

describe('SmtpMailer', () => {
  it('sends from the configured sender, with one header of each kind', async () => {
    const mailer = new SmtpMailer(sink.url, { from: FROM });
    const to = uniqueAddress('headers');
    try {
      const { id } = await mailer.send({ to, subject: 'Check', text: 'x' });
      const received = sink.messages.find((m) => m.rcptTo.includes(to));
      assert.ok(received);
      assert.equal(received.mailFrom, 'no-reply@vitalis.test');
      const { headers } = parseMail(received.raw);
      assert.deepEqual(headers.get('message-id'), [id]);
      for (const name of ['from', 'to', 'subject']) assert.equal(headers.get(name)?.length, 1, name);
      assert.equal(headers.get('bcc'), undefined);
    } finally {
      await mailer.close();
    }
  });

  it('fails ping when no server answers', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const mailer = new SmtpMailer(closed.url, { from: FROM });
    try {
      await assert.rejects(mailer.ping());
    } finally {
      await mailer.close();
    }
  });

  it('refuses a malformed sender when built', () => {
    assert.throws(() => new SmtpMailer(sink.url, { from: 'Vitalis <a@b.test>\r\nBcc: x@y.test' }), /sender/);
    assert.throws(() => new SmtpMailer(sink.url, { from: 'nobody' }), /sender/);
  });
});
