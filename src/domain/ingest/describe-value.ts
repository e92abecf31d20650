import { isoInstant } from './iso-format.ts';

/** A short, safe rendering of an untrusted value for a rejection reason (never throws, even on a Symbol). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (isDatedObject(value)) return `${JSON.stringify(isoInstant(value.epochMs))} (offset ${describe(value.offsetMinutes)} min)`;
  return typeof value;
}

/** A ZonedInstant's shape, told apart here without importing it (zoned-instant.ts reads timestamps, which describe values). */
function isDatedObject(value: unknown): value is { epochMs: number; offsetMinutes: unknown } {
  return typeof value === 'object' && Number.isSafeInteger((value as { epochMs?: unknown }).epochMs);
}
