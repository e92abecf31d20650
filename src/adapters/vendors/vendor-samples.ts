import type { z } from 'zod';
import { parseTimestamp } from '../../domain/ingest/index.ts';
import type { SampleInput } from './vendor-adapter.ts';
import { VendorDocumentInvalid } from './vendor-errors.ts';

/** What every sample of one document shares. */
export interface SampleOrigin {
  readonly source: string;
  readonly externalId: string;
  /** The document's revision time: the newest revision of a re-scored night wins. */
  readonly recordedAt: string;
}

export interface SampleTime {
  /** An ISO instant, or a date for a whole local day. */
  readonly start: string;
  readonly end?: string;
  readonly utcOffsetMinutes?: number;
}

export interface SampleCollector {
  /** Skips a value the vendor left out (null): the document is still good. */
  add(metric: string, value: number | string | null | undefined, unit: string | undefined, time: SampleTime, externalId?: string): void;
  readonly samples: SampleInput[];
}

export function collectSamples(origin: SampleOrigin): SampleCollector {
  const samples: SampleInput[] = [];
  return {
    samples,
    add(metric, value, unit, time, externalId = origin.externalId) {
      if (value === null || value === undefined) return;
      samples.push({
        metric,
        value,
        ...(unit !== undefined && { unit }),
        start: time.start,
        ...(time.end !== undefined && { end: time.end }),
        ...(time.utcOffsetMinutes !== undefined && { utcOffsetMinutes: time.utcOffsetMinutes }),
        source: origin.source,
        externalId,
        recordedAt: origin.recordedAt,
      });
    },
  };
}

/** The local offset a timestamp states; undefined for Z and +00:00, which fix only the instant. */
export function statedOffsetMinutes(timestamp: string): number | undefined {
  const parsed = parseTimestamp(timestamp);
  return parsed.ok && parsed.value.kind === 'instant' ? parsed.value.offsetMinutes : undefined;
}

/** A stored document checked against its documented shape; the error names the bad fields only. */
export function readDocument<T>(vendor: string, resource: string, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new VendorDocumentInvalid(vendor, resource, parsed.error.issues.map((issue) => issue.path.join('.') || '(document)'));
}
