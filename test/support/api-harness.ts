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
  /** The newest mail to `to` once the queue has delivered it to the outbox. */
  mailTo(to: string, subjectMatch?: RegExp): Promise<{ subject: string; text: string; links: string[] }>;
  close(): Promise<void>;
}

/**
 * The real API in-process — every service opened from configuration (PGlite in a temp folder,
 * or a fresh Postgres database), the queue worker running, driven with app.inject.
 */
export async function openApi(kind: DatabaseKind = 'pglite', env: Record<string, string> = {}): Promise<ApiHarness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-api-'));
  const scratch = kind === 'postgres' && POSTGRES_URL ? await scratchPostgres() : undefined;
  const config = parseConfig({
    VITALIS_DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://vitalis.test',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...env,
  });
  const logger = pino({ level: 'silent' });
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
    routes: [(a) => registerApiRoutes(a, services.identity)],
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
    async mailTo(to, subjectMatch) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const mail = (await listOutbox(services.tx, { to, limit: 20 })).find((m) => !subjectMatch || subjectMatch.test(m.subject));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 50));
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

/** Signs a person up through the API, follows the verification link, and signs them in. */
export async function signUpVerified(api: ApiHarness, email: string, name = 'Test Person') {
  const signUp = await api.call('POST', '/api/v1/auth/sign-up', { body: { email, password: STRONG_PASSWORD, name } });
  if (signUp.statusCode !== 201) throw new Error(`sign-up failed: ${signUp.body}`);
  const mail = await api.mailTo(email, /Confirm your email/);
  const token = new URL(mail.links[0]!).searchParams.get('token')!;
  const verified = await api.call('POST', '/api/v1/auth/verify-email', { body: { token } });
  if (verified.statusCode !== 200) throw new Error(`verification failed: ${verified.body}`);
  const signIn = await api.call('POST', '/api/v1/auth/sign-in', { body: { email, password: STRONG_PASSWORD } });
  if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.body}`);
  const { user, tenant } = signUp.json() as { user: { id: string }; tenant: { id: string } };
  return { userId: user.id, tenantId: tenant.id, ...(signIn.json() as { accessToken: string; refreshToken: string }) };
}
