import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { databaseKinds } from '../../support/databases.ts';
import { eventually, getJson, postSamples } from '../ingest/ingest-helpers.ts';
import { TeamApi } from '../teams/team-api.ts';
import { careTeamWorld, createRule, heartRates, inTenant, SEED_RULE, type CareTeamWorld } from './monitoring-helpers.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

/**
 * A receiver written from the documented scheme only: `vitalis-signature: t=<unix>,v1=<hex>`
 * where hex = HMAC-SHA256(secret, "<t>.<raw body>"), compared in constant time, timestamps
 * within five minutes. Its first answer is a 503, so the sender has to try again.
 */
function receiver(secret: () => string) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = String(request.headers['vitalis-signature'] ?? '');
      const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
      const timestamp = Number(parts.t);
      const expected = createHmac('sha256', secret()).update(`${parts.t}.${body}`).digest();
      const given = Buffer.from(parts.v1 ?? '', 'hex');
      const fresh = Math.abs(Date.now() / 1000 - timestamp) < 300;
      const verified = fresh && given.length === expected.length && timingSafeEqual(given, expected);
      received.push({ headers: request.headers, body, verified });
      response.statusCode = received.length === 1 ? 503 : verified ? 204 : 401;
      response.end();
    });
  });
  return { received, server };
}

for (const kind of databaseKinds) {
  describe(`the outgoing webhook on ${kind}`, () => {
    let api: TeamApi;
    let world: CareTeamWorld;
    let secret = '';
    const hook = receiver(() => secret);

    before(async () => {
      await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
      api = await TeamApi.open(kind);
      world = await careTeamWorld(api);
    });
    after(async () => {
      await api.close();
      await new Promise((resolve) => hook.server.close(resolve));
    });

    it('signs each alert with the tenant’s secret, retries with backoff and logs the deliveries', { timeout: 120_000 }, async () => {
      const { tenantId, admin, doctor, athlete } = world;
      const url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/vitalis`;
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

      // A rotated secret: the receiver still knows the old one, so it now refuses what it gets.
      const rotated = await api.call('POST', '/api/v1/notifications/webhook/rotate-secret', { token: admin.token, tenantId });
      assert.equal(rotated.statusCode, 200, rotated.body);
      assert.notEqual(rotated.json().secret, secret);
      const audit = (await api.audit(tenantId)).map((e) => e.action);
      assert.ok(audit.includes('webhook.created') && audit.includes('webhook.secret_rotated'));
    });
  });
}
