import { timingSafeEqual } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import type { AuthorizationRequest, PendingVendorAuthorization, VendorAdapter, VendorConfig, VendorGrant, VendorTokens } from './vendor-adapter.ts';
import {
  OAuthStateMismatch,
  VendorAuthRevoked,
  VendorAuthorizationFailed,
  VendorConsentDenied,
  VendorError,
  VendorRequestFailed,
  VendorResponseInvalid,
  VendorUnavailable,
  safeOAuthErrorCode,
} from './vendor-errors.ts';
import { errorForStatus, isLoopbackHttp, type VendorHttp } from './vendor-http.ts';

export interface OAuthSettings {
  readonly authorizationEndpoint: URL;
  readonly tokenEndpoint: URL;
  readonly scopes: readonly string[];
  /** Send an RFC 7636 S256 challenge: only where the vendor verifies one. */
  readonly pkce: boolean;
  /** Extra form fields on a refresh. */
  readonly refreshParameters?: Readonly<Record<string, string>>;
}

export type OAuthClient = Pick<VendorAdapter, 'authorizationRequest' | 'readCallback' | 'exchangeCode' | 'refresh'>;

/**
 * The OAuth 2 authorization code flow (RFC 6749, PKCE per RFC 7636) on oauth4webapi, which
 * generates state and verifiers, validates callbacks and token responses to the letter. Its
 * errors are translated here and never passed on: they carry the token response.
 */
export function oauthClient(vendor: string, settings: OAuthSettings, config: VendorConfig, http: VendorHttp): OAuthClient {
  const server: oauth.AuthorizationServer = {
    issuer: settings.authorizationEndpoint.origin,
    authorization_endpoint: settings.authorizationEndpoint.href,
    token_endpoint: settings.tokenEndpoint.href,
  };
  const client: oauth.Client = { client_id: config.clientId };
  const clientAuth = oauth.ClientSecretPost(config.clientSecret);
  const requestOptions = () => ({
    [oauth.customFetch]: http.fetch,
    [oauth.allowInsecureRequests]: isLoopbackHttp(settings.tokenEndpoint),
    signal: http.signal(),
  });

  async function authorizationRequest(): Promise<AuthorizationRequest> {
    const state = oauth.generateRandomState();
    const url = new URL(settings.authorizationEndpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('redirect_uri', config.redirectUri);
    url.searchParams.set('scope', settings.scopes.join(' '));
    url.searchParams.set('state', state);
    if (!settings.pkce) return { url: url.href, pending: { state } };
    const codeVerifier = oauth.generateRandomCodeVerifier();
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return { url: url.href, pending: { state, codeVerifier } };
  }

  function readCallback(callback: URL | URLSearchParams, pending: PendingVendorAuthorization): VendorGrant {
    const parameters = callback instanceof URL ? callback.searchParams : callback;
    // State first: a forged callback must not pass for a refusal or a failure.
    if (!sameState(parameters.get('state'), pending.state)) throw new OAuthStateMismatch(vendor);
    let validated: URLSearchParams;
    try {
      validated = oauth.validateAuthResponse(server, client, parameters, oauth.skipStateCheck);
    } catch (error) {
      if (error instanceof oauth.AuthorizationResponseError) {
        throw error.error === 'access_denied' ? new VendorConsentDenied(vendor) : new VendorAuthorizationFailed(vendor, safeOAuthErrorCode(error.error));
      }
      throw new VendorAuthorizationFailed(vendor, 'invalid_callback');
    }
    if (!validated.get('code')) throw new VendorAuthorizationFailed(vendor, 'missing_code');
    return { callback: validated, ...(pending.codeVerifier !== undefined && { codeVerifier: pending.codeVerifier }) };
  }

  function exchangeCode(grant: VendorGrant): Promise<VendorTokens> {
    return tokenRequest(
      () => oauth.authorizationCodeGrantRequest(server, client, clientAuth, grant.callback, config.redirectUri, grant.codeVerifier ?? oauth.nopkce, requestOptions()),
      (response) => oauth.processAuthorizationCodeResponse(server, client, response),
      undefined,
    );
  }

  function refresh(refreshToken: string): Promise<VendorTokens> {
    return tokenRequest(
      () => oauth.refreshTokenGrantRequest(server, client, clientAuth, refreshToken, { ...requestOptions(), additionalParameters: settings.refreshParameters }),
      (response) => oauth.processRefreshTokenResponse(server, client, response),
      refreshToken,
    );
  }

  async function tokenRequest(
    send: () => Promise<Response>,
    process: (response: Response) => Promise<oauth.TokenEndpointResponse>,
    currentRefreshToken: string | undefined,
  ): Promise<VendorTokens> {
    let response: Response;
    try {
      response = await send();
    } catch {
      throw new VendorUnavailable(vendor, undefined);
    }
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel();
      throw errorForStatus(vendor, response.status, response.headers, http.nowMs());
    }
    try {
      return toVendorTokens(await process(response), currentRefreshToken, settings.scopes, http.nowMs());
    } catch (error) {
      throw tokenError(vendor, error);
    }
  }

  return { authorizationRequest, readCallback, exchangeCode, refresh };
}

function sameState(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function toVendorTokens(body: oauth.TokenEndpointResponse, currentRefreshToken: string | undefined, requestedScopes: readonly string[], nowMs: number): VendorTokens {
  const refreshToken = body.refresh_token ?? currentRefreshToken;
  return {
    accessToken: body.access_token,
    ...(refreshToken !== undefined && { refreshToken }),
    ...(body.expires_in !== undefined && { expiresAt: new Date(nowMs + body.expires_in * 1000).toISOString() }),
    scopes: body.scope === undefined ? [...requestedScopes] : body.scope.split(' ').filter(Boolean),
  };
}

function tokenError(vendor: string, error: unknown): VendorError {
  if (error instanceof oauth.ResponseBodyError) {
    return error.error === 'invalid_grant' ? new VendorAuthRevoked(vendor) : new VendorRequestFailed(vendor, error.status, safeOAuthErrorCode(error.error));
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) return new VendorRequestFailed(vendor, error.status, 'invalid_client');
  return new VendorResponseInvalid(vendor, 'not a token response');
}
