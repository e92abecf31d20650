// The per-person limits of file imports: size and imports per hour, refused with problem+json
// before anything is stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { uploadImport, type Caller } from './ingest-helpers.ts';

describe('import limits', () => {
  let api: ApiHarness;
  before(async () => {
    api = await openApi('pglite', { IMPORT_MAX_BYTES: '2048', IMPORTS_PER_HOUR: '2' });
  });
  after(() => api?.close());

  const person = async (): Promise<Caller> => {
    const p = await signUpVerified(api, `limits-${uuidv7().slice(-12)}@example.test`);
    return { token: p.accessToken, tenantId: p.tenantId };
  };
  const csv = (rows: number) => Buffer.from(`date,steps\n${Array.from({ length: rows }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')},${i}`).join('\n')}\n`);
  const stored = () => api.services.tx.withSystem('test counts imports', async (sql) => (await sql.query<{ n: number }>('select count(*)::int as n from imports'))[0]!.n);

  it('refuses a file over IMPORT_MAX_BYTES with 413, storing nothing', async () => {
    const me = await person();
    const before = await stored();
    const res = await uploadImport(api, me, { name: 'big.csv', bytes: csv(400) });
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.json().code, 'payload_too_large');
    assert.equal(await stored(), before);
    assert.deepEqual(await api.services.blobs.list('imports/'), []);
  });

  it('answers 429 past IMPORTS_PER_HOUR for one person, and lets another person import', async () => {
    const me = await person();
    for (let i = 0; i < 2; i++) assert.equal((await uploadImport(api, me, { name: 'log.csv', bytes: csv(3) })).statusCode, 202);
    const third = await uploadImport(api, me, { name: 'log.csv', bytes: csv(3) });
    assert.equal(third.statusCode, 429, third.body);
    assert.equal(third.json().code, 'rate_limited');
    assert.equal((await uploadImport(api, await person(), { name: 'log.csv', bytes: csv(3) })).statusCode, 202);
  });

  it('answers a form without a file, and a JSON body, with a clear 4xx', async () => {
    const me = await person();
    const noFile = await api.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: Buffer.from('--b\r\ncontent-disposition: form-data; name="format"\r\n\r\ncsv\r\n--b--\r\n'),
      headers: { 'content-type': 'multipart/form-data; boundary=b', authorization: `Bearer ${me.token}` },
    });
    assert.equal(noFile.statusCode, 400, noFile.body);
    assert.match(noFile.json().detail, /no "file" field/);
    const json = await api.call('POST', '/api/v1/imports', { token: me.token, body: { file: 'x' } });
    assert.equal(json.statusCode, 415, json.body);
  });
});
