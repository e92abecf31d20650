// An in-process API for the team suites: every service opened from configuration (PGlite in a
// temp folder, or a fresh Postgres database), the queue worker delivering mail to the outbox,
// and people signed up, verified and signed in through the real routes.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import { listOutbox } from '../../../src/adapters/mail/list-outbox.ts';
import { verifyAuditChain } from '../../../src/app/audit/verify-audit-chain.ts';
import type { Role } from '../../../src/app/ports.ts';
import { createTenant } from '../../../src/app/tenancy/create-tenant.ts';
import { createMetricsRegistry } from '../../../src/api/plugins/metrics.ts';
import { registerApiRoutes } from '../../../src/api/routes/index.ts';
import { buildServer } from '../../../src/api/server.ts';
import { openServices, type Services } from '../../../src/composition/services.ts';
import { parseConfig } from '../../../src/config.ts';
import { createProcessors } from '../../../src/worker/processors/index.ts';
import { POSTGRES_URL, type DatabaseKind } from '../../support/databases.ts';

export const PUBLIC_URL = 'http://vitalis.test';
const PASSWORD = 'tidal granite overture 19';

export interface Person {
  userId: string;
  email: string;
  name: string;
  personalTenantId: string;
  /** Access token of a live session. */
  token: string;
}

export interface AuditRow {
  action: string;
  actorUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface CallOptions {
  body?: unknown;
  /** Bearer credential: an access token or an API key. */
  token?: string;
  tenantId?: string;
}

/**
 * A Postgres database of its own, dropped by close(). (freshPostgres drops its database in an
 * `after` of the test that calls it, which is too early when a `before` hook is that test.)
 */
class PostgresScratch {
  private constructor(
    readonly url: string,
    private readonly name: string,
  ) {}

  static async create(): Promise<PostgresScratch> {
    if (!POSTGRES_URL) throw new Error('DATABASE_URL is not set');
    const name = `vitalis_teams_${uuidv7().replace(/-/g, '').slice(-16)}`;
    await PostgresScratch.admin(`create database ${name}`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    return new PostgresScratch(url.toString(), name);
  }

  drop(): Promise<void> {
    return PostgresScratch.admin(`drop database if exists ${this.name} with (force)`);
  }

  private static async admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }
}

export class TeamApi {
  #ips = 0;

  private constructor(
    readonly app: FastifyInstance,
    readonly services: Services,
    private readonly dir: string,
    private readonly database?: PostgresScratch,
  ) {}

  static async open(kind: DatabaseKind): Promise<TeamApi> {
    const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-teams-'));
    const database = kind === 'postgres' ? await PostgresScratch.create() : undefined;
    const config = parseConfig({
      VITALIS_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      PUBLIC_URL,
      ...(database ? { DATABASE_URL: database.url } : {}),
    });
    // TEAMS_LOG=error shows what is behind a 500 while debugging a suite.
    const logger = pino({ level: process.env.TEAMS_LOG ?? 'silent' });
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
    return new TeamApi(app, services, dir, database);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.services.close();
    await rm(this.dir, { recursive: true, force: true });
    await this.database?.drop();
  }

