import type { Problem } from './types.ts';

/** An answer of the API that is not a success, carrying its problem+json details. */
export class ApiError extends Error {
  readonly status: number;
  /** The stable code of the problem (`invalid_credentials`, `mfa_required`, …); `http_<status>` when the body had none. */
  readonly code: string;
  readonly detail: string | undefined;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    const code = typeof problem?.code === 'string' ? problem.code : `http_${status}`;
    const detail = typeof problem?.detail === 'string' && problem.detail.trim() ? problem.detail : undefined;
    super(detail ?? fallbackMessage(code, status, problem?.title));
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.problem = problem;
  }

  /** Messages of a `validation_failed` answer by field name (the last segment of each path). */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const entry of this.problem?.errors ?? []) {
      const field = entry.path.split('.').pop();
      if (field && !(field in fields)) fields[field] = entry.message;
    }
    return fields;
  }
}

/** The API could not be reached at all (offline, server down, blocked). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Vitalis could not be reached. Check your connection and try again.', { cause });
    this.name = 'NetworkError';
  }
}

const messagesByCode: Record<string, string> = {
  unauthorized: 'Your session has ended. Sign in again.',
  token_expired: 'Your session has ended. Sign in again.',
  invalid_credentials: 'The email or password is not right.',
  mfa_required: 'Enter the code from your authenticator app, or a recovery code.',
  email_not_verified: 'Confirm your email address first: follow the link we sent you.',
  mfa_enrollment_required: 'This organisation requires two-factor authentication. Set it up to continue.',
  invalid_token: 'This link is invalid, was used already, or has expired.',
  forbidden: 'You do not have permission to do that.',
  not_found: 'That could not be found. It may have been removed.',
  conflict: 'That conflicts with something that exists already.',
  rate_limited: 'Too many attempts. Wait a while and try again.',
  validation_failed: 'Some of the details are not valid. Check them and try again.',
  payload_too_large: 'That is too large to send.',
  internal: 'Something went wrong on our side. Try again in a moment.',
  unavailable: 'Vitalis is temporarily unavailable. Try again in a moment.',
};

function fallbackMessage(code: string, status: number, title: string | undefined): string {
  const known = messagesByCode[code];
  if (known) return known;
  if (status >= 500) return messagesByCode.internal!;
  if (title) return `${title.charAt(0).toUpperCase()}${title.slice(1)}.`;
  return `The request failed (HTTP ${status}).`;
}

/** A sentence to show a person for any error a call can throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return error.message;
  return 'Something went wrong. Try again.';
}
