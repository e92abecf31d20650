// `vitalis keys rotate`: after a new key joins ENCRYPTION_KEYS, the vendor tokens and TOTP
// secrets an older key sealed are sealed again with the newest, still open, and the older key
// can leave the ring.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { KeyRing } from '../../../src/adapters/crypto/key-ring.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds, scratchPostgres } from '../../support/databases.ts';
import { childEnv, runCli } from '../../support/processes.ts';
import { asSystem, connect, settled, signUp, startFakeVendors, vendorEnv } from './connection-helpers.ts';

for (const kind of databaseKinds) {
  describe(`keys rotate on ${kind}`, () => {
    it('re-seals what the older key sealed, once, and everything still opens with the newest key alone', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-keys-'));
      const scratch = kind === 'postgres' ? await scratchPostgres() : undefined;
      const fakes = await startFakeVendors();
      const [v1, v2] = [KeyRing.generateKey(), KeyRing.generateKey()];
      const base = { ...vendorEnv(fakes), VITALIS_DATA_DIR: dir, AUTH_TOKEN_SECRET: 'a-token-secret-of-at-least-32-characters', ...(scratch && { DATABASE_URL: scratch.url }) };
      let api: ApiHarness | undefined;
      try {
        api = await openApi(kind, { ...base, ENCRYPTION_KEYS: `1:${v1}` });
        const me = await signUp(api, 'keys');
        const connection = await connect(api, me, 'whoop');
        await settled(api, me, connection.id);
        const enrolled = await api.call('POST', '/api/v1/auth/mfa/totp/enroll', { token: me.token });
        assert.equal(enrolled.statusCode, 200, enrolled.body);
        await api.close();
        api = undefined;

        const sealed = () =>
          asSystem<{ value: string }>(
            api!,
            `select sealed_tokens as value from connections where user_id = $1 union all select mfa_pending_secret from credentials where user_id = $1`,
            [me.userId],
          );
        const cli = (keys: string) => runCli(['keys', 'rotate', '--json'], childEnv({ ...base, ENCRYPTION_KEYS: keys, LOG_LEVEL: 'warn' }));
        const rotated = await cli(`1:${v1},2:${v2}`);
        assert.equal(rotated.code, 0, rotated.stderr);
        assert.deepEqual(JSON.parse(rotated.stdout), { resealed: { 'connection tokens': 1, 'TOTP secrets': 1, 'webhook secrets': 0 }, current: 0, skipped: 0 });
        const again = await cli(`1:${v1},2:${v2}`);
        assert.deepEqual(JSON.parse(again.stdout), { resealed: { 'connection tokens': 0, 'TOTP secrets': 0, 'webhook secrets': 0 }, current: 2, skipped: 0 });

        // The older key leaves the ring: the tokens still open, the syncs still run.
        api = await openApi(kind, { ...base, ENCRYPTION_KEYS: `2:${v2}` });
        assert.ok((await sealed()).every((row) => row.value.startsWith('v2.')));
        const res = await api.call('POST', `/api/v1/connections/${connection.id}/sync`, { token: me.token });
        assert.equal(res.statusCode, 202, res.body);
        const synced = await settled(api, me, connection.id, 2);
        assert.equal(synced.status, 'connected');
        assert.ok(synced.resources.every((r) => r.runs[0]!.state === 'succeeded'));
      } finally {
        await api?.close();
        await fakes.close();
        await scratch?.drop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
