import type { VendorFailureCode } from '../../app/ports.ts';

/**
 * How a vendor call fails. Messages are built only from the vendor, the resource, HTTP
 * statuses and OAuth error codes: never from a token, secret, authorization code, URL query or
 * response body. No error keeps a `cause`, because a library's error may hold the token
 * response it failed to process.
 */
export type VendorErrorCode = VendorFailureCode;

export abstract class VendorError extends Error {
  abstract readonly code: VendorErrorCode;

  constructor(
    readonly vendor: string,
    message: string,
  ) {
    super(`${vendor}: ${message}`);
    this.name = new.target.name;
  }
}

/** 429. Wait at least `retryAfterMs` when the vendor said how long (see retry-delay.ts). */
export class VendorRateLimited extends VendorError {
  readonly code = 'rate_limited';

  constructor(
    vendor: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(vendor, retryAfterMs === undefined ? 'rate limited' : `rate limited, retry after ${retryAfterMs} ms`);
  }
}

/** The API refused the access token (expired or revoked): refresh it and try again. */
export class VendorUnauthorized extends VendorError {
  readonly code = 'unauthorized';

  constructor(vendor: string) {
    super(vendor, 'the access token was refused');
  }
}

/**
 * `invalid_grant`: the authorization code expired or was used, or the refresh token was revoked
 * or already rotated. Nothing but the person connecting again helps.
 */
export class VendorAuthRevoked extends VendorError {
  readonly code = 'reauthorization_required';

  constructor(vendor: string) {
    super(vendor, 'the grant is no longer valid; the person must connect again');
  }
}

/** The person declined on the vendor's consent screen. */
export class VendorConsentDenied extends VendorError {
  readonly code = 'consent_denied';

  constructor(vendor: string) {
    super(vendor, 'the person declined access');
  }
}

/** The authorization callback carried an OAuth error other than a refusal, or no code. */
export class VendorAuthorizationFailed extends VendorError {
  readonly code = 'authorization_failed';

  constructor(
    vendor: string,
    readonly oauthError: string,
  ) {
    super(vendor, `authorization failed (${oauthError})`);
  }
}

/** The callback's state is not the one this authorization started with (CSRF, or a stale tab). */
export class OAuthStateMismatch extends VendorError {
  readonly code = 'state_mismatch';

  constructor(vendor: string) {
    super(vendor, 'the authorization callback does not match the pending authorization');
  }
}

/** 5xx, a timeout or no connection: worth retrying later. */
export class VendorUnavailable extends VendorError {
  readonly code = 'unavailable';

  constructor(
    vendor: string,
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined = undefined,
  ) {
    super(vendor, status === undefined ? 'no answer' : `unavailable (HTTP ${status})`);
  }
}

/** Any other refusal (400, 403, 404, invalid_client): retrying the same request will not help. */
export class VendorRequestFailed extends VendorError {
  readonly code = 'request_failed';

  constructor(
    vendor: string,
    readonly status: number,
    readonly oauthError: string | undefined = undefined,
  ) {
    super(vendor, `request refused (HTTP ${status}${oauthError === undefined ? '' : `, ${oauthError}`})`);
  }
}

/** A 2xx answer that is not what the vendor documents. */
export class VendorResponseInvalid extends VendorError {
  readonly code = 'invalid_response';

  constructor(vendor: string, what: string) {
    super(vendor, `unexpected answer: ${what}`);
  }
}

/** A stored document that does not have the documented shape; `paths` name the bad fields. */
export class VendorDocumentInvalid extends VendorError {
  readonly code = 'invalid_document';

  constructor(
    vendor: string,
    readonly resource: string,
    readonly paths: readonly string[],
  ) {
    super(vendor, `${resource} document does not have the documented shape (${paths.join(', ')})`);
  }
}

export type WebhookRejection = 'missing_signature' | 'bad_signature' | 'stale_timestamp' | 'malformed_event';

/** Answer 401 for a signature problem, 400 for a malformed event; never process the body. */
export class WebhookRejected extends VendorError {
  readonly code = 'webhook_rejected';

  constructor(
    vendor: string,
    readonly reason: WebhookRejection,
  ) {
    super(vendor, `webhook rejected (${reason})`);
  }
}

const OAUTH_ERROR_CODE = /^[a-z_]{1,64}$/;

/** An OAuth `error` value fit for a message: RFC 6749 codes are lower-case words; anything else may be echoed input. */
export function safeOAuthErrorCode(value: unknown): string {
  return typeof value === 'string' && OAUTH_ERROR_CODE.test(value) ? value : 'unrecognized_error';
}
