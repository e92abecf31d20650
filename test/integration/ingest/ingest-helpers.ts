// Shared steps of the ingestion suites: send a batch through the API, wait for its
// normalization, read back.
import assert from 'node:assert/strict';
import type { ApiHarness } from '../../support/api-harness.ts';

export interface Caller {
  token: string;
  tenantId?: string;
}

/** Retries `probe` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function getJson<T = Record<string, unknown>>(api: ApiHarness, caller: Caller, url: string, status = 200): Promise<T> {
  const res = await api.call('GET', url, { token: caller.token, ...(caller.tenantId ? { tenantId: caller.tenantId } : {}) });
  assert.equal(res.statusCode, status, `GET ${url}: ${res.body}`);
  return res.json() as T;
}

export interface Receipt {
  rawId: string;
  accepted: number;
  duplicate: boolean;
}

export async function postSamples(api: ApiHarness, caller: Caller, samples: object[], idempotencyKey?: string): Promise<Receipt> {
  const res = await api.call('POST', '/api/v1/samples', {
    token: caller.token,
    ...(caller.tenantId ? { tenantId: caller.tenantId } : {}),
    body: { samples, ...(idempotencyKey ? { idempotencyKey } : {}) },
  });
  assert.equal(res.statusCode, 202, res.body);
  return res.json() as Receipt;
}

export interface BatchStatus {
  rawId: string;
  state: 'pending' | 'normalized' | 'failed';
  samples: number;
  stored: number | null;
  unchanged: number | null;
  superseded: number | null;
  rejected: number | null;
  rejections: Array<{ record: number; field: string; code: string; reason: string }>;
  error: string | null;
}

/** The batch's status once its normalization job has run. */
export function normalized(api: ApiHarness, caller: Caller, rawId: string): Promise<BatchStatus> {
  return eventually(`batch ${rawId} to be normalized`, async () => {
    const status = await getJson<BatchStatus>(api, caller, `/api/v1/samples/batches/${rawId}`);
    return status.state === 'pending' ? undefined : status;
  });
}

export interface SampleItem {
  start: string;
  end?: string;
  value: number;
  unit: string;
  source: string;
  category?: string;
}

export function samplesUrl(metric: string, from: string, to: string, extra: Record<string, string> = {}): string {
  return `/api/v1/samples?${new URLSearchParams({ metric, from, to, ...extra })}`;
}

export interface DailyDay {
  date: string;
  value: number;
  min?: number;
  max?: number;
  count: number;
  status: 'ok' | 'not_worn';
  byCategory?: Record<string, number>;
  sources: Array<{ source: string; rank: number; samples: number; total: number; contributed: number; dropped?: number; used: boolean }>;
}

export async function daily(api: ApiHarness, caller: Caller, metric: string, from: string, to: string, extra: Record<string, string> = {}) {
  return getJson<{ metric: string; unit: string; days: DailyDay[] }>(api, caller, `/api/v1/daily?${new URLSearchParams({ metric, from, to, ...extra })}`);
}

export interface ImportStatus {
  id: string;
  format: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  counts: Record<string, number>;
  skipped: Array<{ line: number; reason: string }>;
  skippedTotal: number;
  error: string | null;
}

/** POST /api/v1/imports as a multipart form: the file, then the other fields (after it, as a browser may send them). */
export async function uploadImport(api: ApiHarness, caller: Caller, file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const encoded = new Response(form);
  return api.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: {
      'content-type': encoded.headers.get('content-type')!,
      authorization: `Bearer ${caller.token}`,
      ...(caller.tenantId ? { 'x-tenant-id': caller.tenantId } : {}),
    },
  });
}

/** Uploads a file and waits for its import to finish. */
export async function importFile(api: ApiHarness, caller: Caller, file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}): Promise<ImportStatus> {
  const res = await uploadImport(api, caller, file, fields);
  assert.equal(res.statusCode, 202, res.body);
  const { id } = res.json() as { id: string };
  return eventually(
    `import ${id} to finish`,
    async () => {
      const status = await getJson<ImportStatus>(api, caller, `/api/v1/imports/${id}`);
      return status.state === 'succeeded' || status.state === 'failed' ? status : undefined;
    },
    120_000,
  );
}
