import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Mailer } from '../../app/ports.ts';

/** A message as the far side saw it. */
export interface DeliveredMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailerHarness {
  /** The sender the mailer was built with, as an address (`no-reply@...`). */
  fromAddress: string;
  /** A new mailer; the contract closes it. */
  mailer(): Mailer;
  /** Everything that reached `to` so far, in any order. */
  delivered(to: string): Promise<DeliveredMail[]>;
}

/** A recipient no other test uses, so tests can share one server or database. */
export function uniqueAddress(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

async function withMailer(harness: MailerHarness, fn: (mailer: Mailer) => Promise<void>): Promise<void> {
  const mailer = harness.mailer();
  try {
    await fn(mailer);
  } finally {
    await mailer.close();
  }
}

/** The behaviour every Mailer adapter promises. */
export function mailerContract(name: string, harness: MailerHarness): void {
  describe(`Mailer contract: ${name}`, () => {
    it('delivers to, subject, text and html as sent', () =>
      withMailer(harness, async (mailer) => {
        const to = uniqueAddress('athlete');
        const message = {
          to,
          subject: 'Your sleep report – 7 nights ✓',
          text: 'Hallo Jürgen,\nyour week: https://vitalis.test/reports/42\n',
          html: '<p>Hallo J&uuml;rgen, <a href="https://vitalis.test/reports/42">your week</a> ✓</p>',
        };
        const sent = await mailer.send(message);
        assert.ok(sent.id.length > 0);
        const delivered = await harness.delivered(to);
        assert.equal(delivered.length, 1);
        const [mail] = delivered;
        assert.ok(mail?.from.includes(harness.fromAddress), `from: ${mail?.from}`);
        assert.deepEqual({ ...mail, from: undefined }, { ...message, from: undefined });
      }));

    it('delivers a text-only message without an html part', () =>
      withMailer(harness, async (mailer) => {
        const to = uniqueAddress('plain');
        await mailer.send({ to, subject: 'Plain', text: 'Only text.' });
        const [mail] = await harness.delivered(to);
        assert.equal(mail?.text, 'Only text.');
        assert.equal(mail?.html, undefined);
      }));

    it('refuses several recipients, or anything but one plain address', () =>
      withMailer(harness, async (mailer) => {
        const [a, b] = [uniqueAddress('a'), uniqueAddress('b')];
        for (const to of [`${a}, ${b}`, `${a};${b}`, `${a} ${b}`, `Someone <${a}>`, `${a}\r\nBcc: ${b}`, '', 'not-an-address']) {
          await assert.rejects(mailer.send({ to, subject: 'Hi', text: 'x' }), { code: 'validation_failed' }, JSON.stringify(to));
        }
        assert.deepEqual(await harness.delivered(a), []);
        assert.deepEqual(await harness.delivered(b), []);
      }));

    it('refuses line breaks in the subject (header injection)', () =>
      withMailer(harness, async (mailer) => {
        const [to, victim] = [uniqueAddress('target'), uniqueAddress('victim')];
        for (const subject of [`Hi\r\nBcc: ${victim}`, `Hi\nBcc: ${victim}`, `Hi\rBcc: ${victim}`, 'Hi\u0000there', '', '   ']) {
          await assert.rejects(mailer.send({ to, subject, text: 'x' }), { code: 'validation_failed' }, JSON.stringify(subject));
        }
        assert.deepEqual(await harness.delivered(to), []);
        assert.deepEqual(await harness.delivered(victim), []);
      }));

    it('answers ping when healthy', () =>
      withMailer(harness, async (mailer) => {
        await mailer.ping();
      }));
  });
}
