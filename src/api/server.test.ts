import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { createMetricsRegistry } from './plugins/metrics.ts';
import { buildServer, type ServerOptions } from './server.ts';

function options(overrides: Partial<ServerOptions> = {}): ServerOptions {
  return {
    logger: pino({ level: 'silent' }),
    meta: { name: 'vitalis', version: '9.9.9', mode: 'embedded' },
    readiness: { database: async () => undefined },
    metrics: createMetricsRegistry({
      poolStats: () => ({ total: 2, idle: 1, waiting: 0 }),
      queueStats: async () => ({ waiting: 3, active: 1, delayed: 0, completed: 5, dead: 2 }),
    }),
    bodyLimitBytes: 1024,
    corsOrigins: ['https://app.example.org'],
    rateLimitPerMinute: 1000,
    ...overrides,
  };
}

describe('HTTP server', () => {
  it('answers /healthz and echoes a sane x-request-id, minting one otherwise', async () => {
    const app = await buildServer(options());
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(given.statusCode, 200);
    assert.deepEqual(given.json(), { status: 'ok' });
    assert.equal(given.headers['x-request-id'], 'abc-123');
    const hostile = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'a b\u0000<script>' } });
    assert.match(String(hostile.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    await app.close();
  });

  it('reports readiness per dependency and 503 when one fails', async () => {
    const app = await buildServer(
      options({ readiness: { database: async () => undefined, redis: async () => Promise.reject(new Error('down')) } }),
    );
    const res = await app.inject({ url: '/readyz' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { status: 'failing', checks: { database: 'ok', redis: 'failing' } });
    await app.close();
  });

  it('answers unknown routes with problem+json 404', async () => {
    const app = await buildServer(options());
    const res = await app.inject({ url: '/api/v1/nope' });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.json().code, 'not_found');
    assert.equal(res.json().requestId, res.headers['x-request-id']);
    await app.close();
  });

  it('hides the details of a 5xx', async () => {
    const app = await buildServer(options());
    app.get('/boom', async () => {
      throw new Error('select * from secret_table where password = hunter2');
    });
    const res = await app.inject({ url: '/boom' });
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().code, 'internal');
    assert.doesNotMatch(res.body, /secret_table|hunter2|at /);
    await app.close();
  });

  it('exposes Prometheus metrics: requests per route and status, latency, queue depth, pool use, process', async () => {
    const app = await buildServer(options());
    await app.inject({ url: '/healthz' });
    await app.inject({ url: '/nope' });
    const text = (await app.inject({ url: '/metrics' })).body;
    assert.match(text, /vitalis_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
    assert.match(text, /vitalis_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    assert.match(text, /vitalis_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz",status="200"\}/);
    assert.match(text, /vitalis_queue_jobs\{state="waiting"\} 3/);
    assert.match(text, /vitalis_queue_jobs\{state="dead"\} 2/);
    assert.match(text, /vitalis_db_pool_connections\{state="total"\} 2/);
    assert.match(text, /vitalis_process_resident_memory_bytes/);
    await app.close();
  });

  it('serves OpenAPI 3 and a docs page', async () => {
    const app = await buildServer(options());
    const spec = (await app.inject({ url: '/openapi.json' })).json();
    assert.match(spec.openapi, /^3\./);
    assert.ok(spec.paths['/readyz']);
    assert.ok(spec.paths['/api/v1/meta'].get.responses['200']);
    const docs = await app.inject({ url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
    await app.close();
  });

  it('sets security headers and allows CORS only for configured origins', async () => {
    const app = await buildServer(options());
    const allowed = await app.inject({ url: '/api/v1/meta', headers: { origin: 'https://app.example.org' } });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.org');
    assert.equal(allowed.headers['x-content-type-options'], 'nosniff');
    assert.ok(allowed.headers['content-security-policy']);
    assert.ok(allowed.headers['strict-transport-security']);
    const other = await app.inject({ url: '/api/v1/meta', headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    await app.close();
  });

  it('rate-limits a client past its budget with problem+json 429', async () => {
    const app = await buildServer(options({ rateLimitPerMinute: 2 }));
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push((await app.inject({ url: '/api/v1/meta' })).statusCode);
    assert.deepEqual(codes, [200, 200, 429]);
    const limited = await app.inject({ url: '/api/v1/meta' });
    assert.equal(limited.json().code, 'rate_limited');
    assert.ok(limited.headers['retry-after']);
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'probes are never rate-limited');
    await app.close();
  });

  it('serves only health and metrics on a worker node', async () => {
    const app = await buildServer(options({ operationsOnly: true }));
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    assert.equal((await app.inject({ url: '/api/v1/meta' })).statusCode, 404);
    await app.close();
  });
});
