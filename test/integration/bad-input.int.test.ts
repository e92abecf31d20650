import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildAdminServer } from '../../src/api/admin-server.ts';
import { createMetricsRegistry } from '../../src/api/plugins/metrics.ts';
import { registerApiRoutes } from '../../src/api/routes/index.ts';
import { buildServer } from '../../src/api/server.ts';
import { createAdminOps } from '../../src/composition/admin-ops.ts';
import { openServices, type Services } from '../../src/composition/services.ts';
import { parseConfig } from '../../src/config.ts';
import { adminOpNames } from '../../src/contracts/admin-ops.ts';

const BODY_LIMIT = 16 * 1024;

/** Bodies no route should accept; each must get a 4xx problem+json and write nothing. */
const badBodies: Array<{ name: string; payload: string; contentType: string }> = [
  { name: 'malformed JSON', payload: '{"slug": "x",', contentType: 'application/json' },
  { name: 'JSON that is not an object', payload: '[1,2,3]', contentType: 'application/json' },
  { name: 'a bare number', payload: '42', contentType: 'application/json' },
  { name: 'wrong types', payload: JSON.stringify({ slug: 42, name: ['x'], type: {}, to: 7, limit: 'many', tenant: false }), contentType: 'application/json' },
  { name: 'unknown fields', payload: JSON.stringify({ slug: 'fuzz-unknown', name: 'Fuzz', surprise: true }), contentType: 'application/json' },
  { name: 'an oversized body', payload: JSON.stringify({ name: 'x'.repeat(BODY_LIMIT * 2) }), contentType: 'application/json' },
  { name: 'a prototype-pollution attempt', payload: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}', contentType: 'application/json' },
  { name: 'an unsupported content type', payload: 'slug=x', contentType: 'application/x-www-form-urlencoded' },
];

describe('bad input never gets a 5xx and writes nothing', () => {
  let dir: string;
  let services: Services;
  let api: FastifyInstance;
  let admin: FastifyInstance;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vitalis-fuzz-'));
    const config = parseConfig({ VITALIS_DATA_DIR: dir, LOG_LEVEL: 'silent', BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    const logger = pino({ level: 'silent' });
    services = await openServices(config, logger);
    api = await buildServer({
      logger,
      meta: { name: 'vitalis', version: 'test', mode: services.mode },
      readiness: services.readiness,
      metrics: createMetricsRegistry({ poolStats: () => services.db.poolStats() }),
      bodyLimitBytes: BODY_LIMIT,
      corsOrigins: [],
      rateLimitPerMinute: 100_000,
      routes: [(app) => registerApiRoutes(app, services.identity, services.imports, services.insight, services.connections, services.monitoring)],
    });
    admin = buildAdminServer(logger, createAdminOps(services), BODY_LIMIT);
  });

  after(async () => {
    await api.close();
    await admin.close();
    await services.close();
    await rm(dir, { recursive: true, force: true });
  });

  const tenantCount = () =>
    services.tx.withSystem('test counts tenants', async (sql) => Number((await sql.query<{ n: string }>('select count(*) as n from tenants'))[0]!.n));

  async function assertRefused(app: FastifyInstance, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string) {
    for (const body of badBodies) {
      const res = await app.inject({ method, url, payload: body.payload, headers: { 'content-type': body.contentType } });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${method} ${url} with ${body.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${method} ${url} with ${body.name}`);
      const problem = res.json();
      assert.equal(typeof problem.code, 'string');
      assert.equal(problem.status, res.statusCode);
    }
  }

  it('on every operator command of the admin socket', async () => {
    const before = await tenantCount();
    for (const name of adminOpNames) await assertRefused(admin, 'POST', `/admin/ops/${name}`);
    await assertRefused(admin, 'POST', '/admin/ops/no-such-op');
    assert.equal(await tenantCount(), before);
  });

  it('on every public route that takes a body, and every route with a wrong method', async () => {
    const spec = (await api.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.keys(spec.paths);
    assert.ok(paths.length > 0);
    for (const route of paths) {
      const url = route.replace(/\{[^}]+\}/g, '00000000-0000-0000-0000-000000000000');
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) await assertRefused(api, method, url);
      const res = await api.inject({ url: `${url}?from=not-a-date&limit=-1&%zz=1` });
      assert.ok(res.statusCode < 500, `GET ${url} with a garbled query: ${res.statusCode}`);
    }
  });

  it('answers specific, stable codes for each kind of mistake', async () => {
    const send = (payload: string, contentType = 'application/json') =>
      admin.inject({ method: 'POST', url: '/admin/ops/create-tenant', payload, headers: { 'content-type': contentType } });
    assert.equal((await send('{"slug":')).json().code, 'malformed_json');
    assert.equal((await send(JSON.stringify({ slug: 1, name: 'x' }))).json().code, 'validation_failed');
    assert.equal((await send(JSON.stringify({ slug: 'ok', name: 'x', extra: 1 }))).json().code, 'validation_failed');
    assert.equal((await send(JSON.stringify({ name: 'x'.repeat(BODY_LIMIT * 2) }))).statusCode, 413);
    assert.equal((await send('a=b', 'text/plain')).statusCode, 415);
  });
});
