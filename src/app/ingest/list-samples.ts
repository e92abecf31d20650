import type { SampleDetails } from '../../domain/ingest/sample-details.ts';
import { getMetric } from '../../domain/metrics/index.ts';
import { AppError } from '../errors.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { SamplePosition } from '../ports.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { readablePerson } from './read-access.ts';

export const DEFAULT_SAMPLES_PAGE = 1000;
export const MAX_SAMPLES_PAGE = 5000;

export interface SamplesQuery {
  metric: string;
  /** ISO instants: samples starting in [from, to). */
  from: string;
  to: string;
  /** From the previous page's `next`. */
  cursor?: string;
  limit?: number;
  /** A member on the caller's care team (default: the caller). */
  userId?: string;
}

export interface SampleItem {
  start: string;
  /** Absent for a point reading. */
  end?: string;
  value: number;
  unit: string;
  source: string;
  category?: string;
  /** Workouts: the source's own activity name and the statistics it gave. */
  activityName?: string;
  statistics?: SampleDetails['statistics'];
  /** HRV SDNN: the beat-to-beat series the value was computed from. */
  beats?: SampleDetails['beats'];
}

export interface SamplesPage {
  items: SampleItem[];
  /** Cursor of the next page; null on the last. */
  next: string | null;
}

/** The cursor names the last (start, source, whole day) seen: keyset paging, stable while samples arrive. */
export function encodeCursor(position: SamplePosition): string {
  return Buffer.from(JSON.stringify([position.start, position.source, position.wholeDay])).toString('base64url');
}

export function decodeCursor(cursor: string): SamplePosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'boolean'
    ) {
      return { start: value[0], source: value[1], wholeDay: value[2] };
    }
  } catch {
    // not JSON: refused below
  }
  throw new AppError('validation_failed', 'The cursor is not one this API gave out; start again without it.');
}

export function instantRange(from: string, to: string): { from: string; to: string } {
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) throw new AppError('validation_failed', 'from and to must be ISO 8601 instants.');
  if (a >= b) throw new AppError('validation_failed', 'from must be before to.');
  return { from: new Date(a).toISOString(), to: new Date(b).toISOString() };
}

/** A person's samples of one metric at full resolution, in start order, a page at a time. */
export async function listSamples(deps: IngestDeps, ctx: RequestContext, query: SamplesQuery): Promise<SamplesPage> {
  const metric = getMetric(query.metric);
  if (!metric) throw new AppError('validation_failed', `Unknown metric "${query.metric}".`);
  const range = instantRange(query.from, query.to);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_SAMPLES_PAGE, 1), MAX_SAMPLES_PAGE);

  const rows = await deps.tx.withTenant(ctx, async (sql) => {
    const person = await readablePerson(deps, sql, ctx, query.userId, { resource: 'samples', metric: metric.id, ...range });
    return deps.ingest.samples.page(sql, person, { metric: metric.id, ...range, ...(after && { after }), limit });
  });
  const items = rows.map((row) => ({
    start: row.start,
    ...(row.end !== row.start && { end: row.end }),
    value: row.value,
    unit: metric.unit,
    source: row.source,
    ...(row.category !== undefined && { category: row.category }),
    ...row.details,
  }));
  const last = rows[rows.length - 1];
  return { items, next: rows.length === limit && last ? encodeCursor(last) : null };
}
