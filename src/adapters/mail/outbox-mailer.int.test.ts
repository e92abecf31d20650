import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { Logger } from '../../app/ports.ts';
import { createTransactions } from '../../db/with-tenant.ts';
import { databaseKinds, freshDatabase } from '../../../test/support/databases.ts';
import { listOutbox } from './list-outbox.ts';
import { mailerContract, uniqueAddress } from './mailer.contract.ts';
import { OutboxMailer } from './outbox-mailer.ts';

const FROM = 'Vitalis <no-reply@vitalis.test>';

function recordingLogger() {
  const lines: Array<{ level: string; obj: object; msg?: string }> = [];
  const record = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  return { logger, lines };
}

for (const kind of databaseKinds) {
  // Created at module level, so the database lives (and is closed) with the whole file.
  const db = await freshDatabase(kind);
  const tx = createTransactions(db, () => undefined);
  const newMailer = (logger?: Logger) => new OutboxMailer(tx, { from: FROM, newId: () => uuidv7(), ...(logger ? { logger } : {}) });

  mailerContract(`OutboxMailer on ${kind}`, {
    fromAddress: 'no-reply@vitalis.test',
    mailer: () => newMailer(),
    async delivered(to) {
      return (await listOutbox(tx, { to })).map(({ from, to: recipient, subject, text, html }) => ({
        from,
        to: recipient,
        subject,
        text,
        ...(html === undefined ? {} : { html }),
      }));
    },
  });

  describe(`OutboxMailer and listOutbox on ${kind}`, () => {
    it('lists newest first, filters by recipient regardless of case, and extracts links', async () => {
      const mailer = newMailer();
      const [ana, ben] = [uniqueAddress('ana'), uniqueAddress('ben')];
      const first = await mailer.send({ to: ana, subject: 'Welcome', text: 'Start at https://vitalis.test/start.' });
      await mailer.send({ to: ben, subject: 'Not for Ana', text: 'x' });
      const second = await mailer.send({
        to: ana,
        subject: 'Sign in',
        text: 'Your link: https://vitalis.test/magic?token=t1&tenant=a',
        html: '<a href="https://vitalis.test/magic?token=t1&amp;tenant=a">Sign in</a> or <a href="http://help.vitalis.test/">help</a>',
      });

      const forAna = await listOutbox(tx, { to: ana.toUpperCase() });
      assert.deepEqual(forAna.map((m) => m.id), [second.id, first.id]);
      assert.deepEqual(forAna[0]?.links, ['https://vitalis.test/magic?token=t1&tenant=a', 'http://help.vitalis.test/']);
      assert.deepEqual(forAna[1]?.links, ['https://vitalis.test/start']);
      assert.equal(forAna[0]?.from, FROM);
      assert.ok(!Number.isNaN(Date.parse(forAna[0]?.createdAt ?? '')));
      assert.deepEqual((await listOutbox(tx, { to: ben })).map((m) => m.subject), ['Not for Ana']);

      const latest = await listOutbox(tx, { limit: 2 });
      assert.equal(latest.length, 2);
      assert.equal(latest[0]?.id, second.id);
      assert.deepEqual(await listOutbox(tx, { to: uniqueAddress('nobody') }), []);
    });

    it('refuses a limit that is not a whole number from 1 to 1000', async () => {
      for (const limit of [0, -1, 1.5, Number.NaN, 1001]) {
        await assert.rejects(listOutbox(tx, { limit }), { code: 'validation_failed' }, String(limit));
      }
    });

    it('logs recipient and subject on one line, never the body', async () => {
      const { logger, lines } = recordingLogger();
      const to = uniqueAddress('logged');
      const { id } = await newMailer(logger).send({
        to,
        subject: 'Reset your password',
        text: 'secret link https://vitalis.test/reset?token=SECRET',
        html: '<b>SECRET</b>',
      });
      assert.equal(lines.length, 1);
      assert.equal(lines[0]?.level, 'info');
      assert.deepEqual(lines[0]?.obj, { mailId: id, to, subject: 'Reset your password' });
      assert.ok(!(lines[0]?.msg ?? '').includes('\n'));
      assert.ok(!JSON.stringify(lines).includes('SECRET'));
    });

    it("keeps a tenant's mail with its tenant and drops it when the tenant is deleted", async () => {
      const tenantId = uuidv7();
      await tx.withSystem('test setup', (sql) =>
        sql.query(`insert into tenants (id, slug, name, type) values ($1, $2, 'Mail team', 'team')`, [tenantId, `mail-${tenantId.slice(-12)}`]),
      );
      const to = uniqueAddress('member');
      await newMailer().send({ to, subject: 'Invitation', text: 'Join us', tenantId });
      assert.deepEqual((await listOutbox(tx, { to })).map((m) => m.tenantId), [tenantId]);
      await tx.withSystem('test cleanup', (sql) => sql.query('delete from tenants where id = $1', [tenantId]));
      assert.deepEqual(await listOutbox(tx, { to }), []);
      await assert.rejects(newMailer().send({ to, subject: 'x', text: 'x', tenantId: 'not-a-uuid' }), { code: 'validation_failed' });
    });

    it('is closed to the app role: row level security forced, a refusing policy per command, no grants', async () => {
      const [catalog] = await tx.withSystem('test catalog', (sql) =>
        sql.query<{ enabled: boolean; forced: boolean; commands: string[]; grants: string }>(
          `select c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
                  array(select p.polcmd::text from pg_policy p where p.polrelid = c.oid order by 1) as commands,
                  (select count(*) from information_schema.role_table_grants g
                    where g.table_name = 'outbox' and g.grantee in ('vitalis_app', 'PUBLIC'))::text as grants
             from pg_class c where c.relname = 'outbox' and c.relnamespace = 'public'::regnamespace`,
        ),
      );
      assert.deepEqual(catalog, { enabled: true, forced: true, commands: ['a', 'd', 'r', 'w'], grants: '0' });
      await newMailer().send({ to: uniqueAddress('hidden'), subject: 'Hidden', text: 'x' });
      await assert.rejects(
        tx.withTenant({ tenantId: uuidv7(), role: 'admin' }, (sql) => sql.query('select * from outbox')),
        /permission denied/,
      );
    });

    it('answers ping', async () => {
      await newMailer().ping();
    });
  });
}
