import { createHash, randomBytes } from 'node:crypto';
import { json, type FakeRequest, type FakeResponse } from './fake-http-server.ts';

export interface OAuthRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

export interface FakeOAuthOptions {
  /** `verify`: a challenge sent to the consent screen must be matched by the verifier; `ignore`: the vendor takes no PKCE. */
  readonly pkce: 'verify' | 'ignore';
  readonly accessTokenTtlSeconds: number;
}

interface IssuedCode {
  readonly redirectUri: string;
  readonly scope: string;
  readonly challenge: string | undefined;
  used: boolean;
  expired: boolean;
}

/**
 * An OAuth 2 authorization server as the vendors run it: consent redirect, code and refresh
 * grants with refresh-token rotation, bearer tokens. Its error descriptions quote the bad code
 * or token, as real servers do, so tests can check that Vitalis never repeats them.
 */
export class FakeOAuthProvider {
  /** What the person answers on the consent screen. */
  consent: 'grant' | 'deny' = 'grant';
  private readonly codes = new Map<string, IssuedCode>();
  private readonly accessTokens = new Set<string>();
  /** Live refresh tokens and the scope they carry; each works once. */
  private readonly refreshTokens = new Map<string, string>();

  constructor(
    readonly registration: OAuthRegistration,
    private readonly options: FakeOAuthOptions,
  ) {}

  authorize(request: FakeRequest): FakeResponse {
    const query = request.url.searchParams;
    // Never redirect to a URI the client did not register.
    if (query.get('client_id') !== this.registration.clientId || query.get('redirect_uri') !== this.registration.redirectUri) {
      return json(400, { error: 'invalid_request' });
    }
    const redirect = new URL(this.registration.redirectUri);
    const state = query.get('state');
    if (state !== null) redirect.searchParams.set('state', state);
    const refuse = (error: string): FakeResponse => {
      redirect.searchParams.set('error', error);
      return { status: 302, headers: { location: redirect.href } };
    };
    if (query.get('response_type') !== 'code') return refuse('unsupported_response_type');
    if (this.consent === 'deny') return refuse('access_denied');
    const challenge = this.options.pkce === 'verify' ? (query.get('code_challenge') ?? undefined) : undefined;
    if (challenge !== undefined && query.get('code_challenge_method') !== 'S256') return refuse('invalid_request');

    const code = secret('code');
    this.codes.set(code, { redirectUri: this.registration.redirectUri, scope: query.get('scope') ?? '', challenge, used: false, expired: false });
    redirect.searchParams.set('code', code);
    return { status: 302, headers: { location: redirect.href } };
  }

  token(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.body);
    if (!this.clientAuthenticated(request, form)) return json(401, { error: 'invalid_client' });
    switch (form.get('grant_type')) {
      case 'authorization_code':
        return this.codeGrant(form);
      case 'refresh_token':
        return this.refreshGrant(form);
      default:
        return json(400, { error: 'unsupported_grant_type' });
    }
  }

  /** True while `accessToken` is live. */
  accepts(accessToken: string | undefined): boolean {
    return accessToken !== undefined && this.accessTokens.has(accessToken);
  }

  /** Ends an access token; false when it was not live. */
  revoke(accessToken: string | undefined): boolean {
    return accessToken !== undefined && this.accessTokens.delete(accessToken);
  }

  /** Every access token issued so far lapses (as after expires_in). */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Every code not yet exchanged lapses (codes live minutes). */
  expireCodes(): void {
    for (const code of this.codes.values()) code.expired = true;
  }

  /** The person removed the app in the vendor's settings: no refresh token works any more. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  private codeGrant(form: URLSearchParams): FakeResponse {
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    if (issued === undefined || issued.used || issued.expired) return invalidGrant(`authorization code ${code} is invalid, used or expired`);
    issued.used = true;
    if (form.get('redirect_uri') !== issued.redirectUri) return invalidGrant('redirect_uri does not match the authorization request');
    if (issued.challenge !== undefined && s256(form.get('code_verifier') ?? '') !== issued.challenge) {
      return invalidGrant(`code_verifier ${form.get('code_verifier') ?? ''} does not match the challenge`);
    }
    return this.issue(issued.scope);
  }

  private refreshGrant(form: URLSearchParams): FakeResponse {
    const refreshToken = form.get('refresh_token') ?? '';
    const scope = this.refreshTokens.get(refreshToken);
    if (scope === undefined) return invalidGrant(`refresh token ${refreshToken} is invalid, revoked or already used`);
    this.refreshTokens.delete(refreshToken);
    return this.issue(scope);
  }

  private issue(scope: string): FakeResponse {
    const accessToken = secret('access');
    const refreshToken = secret('refresh');
    this.accessTokens.add(accessToken);
    this.refreshTokens.set(refreshToken, scope);
    return json(200, { access_token: accessToken, token_type: 'bearer', expires_in: this.options.accessTokenTtlSeconds, refresh_token: refreshToken, scope });
  }

  /** client_secret_post or HTTP Basic, as RFC 6749 section 2.3.1 allows. */
  private clientAuthenticated(request: FakeRequest, form: URLSearchParams): boolean {
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
    const [id, password] = basic
      ? Buffer.from(basic[1] ?? '', 'base64').toString('utf8').split(':').map(decodeURIComponent)
      : [form.get('client_id'), form.get('client_secret')];
    return id === this.registration.clientId && password === this.registration.clientSecret;
  }
}

function invalidGrant(description: string): FakeResponse {
  return json(400, { error: 'invalid_grant', error_description: description });
}

function secret(kind: string): string {
  return `${kind}-${randomBytes(18).toString('base64url')}`;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
