// `vitalis keys rotate` re-seals the tenants' webhook signing secrets with the newest key; once
// the older key has left ENCRYPTION_KEYS, deliveries are still signed with the secret the
// tenant was shown, as a receiver that knows only that secret verifies.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { KeyRing } from '../../../src/adapters/crypto/key-ring.ts';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds, scratchPostgres } from '../../support/databases.ts';
import { childEnv, runCli } from '../../support/processes.ts';
import { eventually, postSamples } from '../ingest/ingest-helpers.ts';
import { createRule, heartRates, SEED_RULE } from './monitoring-helpers.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

const sealedSecret = (api: ApiHarness, tenantId: string) =>
  api.services.tx.withSystem('test reads a sealed webhook secret', async (sql) => {
    const [row] = await sql.query<{ sealed: string }>('select secret_sealed as sealed from alert_webhooks where tenant_id = $1', [tenantId]);
    return row!.sealed;
  });

for (const kind of databaseKinds) {
  describe(`keys rotate and the webhook secret on ${kind}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('re-seals the secret with the newest key, and deliveries still verify once the older key is gone', { timeout: 180_000 }, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-webhook-keys-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      const scratch = kind === 'postgres' ? await scratchPostgres() : undefined;
      if (scratch) cleanups.push(() => scratch.drop());
      let secret = '';
      const hook = await startWebhookReceiver(() => secret);
      cleanups.push(() => hook.close());
      const [v1, v2] = [KeyRing.generateKey(), KeyRing.generateKey()];
      const base = { VITALIS_DATA_DIR: dir, AUTH_TOKEN_SECRET: 'a-token-secret-of-at-least-32-characters', ...(scratch && { DATABASE_URL: scratch.url }) };

      const first = await openApi('pglite', { ...base, ENCRYPTION_KEYS: `1:${v1}` });
      const person = await signUpVerified(first, 'webhook-keys@example.test', 'Webhook Keys');
      const created = await first.call('PUT', '/api/v1/notifications/webhook', { token: person.accessToken, body: { url: hook.url, minSeverity: 'low' } });
      assert.equal(created.statusCode, 200, created.body);
      secret = created.json().secret as string;
      await createRule(first, { token: person.accessToken }, { ...SEED_RULE, action: { type: 'notification', severity: 'high' } });
      assert.match(await sealedSecret(first, person.tenantId), /^v1\./);
      await first.close();

      const rotate = () => runCli(['keys', 'rotate', '--json'], childEnv({ ...base, ENCRYPTION_KEYS: `1:${v1},2:${v2}`, LOG_LEVEL: 'warn' }));
      const rotated = await rotate();
      assert.equal(rotated.code, 0, rotated.stderr);
      assert.equal((JSON.parse(rotated.stdout) as { resealed: Record<string, number> }).resealed['webhook secrets'], 1);
      const again = await rotate();
      assert.equal((JSON.parse(again.stdout) as { resealed: Record<string, number> }).resealed['webhook secrets'], 0, 'nothing left to re-seal');
      assert.ok(!rotated.stdout.includes(secret) && !rotated.stderr.includes(secret), 'the secret is never printed');

      const second = await openApi('pglite', { ...base, ENCRYPTION_KEYS: `2:${v2}` });
      cleanups.push(() => second.close());
      assert.match(await sealedSecret(second, person.tenantId), /^v2\./);
      await postSamples(second, { token: person.accessToken }, heartRates(Date.now(), -35, 0, 130));
      const [delivery] = await eventually('the alert’s delivery', async () => (hook.received.length > 0 ? hook.received : undefined), 60_000);
      assert.equal(delivery!.verified, true, 'signed with the secret the tenant was shown');
    });
  });
}
