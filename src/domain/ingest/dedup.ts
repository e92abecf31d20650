import type { CanonicalSample } from './sample.ts';

export type RevisionFields = Pick<CanonicalSample, 'metric' | 'source' | 'start' | 'end' | 'value'> &
  Partial<Pick<CanonicalSample, 'externalId' | 'recordedAt' | 'category' | 'device'>>;

/**
 * Keeps one revision per (metric, source, start) and per (metric, source, externalId): the
 * one recorded last (a missing recordedAt is oldest). Vendors re-score a night under the same
 * id and may move its start, hence the second key. Ties fall to a fixed order of the content,
 * so the result never depends on input order. Run it on a batch before an upsert: Postgres
 * refuses to touch one row twice in a single INSERT ... ON CONFLICT.
 */
export function latestRevisions<T extends RevisionFields>(samples: readonly T[]): { kept: T[]; superseded: T[] } {
  const superseded: T[] = [];
  const byId = pickLatest(samples, (s) => (s.externalId === undefined ? undefined : key(s.metric, s.source, s.externalId)), superseded);
  const kept = pickLatest(byId, (s) => key(s.metric, s.source, s.start), superseded);
  kept.sort((a, b) => compareText(a.metric, b.metric) || compareText(a.source, b.source) || compareText(a.start, b.start));
  return { kept, superseded };
}

export type RevisionOrder = Omit<RevisionFields, 'metric' | 'source'>;

/** > 0 when `a` is the newer revision. */
export function compareRevisions(a: RevisionOrder, b: RevisionOrder): number {
  return (
    compareText(a.recordedAt ?? '', b.recordedAt ?? '') ||
    compareText(a.start, b.start) ||
    compareText(a.end, b.end) ||
    a.value - b.value ||
    compareText(a.category ?? '', b.category ?? '') ||
    compareText(a.externalId ?? '', b.externalId ?? '') ||
    compareText(a.device ?? '', b.device ?? '')
  );
}

function pickLatest<T extends RevisionFields>(samples: readonly T[], keyOf: (s: T) => string | undefined, superseded: T[]): T[] {
  const latest = new Map<string, T>();
  const unkeyed: T[] = [];
  for (const sample of samples) {
    const k = keyOf(sample);
    if (k === undefined) {
      unkeyed.push(sample);
      continue;
    }
    const current = latest.get(k);
    if (current === undefined) latest.set(k, sample);
    else if (compareRevisions(sample, current) > 0) {
      superseded.push(current);
      latest.set(k, sample);
    } else superseded.push(sample);
  }
  return [...unkeyed, ...latest.values()];
}

const key = (...parts: string[]): string => parts.join('\u0000');

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
