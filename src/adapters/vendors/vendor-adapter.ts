import type { z } from 'zod';
import type { Clock, PendingVendorAuthorization, VendorDocument, VendorGrant, VendorNotice, VendorTokens } from '../../app/ports.ts';
import type { sampleInput } from '../../contracts/ingest.ts';

/** One sample as the ingest pipeline takes it (metric ids and units: domain/metrics/catalog.ts). */
export type SampleInput = z.infer<typeof sampleInput>;

/** Where a vendor lives and who we are to it; read from the environment by the composition root. */
export interface VendorConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Data API and, for most vendors, the token endpoint. */
  readonly apiBaseUrl: string;
  /** Where the person's browser is sent to consent. */
  readonly authBaseUrl: string;
  /** Our callback, registered with the vendor exactly as written here. */
  readonly redirectUri: string;
}

export interface VendorDeps {
  readonly clock: Clock;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Per HTTP request; defaults to 15 s. */
  readonly timeoutMs?: number;
}

// What an adapter hands the app is typed by the app's port (src/app/ports.ts).
export type { PendingVendorAuthorization, VendorDocument, VendorGrant, VendorNotice, VendorTokens };

/** Send the browser to `url`; keep `state` and `codeVerifier` server-side until the callback. */
export interface AuthorizationRequest {
  readonly url: string;
  readonly pending: PendingVendorAuthorization;
}

export interface ListWindow {
  readonly from: Date;
  readonly to: Date;
}

export interface PageRequest {
  readonly resource: string;
  readonly window: ListWindow;
  /** `nextCursor` of the previous page; absent for the first. */
  readonly cursor?: string;
}

export interface DocumentPage {
  readonly documents: readonly VendorDocument[];
  /** Absent on the last page. A sync that stops (rate limit, restart) resumes from here. */
  readonly nextCursor?: string;
}

export interface WebhookDelivery {
  /** As received; names are matched case-insensitively. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The exact bytes received: the signature covers them, not a re-serialization. */
  readonly rawBody: Buffer | string;
}

/**
 * Everything Vitalis does with one wearable vendor. Adding a vendor means one folder that
 * returns this; the shared helpers beside this file (OAuth 2 code flow, HTTP errors, HMAC
 * webhooks, sample building) are there to use where the vendor works the same way.
 */
export interface VendorAdapter {
  /** Also the `source` of every sample it maps. */
  readonly vendor: string;
  /** What `listPage` and `fetchDocument` read, in the order a first sync should take them. */
  readonly resources: readonly string[];

  authorizationRequest(): Promise<AuthorizationRequest>;
  /** Checks the callback against the pending authorization: state, then the person's answer. */
  readCallback(callback: URL | URLSearchParams, pending: PendingVendorAuthorization): VendorGrant;
  exchangeCode(grant: VendorGrant): Promise<VendorTokens>;
  refresh(refreshToken: string): Promise<VendorTokens>;
  /** Ends Vitalis' access at the vendor (disconnect); succeeds when the token is already dead. */
  revoke(tokens: VendorTokens): Promise<void>;
  /** The vendor's id of the person; webhooks name people by it. */
  accountId(accessToken: string): Promise<string>;

  listPage(accessToken: string, request: PageRequest): Promise<DocumentPage>;
  /** Undefined when the vendor no longer has it (deleted since the webhook was sent). */
  fetchDocument(accessToken: string, resource: string, id: string): Promise<VendorDocument | undefined>;

  /** Verifies signature and timestamp on the raw body, then parses; throws WebhookRejected. */
  verifyWebhook(delivery: WebhookDelivery): VendorNotice;
  /** Pure: the same document always gives the same samples. */
  toSamples(document: VendorDocument): SampleInput[];
}
