// The in-process API of test/support/api-harness.ts with what the team suites add: people with
// records of their own, team tenants made by the operator, invitations followed from the outbox,
// and the audit rows of a tenant read back after checking its chain.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { listOutbox } from '../../../src/adapters/mail/list-outbox.ts';
import { verifyAuditChain } from '../../../src/app/audit/verify-audit-chain.ts';
import type { Role } from '../../../src/app/ports.ts';
import { createTenant } from '../../../src/app/tenancy/create-tenant.ts';
import type { Services } from '../../../src/composition/services.ts';
import { openApi, PUBLIC_URL, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import type { DatabaseKind } from '../../support/databases.ts';

/** `label` with a capital first letter, for names. */
const titled = (label: string) => `${label[0]!.toUpperCase()}${label.slice(1)}`;
/** `label` made unique within a database, for emails and slugs. */
const unique = (label: string) => `${label}-${uuidv7().slice(-12)}`;

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

export class TeamApi implements ApiHarness {
  #ips = 0;
  readonly app: FastifyInstance;
  readonly services: Services;
  /** A JSON request; the bearer credential is an access token or an API key. */
  readonly call: ApiHarness['call'];
  readonly mailTo: ApiHarness['mailTo'];
  readonly close: ApiHarness['close'];

  private constructor(harness: ApiHarness) {
    ({ app: this.app, services: this.services, call: this.call, mailTo: this.mailTo, close: this.close } = harness);
  }

  static async open(kind: DatabaseKind): Promise<TeamApi> {
    return new TeamApi(await openApi(kind));
  }

  /** Signs a person up, verifies and signs them in, each from an address of their own so the auth routes' per-IP limits stay out of the way. */
  async person(label: string): Promise<Person> {
    this.#ips += 1;
    const ip = `10.77.${this.#ips >> 8}.${this.#ips & 255}`;
    const email = `${unique(label)}@example.test`;
    const name = `${titled(label)} Tester`;
    const { userId, tenantId, accessToken } = await signUpVerified(this, email, name, { ip });
    return { userId, email, name, personalTenantId: tenantId, token: accessToken };
  }

  /** A team tenant made by the operator (as `vitalis` does), with `admin` as its first admin. */
  async teamTenant(label: string, admin: Person): Promise<string> {
    const tenant = await createTenant(this.services.deps, {
      slug: unique(label),
      name: `${titled(label)} Team`,
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
