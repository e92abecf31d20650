/**
 * Every failure a client can cause has a stable code. The HTTP layer maps codes to statuses
 * in one table (src/api/problem.ts); the CLI prints the message as one line.
 */
export const errorCodes = [
  'bad_request',
  'validation_failed',
  'invalid_token',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'invalid_credentials',
  'token_expired',
  'mfa_required',
  'forbidden',
  'email_not_verified',
  'mfa_enrollment_required',
  'not_found',
  'conflict',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
