import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { sampleInput } from '../../contracts/ingest.ts';
import { startFakeServer } from '../../../test/fakes/fake-http-server.ts';
import type { OAuthRegistration } from '../../../test/fakes/fake-oauth.ts';
import { postDelivery, startWebhookReceiver, type FakeVendor, type SignedDelivery } from '../../../test/fakes/fake-vendor.ts';
import { retryDelayFor } from './retry-delay.ts';
import type { ListWindow, VendorAdapter, VendorConfig, VendorDeps, VendorNotice, VendorTokens, WebhookDelivery } from './vendor-adapter.ts';
import {
  OAuthStateMismatch,
  VendorAuthRevoked,
  VendorAuthorizationFailed,
  VendorConsentDenied,
  VendorError,
  VendorRateLimited,
  VendorRequestFailed,
  VendorResponseInvalid,
  VendorUnauthorized,
  VendorUnavailable,
  WebhookRejected,
  type WebhookRejection,
} from './vendor-errors.ts';
import { listAllDocuments } from './vendor-pages.ts';

export interface VendorContractSetup {
  readonly vendor: string;
  readonly startFake: (registration: OAuthRegistration) => Promise<FakeVendor>;
  readonly createAdapter: (config: VendorConfig, deps: VendorDeps) => VendorAdapter;
  /** A resource the fixtures hold at least three documents of in `window`, and its collection path. */
  readonly paged: { readonly resource: string; readonly window: ListWindow; readonly ids: readonly string[]; readonly path: string };
  readonly document: { readonly resource: string; readonly id: string };
  readonly accountId: string;
  /** A notification as the vendor sends it, and what it reads as. */
  readonly webhook: { readonly event: object; readonly expected: VendorNotice };
}

export interface Harness {
  readonly fake: FakeVendor;
  readonly adapter: VendorAdapter;
  readonly config: VendorConfig;
  /** The adapter's clock; tests move it. */
  nowMs: number;
}

export const CONTRACT_NOW = Date.parse('2024-01-12T09:00:00Z');

/** `open()` starts a fake vendor and an adapter configured for it; both are closed after each test. */
export function harnesses(setup: VendorContractSetup): () => Promise<Harness> {
  const opened: Harness[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((h) => h.fake.close()));
  });
  return async () => {
    const registration: OAuthRegistration = {
      clientId: `${setup.vendor}-client-id`,
      clientSecret: `client-secret-${randomBytes(12).toString('hex')}`,
      redirectUri: `https://vitalis.example/api/v1/connections/${setup.vendor}/callback`,
    };
    const fake = await setup.startFake(registration);
    const config: VendorConfig = { ...registration, apiBaseUrl: fake.url, authBaseUrl: fake.url };
    const harness: Harness = { fake, config, nowMs: CONTRACT_NOW, adapter: undefined as unknown as VendorAdapter };
    Object.assign(harness, { adapter: setup.createAdapter(config, { clock: { now: () => new Date(harness.nowMs) }, timeoutMs: 5_000 }) });
    opened.push(harness);
    return harness;
  };
}

/** The person's browser at the consent screen: the vendor's redirect back to our callback. */
export async function consent(authorizationUrl: string): Promise<URL> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  await response.body?.cancel();
  assert.equal(response.status, 302);
  return new URL(response.headers.get('location') ?? '');
}

export async function connect(harness: Harness): Promise<VendorTokens> {
  const request = await harness.adapter.authorizationRequest();
  const callback = await consent(request.url);
  return harness.adapter.exchangeCode(harness.adapter.readCallback(callback, request.pending));
}

export async function failure(run: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  assert.fail('expected a failure');
}

/** Nothing about `error` a log or an API answer could show contains any of `secrets`. */
export function assertShowsNoSecret(error: unknown, secrets: readonly string[]): void {
  assert.ok(error instanceof VendorError, `expected a VendorError, got ${String(error)}`);
  assert.equal(error.cause, undefined);
  const views = [String(error), error.message, error.stack ?? '', inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)];
  for (const secret of secrets) {
    assert.ok(secret.length >= 8, 'a secret worth looking for');
    for (const view of views) assert.ok(!view.includes(secret), `${error.name} shows a secret: ${view}`);
  }
}

