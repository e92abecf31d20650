import type { CanonicalSample } from './sample.ts';

export type RevisionFields = Pick<CanonicalSample, 'metric' | 'source' | 'start' | 'end' | 'value'> &
  Partial<Pick<CanonicalSample, 'externalId' | 'recordedAt' | 'category' | 'device' | 'wholeDay'>>;

/**
 * Keeps one revision per (metric, source, start, wholeDay) and per (metric, source, externalId): the
 * one recorded last (a missing recordedAt is oldest). Vendors re-score a night under the same
 * id and may move its start, hence the second key. Ties fall to a fixed order of the content,
 * so the result never depends on input order. Run it on a batch before an upsert: Postgres
 * refuses to touch one row twice in a single INSERT ... ON CONFLICT.
 */
export function latestRevisions<T extends RevisionFields>(samples: readonly T[]): { kept: T[]; superseded: T[] } {
  const superseded: T[] = [];
  const kept = latestByStart(latestById(samples, superseded), superseded);
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

/** Samples without an id as they came, then the latest revision per (metric, source, externalId). */
function latestById<T extends RevisionFields>(samples: readonly T[], superseded: T[]): readonly T[] {
  if (!samples.some((s) => s.externalId !== undefined)) return samples;
  const latest = new Map<string, T>();
  const unkeyed: T[] = [];
  for (const sample of samples) {
    if (sample.externalId === undefined) {
      unkeyed.push(sample);
      continue;
    }
    const k = `${sample.metric}\u0000${sample.source}\u0000${sample.externalId}`;
    const current = latest.get(k);
    if (current === undefined) latest.set(k, sample);
    else if (compareRevisions(sample, current) > 0) {
      superseded.push(current);
      latest.set(k, sample);
    } else superseded.push(sample);
  }
  return [...unkeyed, ...latest.values()];
}

/**
 * The latest revision per (metric, source, start, wholeDay), ordered by that key. A batch usually comes
 * ordered and without repeats: then one pass says so. Otherwise a stable sort brings each
 * key's revisions together in their input order, so a tie keeps the first, as a map would.
 */
function latestByStart<T extends RevisionFields>(samples: readonly T[], superseded: T[]): T[] {
  let ordered = true;
  for (let i = 1; i < samples.length && ordered; i += 1) ordered = compareKeys(samples[i - 1]!, samples[i]!) < 0;
  if (ordered) return samples.slice();
  const sorted = samples.slice().sort(compareKeys);
  const kept: T[] = [];
  for (const sample of sorted) {
    const last = kept.length - 1;
    const current = kept[last];
    if (current === undefined || compareKeys(current, sample) !== 0) kept.push(sample);
    else if (compareRevisions(sample, current) > 0) {
      superseded.push(current);
      kept[last] = sample;
    } else superseded.push(sample);
  }
  return kept;
}

function compareKeys(a: RevisionFields, b: RevisionFields): number {
  return compareText(a.metric, b.metric) || compareText(a.source, b.source) || compareText(a.start, b.start) || Number(a.wholeDay ?? false) - Number(b.wholeDay ?? false);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
