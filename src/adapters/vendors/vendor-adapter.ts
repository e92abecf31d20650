import type { z } from 'zod';
import type { Clock } from '../../app/ports.ts';
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

export interface TokenSet {
  readonly accessToken: string;
  /** Rotated on every refresh by both vendors: always store the newest. */
  readonly refreshToken?: string;
  /** ISO instant; absent when the vendor does not say. */
  readonly expiresAt?: string;
  readonly scopes: readonly string[];
}

/** Send the browser to `url`; keep `state` and `codeVerifier` server-side until the callback. */
export interface AuthorizationRequest {
  readonly url: string;
  readonly pending: PendingAuthorization;
}

export interface PendingAuthorization {
  readonly state: string;
  /** Present when the vendor takes PKCE. */
  readonly codeVerifier?: string;
}

/** A callback that passed the state and consent checks, ready to exchange. */
export interface AuthorizationGrant {
  /** Opaque: the validated callback parameters; exchange them in the process that read them. */
  readonly callback: URLSearchParams;
  readonly codeVerifier?: string;
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

/** One vendor document, JSON-serializable: store it raw, map it later with `toSamples`. */
export interface VendorDocument {
  readonly vendor: string;
  readonly resource: string;
  readonly id: string;
  /** ISO instant Vitalis fetched it: the revision time where the vendor keeps none. */
  readonly fetchedAt: string;
  /** As the vendor sent it (WHOOP recovery: the recovery with the sleep it belongs to). */
  readonly body: unknown;
}

export interface WebhookDelivery {
  /** As received; names are matched case-insensitively. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The exact bytes received: the signature covers them, not a re-serialization. */
  readonly rawBody: Buffer | string;
}

/** What a verified webhook names; fetch the document to learn what changed. */
export interface VendorEvent {
  readonly vendor: string;
  /** The vendor's id of the person (see `accountId`). */
  readonly vendorUserId: string;
  /** May name a resource this adapter does not read: check `resources`. */
  readonly resource: string;
  readonly documentId: string;
  readonly action: 'upsert' | 'delete';
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
  readCallback(callback: URL | URLSearchParams, pending: PendingAuthorization): AuthorizationGrant;
  exchangeCode(grant: AuthorizationGrant): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
  /** Ends Vitalis' access at the vendor (disconnect); succeeds when the token is already dead. */
  revoke(tokens: TokenSet): Promise<void>;
  /** The vendor's id of the person; webhooks name people by it. */
  accountId(accessToken: string): Promise<string>;

  listPage(accessToken: string, request: PageRequest): Promise<DocumentPage>;
  /** Undefined when the vendor no longer has it (deleted since the webhook was sent). */
  fetchDocument(accessToken: string, resource: string, id: string): Promise<VendorDocument | undefined>;

  /** Verifies signature and timestamp on the raw body, then parses; throws WebhookRejected. */
  verifyWebhook(delivery: WebhookDelivery): VendorEvent;
  /** Pure: the same document always gives the same samples. */
  toSamples(document: VendorDocument): SampleInput[];
}