async function rejectionOf(adapter: VendorAdapter, delivery: WebhookDelivery): Promise<WebhookRejection> {
  const error = await failure(() => adapter.verifyWebhook(delivery));
  assert.ok(error instanceof WebhookRejected, String(error));
  return error.reason;
}

export function vendorAdapterContract(setup: VendorContractSetup): void {
  const open = harnesses(setup);

  describe(`${setup.vendor} adapter contract: connecting`, () => {
    it('sends the person to the vendor’s consent screen and exchanges the code for tokens', async () => {
      const h = await open();
      const request = await h.adapter.authorizationRequest();
      const url = new URL(request.url);
      assert.equal(url.origin, h.fake.url);
      assert.equal(url.searchParams.get('client_id'), h.config.clientId);
      assert.equal(url.searchParams.get('redirect_uri'), h.config.redirectUri);
      assert.equal(url.searchParams.get('state'), request.pending.state);
      assert.ok(request.pending.state.length >= 22, 'an unguessable state');

      const tokens = await h.adapter.exchangeCode(h.adapter.readCallback(await consent(request.url), request.pending));
      assert.ok(tokens.accessToken && tokens.refreshToken);
      assert.ok(tokens.scopes.length > 0);
      assert.ok(tokens.expiresAt !== undefined && Date.parse(tokens.expiresAt) > CONTRACT_NOW);
      assert.equal(await h.adapter.accountId(tokens.accessToken), setup.accountId);
    });

    it('reports a refusal on the consent screen as such', async () => {
      const h = await open();
      h.fake.oauth.consent = 'deny';
      const request = await h.adapter.authorizationRequest();
      const callback = await consent(request.url);
      assert.ok(await failure(() => h.adapter.readCallback(callback, request.pending)) instanceof VendorConsentDenied);
    });

    it('refuses a callback that belongs to another authorization, whatever it says', async () => {
      const h = await open();
      const first = await h.adapter.authorizationRequest();
      const second = await h.adapter.authorizationRequest();
      const callback = await consent(first.url);
      assert.ok(await failure(() => h.adapter.readCallback(callback, second.pending)) instanceof OAuthStateMismatch);
      callback.searchParams.delete('state');
      assert.ok(await failure(() => h.adapter.readCallback(callback, first.pending)) instanceof OAuthStateMismatch);
      h.fake.oauth.consent = 'deny';
      const refused = await consent(first.url);
      assert.ok(await failure(() => h.adapter.readCallback(refused, second.pending)) instanceof OAuthStateMismatch);
    });

    it('refuses a callback that carries neither a code nor a refusal, naming the vendor’s error', async () => {
      const h = await open();
      const { pending } = await h.adapter.authorizationRequest();
      const empty = await failure(() => h.adapter.readCallback(new URLSearchParams({ state: pending.state }), pending));
      assert.ok(empty instanceof VendorAuthorizationFailed && empty.oauthError === 'missing_code', String(empty));
      const failed = await failure(() => h.adapter.readCallback(new URLSearchParams({ state: pending.state, error: 'server_error' }), pending));
      assert.ok(failed instanceof VendorAuthorizationFailed && failed.oauthError === 'server_error', String(failed));
    });

    it('asks the person to connect again when the code expired or was already used', async () => {
      const h = await open();
      const request = await h.adapter.authorizationRequest();
      const grant = h.adapter.readCallback(await consent(request.url), request.pending);
      h.fake.oauth.expireCodes();
      assert.ok(await failure(() => h.adapter.exchangeCode(grant)) instanceof VendorAuthRevoked);

      const again = await h.adapter.authorizationRequest();
      const fresh = h.adapter.readCallback(await consent(again.url), again.pending);
      await h.adapter.exchangeCode(fresh);
      assert.ok(await failure(() => h.adapter.exchangeCode(fresh)) instanceof VendorAuthRevoked);
    });

    it('rotates the refresh token: the new pair works, the old refresh token is dead', async () => {
      const h = await open();
      const first = await connect(h);
      h.nowMs += 60_000;
      const second = await h.adapter.refresh(first.refreshToken!);
      assert.notEqual(second.accessToken, first.accessToken);
      assert.notEqual(second.refreshToken, first.refreshToken);
      assert.equal(second.expiresAt !== undefined && Date.parse(second.expiresAt) > h.nowMs, true);
      assert.equal(await h.adapter.accountId(second.accessToken), setup.accountId);
      assert.ok(await failure(() => h.adapter.refresh(first.refreshToken!)) instanceof VendorAuthRevoked);
    });

    it('asks the person to connect again when they removed the app at the vendor', async () => {
      const h = await open();
      const tokens = await connect(h);
      h.fake.oauth.revokeRefreshTokens();
      assert.ok(await failure(() => h.adapter.refresh(tokens.refreshToken!)) instanceof VendorAuthRevoked);
    });

    it('says an expired access token is to be refreshed', async () => {
      const h = await open();
      const tokens = await connect(h);
      h.fake.oauth.expireAccessTokens();
      assert.ok(await failure(() => h.adapter.listPage(tokens.accessToken, { resource: setup.paged.resource, window: setup.paged.window })) instanceof VendorUnauthorized);
      const refreshed = await h.adapter.refresh(tokens.refreshToken!);
      assert.ok((await h.adapter.listPage(refreshed.accessToken, { resource: setup.paged.resource, window: setup.paged.window })).documents.length > 0);
    });

    it('revokes access, and revoking again is harmless', async () => {
      const h = await open();
      const tokens = await connect(h);
      await h.adapter.revoke(tokens);
      assert.ok(await failure(() => h.adapter.accountId(tokens.accessToken)) instanceof VendorUnauthorized);
      await h.adapter.revoke(tokens);
    });

    it('reports wrong client credentials as a refused request, not as the person’s problem', async () => {
      const h = await open();
      const wrong = setup.createAdapter({ ...h.config, clientSecret: 'not-the-client-secret' }, { clock: { now: () => new Date(h.nowMs) } });
      const request = await wrong.authorizationRequest();
      const error = await failure(async () => wrong.exchangeCode(wrong.readCallback(await consent(request.url), request.pending)));
      assert.ok(error instanceof VendorRequestFailed && error.status === 401 && error.oauthError === 'invalid_client', String(error));
    });
  });

  describe(`${setup.vendor} adapter contract: reading`, () => {
    it('follows page tokens over three or more pages and collects every document', async () => {
      const h = await open();
      const tokens = await connect(h);
      h.fake.pageSize = Math.max(1, Math.floor(setup.paged.ids.length / 3));
      const documents = await listAllDocuments(h.adapter, tokens.accessToken, setup.paged.resource, setup.paged.window);
      assert.deepEqual(documents.map((d) => d.id).sort(), [...setup.paged.ids].sort());
      assert.ok(h.fake.requests.filter((r) => r.url.pathname === setup.paged.path).length >= 3);
      for (const document of documents) {
        assert.deepEqual([document.vendor, document.resource, document.fetchedAt], [setup.vendor, setup.paged.resource, new Date(CONTRACT_NOW).toISOString()]);
        for (const sample of h.adapter.toSamples(document)) {
          sampleInput.parse(sample);
          assert.equal(sample.source, setup.vendor);
        }
      }
    });

    it('hands back the cursor so a sync can resume after a page fails', async () => {
      const h = await open();
      const tokens = await connect(h);
      h.fake.pageSize = 1;
      const first = await h.adapter.listPage(tokens.accessToken, { resource: setup.paged.resource, window: setup.paged.window });
      assert.ok(first.nextCursor);
      h.fake.throttle(1, 3);
      const request = { resource: setup.paged.resource, window: setup.paged.window, cursor: first.nextCursor };
      assert.ok(await failure(() => h.adapter.listPage(tokens.accessToken, request)) instanceof VendorRateLimited);
      const second = await h.adapter.listPage(tokens.accessToken, request);
      assert.notDeepEqual(second.documents.map((d) => d.id), first.documents.map((d) => d.id));
    });

    it('surfaces a 429 with the vendor’s Retry-After, and without one when it gives none', async () => {
      const h = await open();
      const tokens = await connect(h);
      h.fake.throttle(1, 7);
      const limited = await failure(() => h.adapter.listPage(tokens.accessToken, { resource: setup.paged.resource, window: setup.paged.window }));
      assert.ok(limited instanceof VendorRateLimited && limited.retryAfterMs === 7000, String(limited));
      assert.ok(retryDelayFor(limited, 1, () => 0)! >= 7000);
      h.fake.throttle(1);
      const unspecified = await failure(() => h.adapter.fetchDocument(tokens.accessToken, setup.document.resource, setup.document.id));
      assert.ok(unspecified instanceof VendorRateLimited && unspecified.retryAfterMs === undefined);
    });

    it('fetches one document, and nothing for one the vendor no longer has', async () => {
      const h = await open();
      const tokens = await connect(h);
      const document = await h.adapter.fetchDocument(tokens.accessToken, setup.document.resource, setup.document.id);
      assert.equal(document?.id, setup.document.id);
      assert.ok(h.adapter.toSamples(document!).length > 0);
      assert.equal(await h.adapter.fetchDocument(tokens.accessToken, setup.document.resource, '00000000-0000-4000-8000-000000000000'), undefined);
    });

    it('reports an unreachable vendor as unavailable', async () => {
      const h = await open();
      const tokens = await connect(h);
      await h.fake.close();
      const error = await failure(() => h.adapter.accountId(tokens.accessToken));
      assert.ok(error instanceof VendorUnavailable && error.status === undefined, String(error));
    });
  });

  describe(`${setup.vendor} adapter contract: webhooks`, () => {
    /** What our webhook endpoint receives over HTTP when `send` posts to it. */
    async function delivered(send: (url: string) => Promise<number>): Promise<WebhookDelivery> {
      const receiver = await startWebhookReceiver();
      try {
        assert.equal(await send(receiver.url), 204);
        const [received] = receiver.deliveries;
        assert.ok(received);
        return received;
      } finally {
        await receiver.close();
      }
    }
    const sentBy = (h: Harness, offsetMs = 0) => (url: string) => h.fake.deliverWebhook(url, setup.webhook.event, h.nowMs + offsetMs);
    const posting = (delivery: SignedDelivery) => (url: string) => postDelivery(url, delivery);

    it('accepts a signed delivery as received over HTTP and names the document', async () => {
      const h = await open();
      assert.deepEqual(h.adapter.verifyWebhook(await delivered(sentBy(h))), setup.webhook.expected);
    });

    it('rejects a signature made with another secret', async () => {
      const h = await open();
      const other = await setup.startFake({ ...h.config, clientSecret: 'someone-elses-secret' });
      try {
        assert.equal(await rejectionOf(h.adapter, await delivered((url) => other.deliverWebhook(url, setup.webhook.event, h.nowMs))), 'bad_signature');
      } finally {
        await other.close();
      }
    });

    it('rejects a body changed after signing', async () => {
      const h = await open();
      const signed = h.fake.signWebhook(setup.webhook.event, h.nowMs);
      const tampered = { ...signed, rawBody: signed.rawBody.replace(setup.webhook.expected.documentId, setup.webhook.expected.documentId.replace(/.$/, 'f')) };
      assert.notEqual(tampered.rawBody, signed.rawBody);
      assert.equal(await rejectionOf(h.adapter, await delivered(posting(tampered))), 'bad_signature');
    });

    it('rejects a delivery more than five minutes old or ahead', async () => {
      const h = await open();
      assert.equal(await rejectionOf(h.adapter, await delivered(sentBy(h, -6 * 60_000))), 'stale_timestamp');
      assert.equal(await rejectionOf(h.adapter, await delivered(sentBy(h, 6 * 60_000))), 'stale_timestamp');
      assert.deepEqual(h.adapter.verifyWebhook(await delivered(sentBy(h, -4 * 60_000))), setup.webhook.expected);
    });

    it('rejects an unsigned delivery and a signed body that is not an event', async () => {
      const h = await open();
      assert.equal(await rejectionOf(h.adapter, { headers: {}, rawBody: JSON.stringify(setup.webhook.event) }), 'missing_signature');
      assert.equal(await rejectionOf(h.adapter, h.fake.signWebhook({ hello: 'world' }, h.nowMs)), 'malformed_event');
    });
  });

  describe(`${setup.vendor} adapter contract: secrets`, () => {
    it('never shows a token, code, verifier or client secret in an error', async () => {
      const h = await open();
      const errors: unknown[] = [];
      const secrets = [h.config.clientSecret];
      const collect = async (run: () => Promise<unknown>) => errors.push(await failure(run));

      const request = await h.adapter.authorizationRequest();
      const grant = h.adapter.readCallback(await consent(request.url), request.pending);
      secrets.push(grant.callback.get('code')!, ...(request.pending.codeVerifier ? [request.pending.codeVerifier] : []));
      h.fake.oauth.expireCodes();
      await collect(() => h.adapter.exchangeCode(grant));

      const tokens = await connect(h);
      secrets.push(tokens.accessToken, tokens.refreshToken!);
      await h.adapter.refresh(tokens.refreshToken!);
      await collect(() => h.adapter.refresh(tokens.refreshToken!));
      const wrongClient = setup.createAdapter({ ...h.config, clientSecret: `${h.config.clientSecret}-wrong` }, { clock: { now: () => new Date(h.nowMs) } });
      secrets.push(`${h.config.clientSecret}-wrong`);
      await collect(() => wrongClient.refresh(tokens.refreshToken!));
      h.fake.throttle(1, 5);
      await collect(() => h.adapter.listPage(tokens.accessToken, { resource: setup.paged.resource, window: setup.paged.window }));
      h.fake.oauth.expireAccessTokens();
      await collect(() => h.adapter.accountId(tokens.accessToken));
      await h.fake.close();
      await collect(() => h.adapter.revoke(tokens));
      await collect(() => h.adapter.refresh(tokens.refreshToken!));

      // A token endpoint answering 200 with a token but not the documented shape: the OAuth
      // library's own error holds that body, so it must not come through.
      const leakedToken = `access-${randomBytes(16).toString('hex')}`;
      secrets.push(leakedToken);
      const broken = await startFakeServer(() => ({ status: 200, body: { access_token: leakedToken, refresh_token: leakedToken } }));
      try {
        const adapter = setup.createAdapter({ ...h.config, apiBaseUrl: broken.url, authBaseUrl: broken.url }, { clock: { now: () => new Date(h.nowMs) } });
        const pending = await adapter.authorizationRequest();
        const callback = new URLSearchParams({ code: `code-${randomBytes(16).toString('hex')}`, state: pending.pending.state });
        secrets.push(callback.get('code')!);
        await collect(() => adapter.exchangeCode(adapter.readCallback(callback, pending.pending)));
        await collect(() => adapter.refresh(tokens.refreshToken!));
      } finally {
        await broken.close();
      }

      assert.deepEqual(
        errors.map((e) => (e as Error).constructor.name),
        [
          'VendorAuthRevoked',
          'VendorAuthRevoked',
          'VendorRequestFailed',
          'VendorRateLimited',
          'VendorUnauthorized',
          'VendorUnavailable',
          'VendorUnavailable',
          'VendorResponseInvalid',
          'VendorResponseInvalid',
        ],
      );
      for (const error of errors) assertShowsNoSecret(error, secrets);
      assert.ok(errors.every((e) => !(e instanceof VendorResponseInvalid) || /token response/.test((e as Error).message)));
    });
  });
}
