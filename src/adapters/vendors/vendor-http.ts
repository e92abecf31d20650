import type { VendorConfig, VendorDeps } from './vendor-adapter.ts';
import { parseRetryAfter } from './retry-delay.ts';
import {
  VendorRateLimited,
  VendorRequestFailed,
  VendorResponseInvalid,
  VendorUnauthorized,
  VendorUnavailable,
  type VendorError,
} from './vendor-errors.ts';

const DEFAULT_TIMEOUT_MS = 15_000;

export interface VendorHttp {
  /** Any request; a non-2xx answer or no answer becomes a VendorError. */
  send(url: URL, init: RequestInit): Promise<Response>;
  /** GET with the person's bearer token, parsed as JSON. */
  getJson(url: URL, accessToken: string): Promise<unknown>;
  /** As getJson, but undefined on 404 (a document deleted since it was named). */
  getJsonIfFound(url: URL, accessToken: string): Promise<unknown>;
  readonly fetch: typeof fetch;
  /** A fresh timeout signal for one request. */
  signal(): AbortSignal;
  nowMs(): number;
}

export function vendorHttp(vendor: string, deps: VendorDeps): VendorHttp {
  const fetcher = deps.fetch ?? globalThis.fetch;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const nowMs = () => deps.clock.now().getTime();
  const signal = () => AbortSignal.timeout(timeoutMs);

  async function send(url: URL, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetcher(url, { ...init, signal: signal() });
    } catch {
      // Deliberately dropped: a network error may quote the request.
      throw new VendorUnavailable(vendor, undefined);
    }
    if (response.ok) return response;
    await response.body?.cancel();
    throw errorForStatus(vendor, response.status, response.headers, nowMs());
  }

  async function getJson(url: URL, accessToken: string): Promise<unknown> {
    const response = await send(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
    try {
      return await response.json();
    } catch {
      throw new VendorResponseInvalid(vendor, 'the body is not JSON');
    }
  }

  async function getJsonIfFound(url: URL, accessToken: string): Promise<unknown> {
    try {
      return await getJson(url, accessToken);
    } catch (error) {
      if (error instanceof VendorRequestFailed && error.status === 404) return undefined;
      throw error;
    }
  }

  return { send, getJson, getJsonIfFound, fetch: fetcher, signal, nowMs };
}

/** The VendorError for a non-2xx status (shared with the token endpoint). */
export function errorForStatus(vendor: string, status: number, headers: Headers, nowMs: number): VendorError {
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), nowMs);
  if (status === 429) return new VendorRateLimited(vendor, retryAfterMs);
  if (status === 401) return new VendorUnauthorized(vendor);
  if (status >= 500) return new VendorUnavailable(vendor, status, retryAfterMs);
  return new VendorRequestFailed(vendor, status);
}

/** `base` + `path` (keeping any path prefix of the base) + the query parameters that are set. */
export function vendorUrl(base: URL, path: string, query: Readonly<Record<string, string | undefined>> = {}): URL {
  const url = new URL(`${base.href.replace(/\/+$/, '')}${path}`);
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

/** Plain http is for the loopback fakes in tests only; a real vendor must be reached over https. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** Refuses a base URL that is neither https nor loopback http, naming the setting (never its value's query). */
export function checkBaseUrl(vendor: string, setting: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${vendor}: ${setting} is not a URL`);
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) throw new TypeError(`${vendor}: ${setting} must be an https URL`);
  return url;
}

/** The vendor's data API and consent page, each checked by checkBaseUrl. */
export function vendorBaseUrls(vendor: string, config: VendorConfig): { api: URL; auth: URL } {
  return { api: checkBaseUrl(vendor, 'apiBaseUrl', config.apiBaseUrl), auth: checkBaseUrl(vendor, 'authBaseUrl', config.authBaseUrl) };
}

/** A revocation that finds the token already refused has done its job. */
export async function revokeAccess(http: VendorHttp, url: URL, init: RequestInit): Promise<void> {
  try {
    await http.send(url, init);
  } catch (error) {
    if (!(error instanceof VendorUnauthorized)) throw error;
  }
}
