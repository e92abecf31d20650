import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { listOutbox } from '../../../src/adapters/mail/list-outbox.ts';
import { NOTIFY_ALERT_JOB } from '../../../src/app/monitoring/monitoring-deps.ts';
import { dispatchOwedNotifications, dispatchSchedule } from '../../../src/app/monitoring/notifications/dispatch-owed-notifications.ts';
import { sweepOwedNotifications } from '../../../src/app/monitoring/notifications/sweep-owed-notifications.ts';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds, scratchPostgres } from '../../support/databases.ts';
import { eventually, getJson, postSamples } from '../ingest/ingest-helpers.ts';
import { alertsEventually, createRule, heartRates, SEED_RULE, type AlertItem } from './monitoring-helpers.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

/**
 * From now on, the notification jobs this node queues never reach the queue, as if the process
 * died right after each evaluation's commit. Returns a switch that lets them through again.
 */
function loseNotificationJobs(api: ApiHarness): () => void {
  const { queue } = api.services;
  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = (name, payload, options) =>
    name === NOTIFY_ALERT_JOB ? Promise.resolve({ id: options?.jobId ?? 'lost', duplicate: false }) : enqueue(name, payload, options);
  return () => {
    queue.enqueue = enqueue;
  };
}

const owesNotifications = (api: ApiHarness, alertId: string) =>
  api.services.tx.withSystem('test reads whether an alert owes notifications', async (sql) => {
    const [row] = await sql.query<{ pending: boolean }>('select notify_pending as pending from alerts where id = $1', [alertId]);
    return row!.pending;
  });

const atRest = (api: ApiHarness) =>
  eventually('the queue at rest', async () => {
    const stats = await api.services.queue.stats();
    return stats.waiting + stats.active === 0 ? stats : undefined;
  });

interface Owed {
  tenantId: string;
  caller: { token: string };
  email: string;
  hook: WebhookReceiver;
  alert: AlertItem;
}

/** A person told of their own high alerts (inbox, mail, their tenant's webhook) with an alert whose notification job was lost. */
async function alertOwingNotifications(api: ApiHarness, label: string, cleanups: Array<() => Promise<void>>): Promise<Owed> {
  let secret = '';
  const hook = await startWebhookReceiver(() => secret);
  cleanups.push(() => hook.close());
  const email = `${label}@example.test`;
  const person = await signUpVerified(api, email, 'Owed Person');
  const caller = { token: person.accessToken };
  const webhook = await api.call('PUT', '/api/v1/notifications/webhook', { token: person.accessToken, body: { url: hook.url, minSeverity: 'high' } });
  assert.equal(webhook.statusCode, 200, webhook.body);
  secret = webhook.json().secret as string;
  await createRule(api, caller, { ...SEED_RULE, action: { type: 'notification', severity: 'high' } });

  const letThrough = loseNotificationJobs(api);
  await postSamples(api, caller, heartRates(Date.now(), -35, 0, 130));
  const [alert] = await alertsEventually(api, caller);
  await atRest(api);
  letThrough();
  assert.equal(await owesNotifications(api, alert!.id), true, 'the alert was stored owing its notifications');
  assert.equal(hook.received.length, 0);
  return { tenantId: person.tenantId, caller, email, hook, alert: alert! };
}

/** Once the alert owes nothing and the queue is idle: exactly one inbox notification, one mail, one verified webhook delivery. */
async function toldExactlyOnce(api: ApiHarness, owed: Owed): Promise<void> {
  await eventually('the owed notifications handed on', async () => ((await owesNotifications(api, owed.alert.id)) ? undefined : true));
  await atRest(api);
  const inbox = await getJson<{ items: Array<{ alertId: string }> }>(api, owed.caller, '/api/v1/notifications');
  assert.deepEqual(inbox.items.map((n) => n.alertId), [owed.alert.id]);
  const mails = (await listOutbox(api.services.tx, { to: owed.email, limit: 100 })).filter((m) => /alert/i.test(m.subject));
  assert.equal(mails.length, 1);
  assert.equal(owed.hook.received.length, 1);
  assert.equal(owed.hook.received[0]!.verified, true);
  assert.equal((JSON.parse(owed.hook.received[0]!.body) as { alert: { id: string } }).alert.id, owed.alert.id);
}

for (const kind of databaseKinds) {
  describe(`notifications an alert owes across a crash on ${kind}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });
    const scratchDatabase = async () => {
      const scratch = kind === 'postgres' ? await scratchPostgres() : undefined;
      if (scratch) cleanups.push(() => scratch.drop());
      return scratch && { DATABASE_URL: scratch.url };
    };

    it('are handed on exactly once by the start-up sweep after a restart', { timeout: 120_000 }, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-owed-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      // The same data directory (PGlite, secrets) and database each time.
      const env = { VITALIS_DATA_DIR: dir, ...(await scratchDatabase()) };
      const first = await openApi('pglite', env);
      const owed = await alertOwingNotifications(first, 'restarted', cleanups);
      await first.close();

      const second = await openApi('pglite', env);
      cleanups.push(() => second.close());
      await toldExactlyOnce(second, owed);

      // Another sweep (a further restart) finds nothing owed, and a stray notification job adds nothing.
      assert.equal(await sweepOwedNotifications(second.services.monitoring, new Date()), 0);
      await second.services.queue.enqueue(NOTIFY_ALERT_JOB, { tenantId: owed.tenantId, userId: owed.alert.userId, alertId: owed.alert.id });
      await toldExactlyOnce(second, owed);
    });

    it('are handed on by the dispatcher once older than its grace, while the node keeps running', { timeout: 120_000 }, async () => {
      const api = await openApi('pglite', (await scratchDatabase()) ?? {});
      cleanups.push(() => api.close());
      const owed = await alertOwingNotifications(api, 'dispatched', cleanups);
      const deps = api.services.monitoring;
      // Younger than a minute: left to the evaluation that stored it.
      assert.equal(await dispatchOwedNotifications(deps, dispatchSchedule.nextSlot(deps.clock.now())), 0);
      const later = { ...deps, clock: { now: () => new Date(Date.now() + 2 * 60_000) } };
      assert.equal(await dispatchOwedNotifications(later, dispatchSchedule.nextSlot(later.clock.now())), 1);
      await toldExactlyOnce(api, owed);
    });

    it('are handed on by the person’s next evaluation', { timeout: 120_000 }, async () => {
      const api = await openApi('pglite', (await scratchDatabase()) ?? {});
      cleanups.push(() => api.close());
      const owed = await alertOwingNotifications(api, 'next-batch', cleanups);
      await postSamples(api, owed.caller, heartRates(Date.now(), 1, 1, 70));
      await toldExactlyOnce(api, owed);
    });
  });
}
