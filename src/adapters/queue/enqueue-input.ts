import type { EnqueueOptions, JobPayload } from '../../app/ports.ts';

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;
/** Completed jobs are kept this long, so a jobId stays deduplicated for at least that window. */
export const COMPLETED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface EnqueueInput {
  name: string;
  payload: JobPayload;
  jobId: string | undefined;
  delayMs: number;
  attempts: number;
  backoffMs: number;
}

/**
 * Checks one enqueue call the same way for every adapter. Throws a plain Error: a job without
 * its tenant is a bug in the caller, never something a client request can fix.
 */
export function parseEnqueue(name: string, payload: JobPayload, options: EnqueueOptions = {}): EnqueueInput {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
    throw new Error('job name must be a string of 1 to 200 characters');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new Error(`job "${name}" payload must be an object`);
  }
  if (typeof payload.tenantId !== 'string' || payload.tenantId.length === 0) {
    throw new Error(`job "${name}" payload must carry a non-empty string tenantId`);
  }
  const { jobId, delayMs = 0, attempts = DEFAULT_ATTEMPTS, backoffMs = DEFAULT_BACKOFF_MS } = options;
  if (jobId !== undefined && (typeof jobId !== 'string' || jobId.length === 0 || jobId.length > 400)) {
    throw new Error(`job "${name}" jobId must be a string of 1 to 400 characters`);
  }
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 100) {
    throw new Error(`job "${name}" attempts must be an integer from 1 to 100`);
  }
  for (const [key, value] of [['delayMs', delayMs], ['backoffMs', backoffMs]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
      throw new Error(`job "${name}" ${key} must be a non-negative integer of milliseconds`);
    }
  }
  return { name, payload, jobId, delayMs, attempts, backoffMs };
}

export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 4000 ? `${message.slice(0, 4000)}…` : message;
}
