export type {
  VendorAdapter,
  VendorConfig,
  VendorDeps,
  SampleInput,
  VendorTokens,
  AuthorizationRequest,
  PendingVendorAuthorization,
  VendorGrant,
  ListWindow,
  PageRequest,
  DocumentPage,
  VendorDocument,
  WebhookDelivery,
  VendorNotice,
} from './vendor-adapter.ts';
export {
  VendorError,
  VendorRateLimited,
  VendorUnauthorized,
  VendorAuthRevoked,
  VendorConsentDenied,
  VendorAuthorizationFailed,
  OAuthStateMismatch,
  VendorUnavailable,
  VendorRequestFailed,
  VendorResponseInvalid,
  VendorDocumentInvalid,
  WebhookRejected,
  type VendorErrorCode,
  type WebhookRejection,
} from './vendor-errors.ts';
export { VENDORS, isVendorId, type VendorId, type VendorEntry } from './vendor-registry.ts';
export { retryDelayMs, retryDelayFor, parseRetryAfter, VENDOR_BACKOFF, type BackoffPolicy } from './retry-delay.ts';
export { listAllDocuments } from './vendor-pages.ts';
export { MAX_WEBHOOK_SKEW_MS } from './webhook-signature.ts';
