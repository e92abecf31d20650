import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import { databaseKinds } from '../support/databases.ts';
import { openApi, signUpVerified, STRONG_PASSWORD, type ApiHarness } from '../support/api-harness.ts';

const codeAt = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

for (const kind of databaseKinds) {
  describe(`identity and access on ${kind}`, () => {
    let api: ApiHarness;
    let n = 0;
    const email = (label: string) => `${label}-${(n += 1)}-${kind}@example.org`;

    before(async () => {
      api = await openApi(kind);
    });
    after(() => api.close());

    async function actions(userId: string): Promise<string[]> {
      return api.services.tx.withSystem('test reads the audit log', async (sql) =>
        (await sql.query<{ action: string }>('select action from audit_log where actor_user_id = $1 order by at, seq', [userId])).map((r) => r.action),
      );
    }

    it('signs up, refuses sign-in until the email is verified (only after a correct password), then signs in', async () => {
      const address = email('ava');
      const up = await api.call('POST', '/api/v1/auth/sign-up', { body: { email: address, password: STRONG_PASSWORD, name: 'Ava' } });
      assert.equal(up.statusCode, 201, up.body);
      assert.equal(up.json().tenant.name, 'Ava');

      const wrong = await api.call('POST', '/api/v1/auth/sign-in', { body: { email: address, password: 'not the password at all' } });
      assert.equal(wrong.json().code, 'invalid_credentials');
      const unverified = await api.call('POST', '/api/v1/auth/sign-in', { body: { email: address, password: STRONG_PASSWORD } });
      assert.equal(unverified.statusCode, 403);
      assert.equal(unverified.json().code, 'email_not_verified');

      const mail = await api.mailTo(address, /Confirm your email/);
      assert.match(mail.links[0]!, /^http:\/\/vitalis\.test\/verify-email\?token=/);
      const token = new URL(mail.links[0]!).searchParams.get('token')!;
      assert.equal((await api.call('POST', '/api/v1/auth/verify-email', { body: { token } })).statusCode, 200);
      assert.equal((await api.call('POST', '/api/v1/auth/verify-email', { body: { token } })).json().code, 'invalid_token', 'a link works once');

      const signedIn = await api.call('POST', '/api/v1/auth/sign-in', { body: { email: address.toUpperCase(), password: STRONG_PASSWORD } });
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      const pair = signedIn.json();
      assert.ok(pair.expiresIn <= 900);
      const me = await api.call('GET', '/api/v1/me', { token: pair.accessToken });
      assert.equal(me.json().user.email, address);
      assert.equal(me.json().user.emailVerified, true);
      assert.deepEqual(me.json().memberships.map((m: { role: string; tenantType: string }) => [m.role, m.tenantType]), [['admin', 'personal']]);
      assert.deepEqual(await actions(me.json().user.id), ['user.signed_up', 'auth.sign_in_failed', 'user.email_verified', 'auth.signed_in']);
    });

    it('answers an unknown email exactly like a wrong password', async () => {
      const unknown = await api.call('POST', '/api/v1/auth/sign-in', { body: { email: email('nobody'), password: 'whatever it may be' } });
      const person = await signUpVerified(api, email('known'));
      const known = await api.call('POST', '/api/v1/auth/sign-in', { body: { email: (await api.call('GET', '/api/v1/me', { token: person.accessToken })).json().user.email, password: 'whatever it may be' } });
      assert.equal(unknown.statusCode, 401);
      assert.equal(known.statusCode, 401);
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      assert.deepEqual(strip(unknown.json()), strip(known.json()));
    });

    it('refuses weak passwords and a second account for one email', async () => {
      const weak = await api.call('POST', '/api/v1/auth/sign-up', { body: { email: email('weak'), password: 'password1234', name: 'W' } });
      assert.equal(weak.statusCode, 400);
      assert.match(weak.json().detail, /too common|at least/);
      const address = email('twice');
      await signUpVerified(api, address);
      const again = await api.call('POST', '/api/v1/auth/sign-up', { body: { email: address, password: STRONG_PASSWORD, name: 'T' } });
      assert.equal(again.statusCode, 409);
    });

    it('rotates refresh tokens; presenting a rotated one revokes the whole family', async () => {
      const person = await signUpVerified(api, email('rotate'));
      const first = await api.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: person.refreshToken } });
      assert.equal(first.statusCode, 200);
      const second = first.json();
      assert.notEqual(second.refreshToken, person.refreshToken);

      const replay = await api.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: person.refreshToken } });
      assert.equal(replay.statusCode, 401);
      const afterReplay = await api.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: second.refreshToken } });
      assert.equal(afterReplay.statusCode, 401, 'the newest token of the family is dead too');
      assert.equal((await api.call('GET', '/api/v1/me', { token: second.accessToken })).statusCode, 401, 'and so are its access tokens');
      assert.ok((await actions(person.userId)).includes('auth.refresh_reuse_detected'));
    });

    it('signs out one session, or every session everywhere', async () => {
      const address = email('everywhere');
      const a = await signUpVerified(api, address);
      const b = (await api.call('POST', '/api/v1/auth/sign-in', { body: { email: address, password: STRONG_PASSWORD } })).json();
      const c = (await api.call('POST', '/api/v1/auth/sign-in', { body: { email: address, password: STRONG_PASSWORD } })).json();

      assert.equal((await api.call('POST', '/api/v1/auth/sign-out', { token: c.accessToken, body: { refreshToken: c.refreshToken } })).statusCode, 204);
      assert.equal((await api.call('GET', '/api/v1/me', { token: c.accessToken })).statusCode, 401);
      assert.equal((await api.call('GET', '/api/v1/me', { token: a.accessToken })).statusCode, 200);

      assert.equal((await api.call('POST', '/api/v1/auth/sign-out-everywhere', { token: a.accessToken })).statusCode, 204);
      for (const session of [a, b]) {
        assert.equal((await api.call('GET', '/api/v1/me', { token: session.accessToken })).statusCode, 401);
        assert.equal((await api.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).statusCode, 401);
      }
      assert.ok((await actions(a.userId)).includes('auth.signed_out_everywhere'));
    });

    it('enrols TOTP, then needs a code: a replayed or two-steps-old code is refused, a recovery code works once', async () => {
      const address = email('mfa');
      const person = await signUpVerified(api, address);
      const enrol = (await api.call('POST', '/api/v1/auth/mfa/totp/enroll', { token: person.accessToken })).json();
      assert.match(enrol.otpauthUri, /^otpauth:\/\/totp\//);
      assert.match(enrol.qrSvg, /^<svg/);
      const stored = await api.services.tx.withSystem('test reads the stored secret', (sql) =>
        sql.query<{ s: string }>('select mfa_pending_secret as s from credentials where user_id = $1', [person.userId]),
      );
      assert.doesNotMatch(stored[0]!.s, new RegExp(enrol.secret), 'the secret is encrypted at rest');

      assert.equal((await api.call('POST', '/api/v1/auth/mfa/totp/confirm', { token: person.accessToken, body: { code: '000000' } })).statusCode, 400);
      const confirmed = await api.call('POST', '/api/v1/auth/mfa/totp/confirm', { token: person.accessToken, body: { code: await codeAt(enrol.secret) } });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      const { recoveryCodes } = confirmed.json();
      assert.equal(recoveryCodes.length, 10);
      assert.equal(new Set(recoveryCodes).size, 10);

      const signIn = (totp?: string) => api.call('POST', '/api/v1/auth/sign-in', { body: { email: address, password: STRONG_PASSWORD, ...(totp ? { totp } : {}) } });
      assert.equal((await signIn()).json().code, 'mfa_required');
      assert.equal((await signIn(await codeAt(enrol.secret, -60))).json().code, 'invalid_credentials', 'two steps old');
      const enrolmentCode = await codeAt(enrol.secret);
      assert.equal((await signIn(enrolmentCode)).statusCode, 401, 'the code used to confirm is spent');
      const next = await codeAt(enrol.secret, 30);
      assert.equal((await signIn(next)).statusCode, 200, 'one step of drift is fine');
      assert.equal((await signIn(next)).statusCode, 401, 'a code is accepted once');

      assert.equal((await signIn(recoveryCodes[0])).statusCode, 200);
      assert.equal((await signIn(recoveryCodes[0])).statusCode, 401, 'a recovery code works once');
      assert.equal((await signIn(recoveryCodes[1].toUpperCase())).statusCode, 200, 'typed in capitals');

      const disable = await api.call('POST', '/api/v1/auth/mfa/totp/disable', { token: person.accessToken, body: { currentPassword: 'wrong password here' } });
      assert.equal(disable.statusCode, 401, 're-authentication is required');
      assert.equal((await api.call('POST', '/api/v1/auth/mfa/totp/disable', { token: person.accessToken, body: { currentPassword: STRONG_PASSWORD } })).statusCode, 204);
      assert.equal((await signIn()).statusCode, 200);
      const audit = await actions(person.userId);
      for (const action of ['auth.mfa_enabled', 'auth.mfa_failed', 'auth.recovery_code_used', 'auth.mfa_disabled']) assert.ok(audit.includes(action), action);
    });

    it('limits sign-in attempts per account for a while, without a permanent lockout', async () => {
      const limited = await openApi(kind);
      try {
        const address = email('locked');
        await signUpVerified(limited, address);
        const attempt = (password: string, ip: string) => limited.call('POST', '/api/v1/auth/sign-in', { body: { email: address, password }, ip });
        const codes: number[] = [];
        // Spread over many addresses, as a botnet would: the per-account budget still holds.
        for (let i = 0; i < 100; i += 1) codes.push((await attempt('wrong password guess', `10.0.${Math.floor(i / 50)}.${i % 50}`)).statusCode);
        assert.deepEqual(new Set(codes), new Set([401]), '100 failures an hour are answered normally');
        const blocked = await attempt(STRONG_PASSWORD, '10.9.9.9');
        assert.equal(blocked.statusCode, 429);
        assert.ok(Number(blocked.headers['retry-after']) > 0 && Number(blocked.headers['retry-after']) <= 3600, 'the lock ends within the hour');
        await limited.services.rateLimiter.reset(`sign-in:account:${limited.services.identity.random.digest(address)}`);
        assert.equal((await attempt(STRONG_PASSWORD, '10.9.9.9')).statusCode, 200, 'once the window passes, the person gets in');
      } finally {
        await limited.close();
      }
    });

    it('resets a forgotten password by mail, ending every session; the request answers alike for unknown addresses', async () => {
      const address = email('forgot');
      const person = await signUpVerified(api, address);
      assert.equal((await api.call('POST', '/api/v1/auth/password-reset/request', { body: { email: email('stranger') } })).statusCode, 202);
      assert.equal((await api.call('POST', '/api/v1/auth/password-reset/request', { body: { email: address } })).statusCode, 202);
      const mail = await api.mailTo(address, /Reset your/);
      const token = new URL(mail.links[0]!).searchParams.get('token')!;
      assert.equal((await api.call('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'short' } })).statusCode, 400);
      const reset = await api.call('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'a brand new passphrase 42' } });
      assert.equal(reset.statusCode, 200, reset.body);
      assert.equal((await api.call('GET', '/api/v1/me', { token: person.accessToken })).statusCode, 401);
      assert.equal((await api.call('POST', '/api/v1/auth/sign-in', { body: { email: address, password: STRONG_PASSWORD } })).statusCode, 401);
      assert.equal((await api.call('POST', '/api/v1/auth/sign-in', { body: { email: address, password: 'a brand new passphrase 42' } })).statusCode, 200);
    });

    it('changes password and email only with the current password', async () => {
      const address = email('change');
      const person = await signUpVerified(api, address);
      const other = (await api.call('POST', '/api/v1/auth/sign-in', { body: { email: address, password: STRONG_PASSWORD } })).json();
      const refused = await api.call('POST', '/api/v1/auth/change-password', { token: person.accessToken, body: { currentPassword: 'not it at all', newPassword: 'another fine passphrase 7' } });
      assert.equal(refused.statusCode, 401);
      const changed = await api.call('POST', '/api/v1/auth/change-password', { token: person.accessToken, body: { currentPassword: STRONG_PASSWORD, newPassword: 'another fine passphrase 7' } });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal((await api.call('GET', '/api/v1/me', { token: person.accessToken })).statusCode, 200, 'this session goes on');
      assert.equal((await api.call('GET', '/api/v1/me', { token: other.accessToken })).statusCode, 401, 'other sessions end');

      const newAddress = email('changed');
      const asked = await api.call('POST', '/api/v1/auth/change-email', { token: person.accessToken, body: { currentPassword: 'another fine passphrase 7', newEmail: newAddress } });
      assert.equal(asked.statusCode, 202);
      const mail = await api.mailTo(newAddress, /new email/);
      await api.call('POST', '/api/v1/auth/verify-email', { body: { token: new URL(mail.links[0]!).searchParams.get('token') } });
      assert.equal((await api.call('GET', '/api/v1/me', { token: person.accessToken })).json().user.email, newAddress);
    });

    it('lets a tenant require MFA: without it a person is turned away from that tenant, with it they get in', async () => {
      const address = email('strict');
      const person = await signUpVerified(api, address);
      await api.services.tx.withSystem('test: the tenant turns on require_mfa', (sql) =>
        sql.query('update tenants set require_mfa = true where id = $1', [person.tenantId]),
      );
      const { resolveTenant } = await import('../../src/app/identity/resolve-tenant.ts');
      const { authenticate } = await import('../../src/app/identity/authenticate.ts');
      const without = await authenticate(api.services.identity, person.accessToken);
      await assert.rejects(resolveTenant(api.services.identity, without), { code: 'mfa_enrollment_required' });

      const enrol = (await api.call('POST', '/api/v1/auth/mfa/totp/enroll', { token: person.accessToken })).json();
      await api.call('POST', '/api/v1/auth/mfa/totp/confirm', { token: person.accessToken, body: { code: await codeAt(enrol.secret) } });
      const withMfa = await authenticate(api.services.identity, person.accessToken);
      assert.equal((await resolveTenant(api.services.identity, withMfa)).role, 'admin');
    });

    it('refuses requests without a valid bearer, and a tenant the person does not belong to answers 404', async () => {
      assert.equal((await api.call('GET', '/api/v1/me')).statusCode, 401);
      assert.equal((await api.call('GET', '/api/v1/me', { token: 'not-a-jwt' })).json().code, 'unauthorized');
      const a = await signUpVerified(api, email('tenant-a'));
      const b = await signUpVerified(api, email('tenant-b'));
      const { resolveTenant } = await import('../../src/app/identity/resolve-tenant.ts');
      const { authenticate } = await import('../../src/app/identity/authenticate.ts');
      const principal = await authenticate(api.services.identity, a.accessToken);
      assert.equal((await resolveTenant(api.services.identity, principal)).tenantId, a.tenantId);
      await assert.rejects(resolveTenant(api.services.identity, principal, b.tenantId), { code: 'not_found' });
    });
  });
}
