import type { ErrorCode } from '../app/errors.ts';

/** The one table from error code to HTTP status. */
export const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  invalid_token: 400,
  malformed_json: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  token_expired: 401,
  mfa_required: 401,
  forbidden: 403,
  email_not_verified: 403,
  mfa_enrollment_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** RFC 9457 problem details, with our stable `code` and the request id to quote to support. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  requestId?: string;
  errors?: Array<{ path: string; message: string }>;
}

export function problem(code: ErrorCode, detail: string | undefined, requestId: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://vitalis.dev/problems/${code.replace(/_/g, '-')}`,
    title: code.replace(/_/g, ' '),
    status: statusByCode[code],
    code,
    ...(detail ? { detail } : {}),
    requestId,
    ...extra,
  };
}
