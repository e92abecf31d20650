import { ApiError, NetworkError } from './errors.ts';
import type { Problem, TokenPair } from './types.ts';

/** The part of `Storage` the client needs (window.localStorage in the browser). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Runs `fn` while holding a lock shared by every tab of the origin (the Web Locks API). */
export type ExclusiveLock = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export interface ApiClientOptions {
  storage: KeyValueStore;
  /** Prefix of every URL; empty for the origin that served the page. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Serialises token refreshes across tabs, so two tabs never present the same refresh token. */
  lock?: ExclusiveLock;
}

export interface RequestOptions {
  body?: unknown;
  /** Send the access token (and refresh it when it has expired). Default true. */
  auth?: boolean;
  /** Send the chosen tenant as X-Tenant-Id. Default: whenever `auth` is on. */
  tenant?: boolean;
  signal?: AbortSignal;
}

export const REFRESH_TOKEN_KEY = 'vitalis.refreshToken';
const AUTH_PREFIX = '/api/v1/auth/';
const REFRESH_LOCK = 'vitalis.refresh';

type SessionListener = (signedIn: boolean) => void;

/**
 * The HTTP client of the web app. The access token lives in memory only; the refresh token in
 * storage, so a reload or a new tab resumes the session. A 401 that means "your access token is
 * no good" (code `token_expired`, or any 401 outside /auth/) triggers one refresh and one retry;
 * when the refresh is refused the session ends and listeners hear `false`.
 */
export class ApiClient {
  #accessToken: string | null = null;
  #refreshing: Promise<boolean> | null = null;
  #listeners = new Set<SessionListener>();
  readonly #storage: KeyValueStore;
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #lock: ExclusiveLock;

  /** The tenant requests act in (X-Tenant-Id); null lets the API pick the personal tenant. */
  tenantId: string | null = null;

  constructor(options: ApiClientOptions) {
    this.#storage = options.storage;
    this.#baseUrl = options.baseUrl ?? '';
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#lock = options.lock ?? ((_name, fn) => fn());
  }

  /** True while there is a session to resume or use. */
  get hasSession(): boolean {
    return this.#accessToken !== null || this.refreshToken !== null;
  }

  get refreshToken(): string | null {
    return this.#storage.getItem(REFRESH_TOKEN_KEY);
  }

  /** Hears `true` when a session starts and `false` when it ends. */
  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts a session from the tokens sign-in answered with. */
  acceptTokens(tokens: TokenPair): void {
    this.#accessToken = tokens.accessToken;
    this.#storage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    this.#emit(true);
  }

  /** Forgets the session on this device (the server side is the caller's business). */
  clearSession(): void {
    const had = this.hasSession;
    this.#accessToken = null;
    this.#storage.removeItem(REFRESH_TOKEN_KEY);
    if (had) this.#emit(false);
  }

  /** Another tab removed the refresh token (signed out): end this tab's session too. */
  forgetAccessToken(): void {
    if (this.#accessToken === null) return;
    this.#accessToken = null;
    this.#emit(false);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    if (auth && this.#accessToken === null) {
      if (this.refreshToken === null || !(await this.refreshSession())) throw sessionEnded();
    }
    const usedToken = auth ? this.#accessToken : null;
    let response = await this.#send(method, path, options, usedToken);
    if (response.status === 401 && auth) {
      const problem = await readProblem(response);
      if (!isExpiredAccess(path, problem)) throw new ApiError(401, problem);
      // Another request may have refreshed meanwhile; only refresh when no one has.
      const renewed = this.#accessToken !== null && this.#accessToken !== usedToken ? true : await this.refreshSession();
      if (!renewed) throw sessionEnded();
      response = await this.#send(method, path, options, this.#accessToken);
      if (response.status === 401) {
        const again = await readProblem(response);
        if (isExpiredAccess(path, again)) this.clearSession();
        throw new ApiError(401, again);
      }
    }
    return parseResponse<T>(response);
  }

  /**
   * Trades the stored refresh token for a new pair. Concurrent callers share one attempt; across
   * tabs the lock makes each refresh read the token the previous one stored. Answers false (and
   * ends the session) when the API refuses the token; throws NetworkError when it cannot be reached.
   */
  refreshSession(): Promise<boolean> {
    this.#refreshing ??= this.#lock(REFRESH_LOCK, () => this.#refreshOnce()).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #refreshOnce(): Promise<boolean> {
    const refreshToken = this.refreshToken;
    if (refreshToken === null) {
      this.forgetAccessToken();
      return false;
    }
    const response = await this.#send('POST', `${AUTH_PREFIX}refresh`, { body: { refreshToken }, auth: false }, null);
    if (response.ok) {
      const tokens = (await response.json()) as TokenPair;
      const wasSignedIn = this.#accessToken !== null;
      this.#accessToken = tokens.accessToken;
      this.#storage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
      if (!wasSignedIn) this.#emit(true);
      return true;
    }
    if (response.status >= 500 || response.status === 429) throw new ApiError(response.status, await readProblem(response));
    // Refused (rotated, revoked or expired): the session is over on this device.
    if (this.refreshToken === refreshToken) this.#storage.removeItem(REFRESH_TOKEN_KEY);
    this.#accessToken = null;
    this.#emit(false);
    return false;
  }

  async #send(method: string, path: string, options: RequestOptions, accessToken: string | null): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (accessToken !== null) headers.authorization = `Bearer ${accessToken}`;
    const sendTenant = options.tenant ?? (options.auth ?? true);
    if (sendTenant && this.tenantId !== null) headers['x-tenant-id'] = this.tenantId;
    try {
      return await this.#fetch(`${this.#baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new NetworkError(error);
    }
  }

  #emit(signedIn: boolean): void {
    for (const listener of [...this.#listeners]) listener(signedIn);
  }
}

/** A 401 means the access token is no good (rather than, say, a wrong current password). */
function isExpiredAccess(path: string, problem: Problem | null): boolean {
  return problem?.code === 'token_expired' || !path.startsWith(AUTH_PREFIX);
}

function sessionEnded(): ApiError {
  return new ApiError(401, { status: 401, code: 'unauthorized', detail: 'Your session has ended. Sign in again.' });
}

async function readProblem(response: Response): Promise<Problem | null> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const body: unknown = await response.json();
    return body !== null && typeof body === 'object' ? (body as Problem) : null;
  } catch {
    return null;
  }
}

async function parseResponse<T>(response: Response): Promise<T> {
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  const text = response.status === 204 ? '' : await response.text();
  // 202/204 and other bodiless answers carry nothing the app reads.
  if (!text || !(response.headers.get('content-type') ?? '').includes('json')) return undefined as T;
  return JSON.parse(text) as T;
}
