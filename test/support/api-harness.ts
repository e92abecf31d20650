import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { listOutbox } from '../../src/adapters/mail/list-outbox.ts';
import { createMetricsRegistry } from '../../src/api/plugins/metrics.ts';
import { registerApiRoutes } from '../../src/api/routes/index.ts';
import { buildServer } from '../../src/api/server.ts';
import { openServices, type Services } from '../../src/composition/services.ts';
import { parseConfig } from '../../src/config.ts';
import { createProcessors } from '../../src/worker/processors/index.ts';
import { POSTGRES_URL, scratchPostgres, type DatabaseKind } from './databases.ts';

export interface ApiHarness {
  app: FastifyInstance;
  services: Services;
  /** JSON request with an optional bearer token and tenant. */
  call(method: string, url: string, options?: { body?: unknown; token?: string; tenantId?: string; ip?: string }): Promise<LightMyRequestResponse>;
  /** The newest mail to `to` (whose subject matches) once the queue has delivered at least `count` such mails to the outbox. */
  mailTo(to: string, subjectMatch?: RegExp, count?: number): Promise<{ subject: string; text: string; links: string[] }>;
  close(): Promise<void>;
}

export const PUBLIC_URL = 'http://vitalis.test';

/**
 * The real API in-process — every service opened from configuration (PGlite in a temp folder,
 * or a fresh Postgres database), the queue worker running, driven with app.inject.
 *
 * The logger is silent unless VITALIS_TEST_LOG names a pino level: VITALIS_TEST_LOG=error
 * shows what is behind a 500 while debugging a suite. A test that reads the logs passes its own.
 */
export async function openApi(kind: DatabaseKind = 'pglite', env: Record<string, string | undefined> = {}, options: { logger?: pino.Logger } = {}): Promise<ApiHarness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-api-'));
  const scratch = kind === 'postgres' && POSTGRES_URL ? await scratchPostgres() : undefined;
  const config = parseConfig({
    VITALIS_DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    PUBLIC_URL,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...env,
  });
  const logger = options.logger ?? pino({ level: process.env.VITALIS_TEST_LOG || 'silent' });
  const services = await openServices(config, logger);
  await services.queue.work(createProcessors(services), { concurrency: 2 });
  const app = await buildServer({
    logger,
    meta: { name: 'vitalis', version: 'test', mode: services.mode },
    readiness: services.readiness,
    metrics: createMetricsRegistry({ poolStats: () => services.db.poolStats() }),
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    corsOrigins: [],
    rateLimitPerMinute: 100_000,
    routes: [(a) => registerApiRoutes(a, services.identity, services.imports, services.insight, services.connections, services.monitoring)],
  });

  return {
    app,
    services,
    call(method, url, options = {}) {
      return app.inject({
        method: method as 'GET',
        url,
        ...(options.body !== undefined ? { payload: options.body as object } : {}),
        ...(options.ip ? { remoteAddress: options.ip } : {}),
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.tenantId ? { 'x-tenant-id': options.tenantId } : {}),
        },
      });
    },
    async mailTo(to, subjectMatch, count = 1) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const mails = (await listOutbox(services.tx, { to, limit: Math.max(50, count) })).filter((m) => !subjectMatch || subjectMatch.test(m.subject));
        if (mails.length >= count) return mails[0]!;
        if (Date.now() > deadline) throw new Error(`no mail ${count} to ${to}${subjectMatch ? ` matching ${subjectMatch}` : ''} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await app.close();
      await services.close();
      await scratch?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const STRONG_PASSWORD = 'tidal granite overture 19';

/**
 * Signs a person up through the API, follows the verification link, and signs them in — all
 * from `ip` when given (a fresh address per person keeps the auth routes' per-IP limits away).
 */
export async function signUpVerified(api: ApiHarness, email: string, name = 'Test Person', options: { ip?: string } = {}) {
  const post = (url: string, body: object) => api.call('POST', url, { body, ip: options.ip });
  const signUp = await post('/api/v1/auth/sign-up', { email, password: STRONG_PASSWORD, name });
  if (signUp.statusCode !== 201) throw new Error(`sign-up failed: ${signUp.body}`);
  const mail = await api.mailTo(email, /Confirm your email/);
  const link = mail.links.find((l) => l.includes('verify-email'));
  if (!link) throw new Error(`the verification mail carries no link: ${mail.links.join(', ')}`);
  const token = new URL(link).searchParams.get('token')!;
  const verified = await post('/api/v1/auth/verify-email', { token });
  if (verified.statusCode !== 200) throw new Error(`verification failed: ${verified.body}`);
  const signIn = await post('/api/v1/auth/sign-in', { email, password: STRONG_PASSWORD });
  if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.body}`);
  const { user, tenant } = signUp.json() as { user: { id: string }; tenant: { id: string } };
  return { userId: user.id, tenantId: tenant.id, ...(signIn.json() as { accessToken: string; refreshToken: string }) };
}