  /** A JSON request; each sign-up comes from its own address so the auth routes' per-IP limits stay out of the way. */
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options: CallOptions = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.tenantId ? { 'x-tenant-id': options.tenantId } : {}),
      },
    });
  }

  /** The newest mail to `to` whose subject matches, once at least `count` such mails sit in the outbox (the queue delivers them). */
  async mailTo(to: string, subject: RegExp, count = 1): Promise<{ subject: string; text: string; links: string[] }> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const mails = (await listOutbox(this.services.tx, { to, limit: 50 })).filter((m) => subject.test(m.subject));
      if (mails.length >= count) return mails[0]!;
      if (Date.now() > deadline) throw new Error(`no mail ${count} to ${to} matching ${subject} arrived`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Signs a person up through the API, follows the verification link from the outbox, signs them in. */
  async person(label: string): Promise<Person> {
    this.#ips += 1;
    const remoteAddress = `10.77.${this.#ips >> 8}.${this.#ips & 255}`;
    const email = `${label}-${uuidv7().slice(-12)}@example.test`;
    const name = `${label[0]!.toUpperCase()}${label.slice(1)} Tester`;
    const post = (url: string, body: object) => this.app.inject({ method: 'POST', url, payload: body, remoteAddress });

    const signUp = await post('/api/v1/auth/sign-up', { email, password: PASSWORD, name });
    assert.equal(signUp.statusCode, 201, signUp.body);
    const mail = await this.mailTo(email, /Confirm your email/);
    const link = mail.links.find((l) => l.includes('verify-email'));
    assert.ok(link, 'the verification mail carries a link');
    const verify = await post('/api/v1/auth/verify-email', { token: new URL(link).searchParams.get('token') });
    assert.equal(verify.statusCode, 200, verify.body);
    const signIn = await post('/api/v1/auth/sign-in', { email, password: PASSWORD });
    assert.equal(signIn.statusCode, 200, signIn.body);
    const { user, tenant } = signUp.json() as { user: { id: string }; tenant: { id: string } };
    return { userId: user.id, email, name, personalTenantId: tenant.id, token: (signIn.json() as { accessToken: string }).accessToken };
  }

  /** A team tenant made by the operator (as `vitalis` does), with `admin` as its first admin. */
  async teamTenant(label: string, admin: Person): Promise<string> {
    const tenant = await createTenant(this.services.deps, {
      slug: `${label}-${uuidv7().slice(-12)}`,
      name: `${label[0]!.toUpperCase()}${label.slice(1)} Team`,
      type: 'team',
      admin: { email: admin.email, name: admin.name },
    });
    return tenant.id;
  }

  /** Invites `person` with `role` through the API and accepts from the mailed link; returns the token of the link. */
  async invite(admin: Person, tenantId: string, person: Person, role: Role): Promise<string> {
    const before = await this.invitationMails(person.email);
    const created = await this.call('POST', `/api/v1/tenants/${tenantId}/invitations`, { token: admin.token, body: { email: person.email, role } });
    assert.equal(created.statusCode, 201, created.body);
    return this.invitationToken(person.email, before + 1);
  }

  /** How many invitation mails to `email` the outbox holds. */
  async invitationMails(email: string): Promise<number> {
    return (await listOutbox(this.services.tx, { to: email, limit: 1000 })).filter((m) => /invited to join/.test(m.subject)).length;
  }

  /** The token of the link in the `nth` invitation mailed to `email`. */
  async invitationToken(email: string, nth = 1): Promise<string> {
    const mail = await this.mailTo(email, /invited to join/, nth);
    const link = mail.links.find((l) => l.startsWith(`${PUBLIC_URL}/invitations/accept?`));
    assert.ok(link, `the invitation mail carries an accept link: ${mail.links.join(', ')}`);
    return new URL(link).searchParams.get('token')!;
  }

  async join(admin: Person, tenantId: string, person: Person, role: Role): Promise<void> {
    const token = await this.invite(admin, tenantId, person, role);
    const accepted = await this.call('POST', `/api/v1/invitations/${encodeURIComponent(token)}/accept`, { token: person.token });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.deepEqual(accepted.json(), { tenantId, role });
  }

  /** The tenant's audit chain, in order, after checking every link of it holds. */
  async audit(tenantId: string): Promise<AuditRow[]> {
    return this.services.tx.withSystem('test reads an audit chain', async (sql) => {
      const verdict = await verifyAuditChain(this.services.deps.repos.auditLog, sql, tenantId);
      assert.ok(verdict.ok, `audit chain of ${tenantId} holds: ${JSON.stringify(verdict)}`);
      return sql.query<AuditRow>(
        `select action, actor_user_id as "actorUserId", target_type as "targetType", target_id as "targetId", details
         from audit_log where tenant_id = $1 order by seq`,
        [tenantId],
      );
    });
  }

  /** Audit entries of one action in the tenant's chain. */
  async audited(tenantId: string, action: string): Promise<AuditRow[]> {
    return (await this.audit(tenantId)).filter((e) => e.action === action);
  }
}
