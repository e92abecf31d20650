import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { createMetricsRegistry } from './plugins/metrics.ts';
import { buildServer } from './server.ts';

describe('the API serves the web app', () => {
  let root: string;
  let app: FastifyInstance;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vitalis-web-root-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Vitalis</title><div id="root"></div>');
    await writeFile(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await buildServer({
      logger: pino({ level: 'silent' }),
      meta: { name: 'vitalis', version: '9.9.9', mode: 'embedded' },
      readiness: { database: async () => undefined },
      metrics: createMetricsRegistry({
        poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
        queueStats: async () => ({ waiting: 0, active: 0, delayed: 0, completed: 0, dead: 0 }),
      }),
      bodyLimitBytes: 1024,
      corsOrigins: [],
      rateLimitPerMinute: 1000,
      webRoot: root,
    });
  });
  after(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, with their query strings', async () => {
    for (const url of ['/', '/sign-in', '/members', '/verify-email?token=abc.def', '/invitations/accept?token=x']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.match(res.body, /<title>Vitalis<\/title>/, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
    }
  });

  it('serves the built files, hashed assets cacheable for good', async () => {
    const res = await app.inject({ url: '/assets/index-abc123.js' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('keeps the API, the docs and missing files as problem+json 404s', async () => {
    for (const url of ['/api/v1/nope', '/api', '/api/v1/me/anything?x=1', '/docs/nope', '/assets/missing.js', '/favicon.ico']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, url);
      assert.equal(res.json().code, 'not_found', url);
    }
    const post = await app.inject({ method: 'POST', url: '/sign-in', payload: {} });
    assert.equal(post.statusCode, 404);
    assert.match(String(post.headers['content-type']), /^application\/problem\+json/);
  });

  it('still answers the operations routes and the OpenAPI document, which does not list the fallback', async () => {
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    const openapi = await app.inject({ url: '/openapi.json' });
    assert.equal(openapi.statusCode, 200);
    assert.equal(Object.keys(openapi.json().paths).includes('/*'), false);
  });
});
