import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKinds } from '../../support/databases.ts';
import { eventually, getJson, postSamples } from '../ingest/ingest-helpers.ts';
import { TeamApi } from '../teams/team-api.ts';
import { careTeamWorld, createRule, heartRates, inTenant, SEED_RULE, type CareTeamWorld } from './monitoring-helpers.ts';
import { signatureVerifies, startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

for (const kind of databaseKinds) {
  describe(`the outgoing webhook on ${kind}`, () => {
    let api: TeamApi;
    let world: CareTeamWorld;
    let secret = '';
    let hook: WebhookReceiver;

    before(async () => {
      hook = await startWebhookReceiver(() => secret, { failFirst: true });
      api = await TeamApi.open(kind);
      world = await careTeamWorld(api);
    });
    after(async () => {
      await api.close();
      await hook.close();
    });

    it('signs each alert with the tenant’s secret, retries with backoff and logs the deliveries', { timeout: 120_000 }, async () => {
      const { tenantId, admin, doctor, athlete } = world;
      const { url } = hook;
      const put = (who: { token: string }, body: object) => api.call('PUT', '/api/v1/notifications/webhook', { token: who.token, tenantId, body });

      assert.equal((await put(doctor, { url })).statusCode, 403, 'only admins set the webhook');
      assert.equal((await put(admin, { url: 'http://hooks.example.test/x' })).statusCode, 400, 'plain http leaves the host only over https');
      const created = await put(admin, { url, minSeverity: 'medium' });
      assert.equal(created.statusCode, 200, created.body);
      secret = created.json().secret as string;
      assert.match(secret, /^whsec_/);
      assert.equal((await put(admin, { url, minSeverity: 'medium' })).json().secret, undefined, 'the secret is shown once');

      await createRule(api, inTenant(admin, tenantId), SEED_RULE);
      await postSamples(api, inTenant(athlete, tenantId), heartRates(Date.now(), -35, 0, 130));

      const delivered = await eventually(
        'a verified delivery',
        async () => (hook.received.length >= 2 ? hook.received : undefined),
        60_000,
      );
      assert.deepEqual(delivered.map((r) => r.verified), [true, true], 'both tries carry a valid signature');
      assert.equal(delivered[0]!.body, delivered[1]!.body, 'a retry sends the same body');
      const payload = JSON.parse(delivered[1]!.body) as { id: string; event: string; alert: { userId: string; severity: string; evidence: Record<string, unknown> } };
      assert.equal(payload.event, 'alert.opened');
      assert.equal(payload.alert.userId, athlete.userId);
      assert.equal(payload.alert.severity, 'high');
      assert.equal(payload.alert.evidence.sampleCount, 31);
      assert.equal('samples' in payload.alert.evidence, false, 'no readings leave the tenant');
      assert.equal(delivered[1]!.headers['vitalis-delivery'], payload.id);

      const log = await eventually('the delivery logged as delivered', async () => {
        const deliveries = await getJson<Array<{ state: string; attempts: number; responseStatus?: number }>>(api, inTenant(admin, tenantId), '/api/v1/notifications/webhook/deliveries');
        return deliveries[0]?.state === 'delivered' ? deliveries : undefined;
      });
      assert.deepEqual({ attempts: log[0]!.attempts, status: log[0]!.responseStatus }, { attempts: 2, status: 204 });
      assert.equal((await api.call('GET', '/api/v1/notifications/webhook/deliveries', { token: doctor.token, tenantId })).statusCode, 403);

      // A rotated secret, shown once: the next alert's delivery verifies with it, and no longer with the old one.
      assert.equal((await api.call('POST', '/api/v1/notifications/webhook/rotate-secret', { token: doctor.token, tenantId })).statusCode, 403);
      const rotated = await api.call('POST', '/api/v1/notifications/webhook/rotate-secret', { token: admin.token, tenantId });
      assert.equal(rotated.statusCode, 200, rotated.body);
      const oldSecret = secret;
      secret = rotated.json().secret as string;
      assert.match(secret, /^whsec_/);
      assert.notEqual(secret, oldSecret);
      await postSamples(api, inTenant(world.patient, tenantId), heartRates(Date.now(), -35, 0, 130));
      const next = await eventually('the delivery of the patient’s alert', async () =>
        hook.received.find((r) => (JSON.parse(r.body) as { alert: { userId: string } }).alert.userId === world.patient.userId),
      60_000);
      assert.equal(next.verified, true, 'signed with the new secret');
      assert.equal(signatureVerifies(oldSecret, String(next.headers['vitalis-signature']), next.body), false, 'not with the old one');
      const audit = (await api.audit(tenantId)).map((e) => e.action);
      assert.ok(audit.includes('webhook.created') && audit.includes('webhook.secret_rotated'));
      assert.ok(!JSON.stringify(await api.audit(tenantId)).includes(secret), 'the audit log holds no secret');
    });

    it('answers 404 when a tenant without a webhook rotates its secret', async () => {
      const loner = await api.person('no-webhook');
      const res = await api.call('POST', '/api/v1/notifications/webhook/rotate-secret', { token: loner.token, tenantId: loner.personalTenantId });
      assert.equal(res.statusCode, 404, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    });
  });
}
