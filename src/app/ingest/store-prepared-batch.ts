import { compareRevisions, type CanonicalSample } from '../../domain/ingest/index.ts';
import type { IngestRepos, MetricDay, MetricSources, NormalizeCounts, PersonRef, Sql, StoredRevision, UpsertOutcome } from '../ports.ts';
import type { PreparedBatch } from './prepare-batch.ts';
import { rollUpDaysByPriority } from './roll-up-days.ts';

/** What storing one normalized batch did. */
export interface NormalizeOutcome extends NormalizeCounts {
  /** Metrics whose stored samples changed (and whose touched days were recomputed). */
  metrics: string[];
  /** Samples accepted per metric (normalized, the newest revision of each in the batch). */
  accepted: Record<string, number>;
  /** The span of what changed, when anything did. */
  from?: string;
  to?: string;
}

/**
 * A normalized batch into the person's samples: revisions moved by their vendor settled, the
 * samples upserted, the person's new sources noted and the touched days rolled up. Runs inside
 * the caller's transaction, which must hold the person's lock (SampleRepo.lockPerson) and have
 * the batch's months' partitions in place.
 */
export async function storePreparedBatch(repos: IngestRepos, sql: Sql, person: PersonRef, rawId: string, prepared: PreparedBatch, now: Date): Promise<NormalizeOutcome> {
  const moved = await dropMovedRevisions(repos, sql, person, prepared.kept);
  const upserted = await repos.samples.upsert(sql, person, rawId, moved.kept);
  // A batch that changed nothing (sent again) leaves the daily values alone.
  if (upserted.written > 0 || moved.removed.length > 0) {
    const known = await repos.sourcePriorities.list(sql, person);
    const unseen = unseenSources(sourcesByMetric(moved.kept), known);
    if (unseen.length > 0) await repos.sourcePriorities.noteSources(sql, person, unseen, now);
    const priorities = new Map(known.map((k) => [k.metric, k.priority]));
    await rollUpDaysByPriority(repos, sql, person, touchedDays(upserted, moved.removed), priorities, now);
  }
  return {
    stored: upserted.written,
    unchanged: moved.kept.length - upserted.written,
    rejected: prepared.rejected,
    superseded: prepared.superseded + moved.superseded,
    rejections: prepared.rejections,
    ...changeSpan(upserted, moved.removed),
    accepted: countByMetric(moved.kept),
  };
}

/**
 * A vendor may re-score a sample under the same external id and move its start (a night
 * re-scored after a nap). Of the stored revisions under an incoming sample's id that start
 * elsewhere, the newest wins: when one is newer the incoming sample is dropped, otherwise they
 * are deleted (their days are recomputed with the rest).
 */
async function dropMovedRevisions(repos: IngestRepos, sql: Sql, person: PersonRef, samples: CanonicalSample[]) {
  const withId = samples.filter((s) => s.externalId !== undefined);
  const stored =
    withId.length === 0
      ? []
      : await repos.samples.revisionsByExternalId(
          sql,
          person,
          withId.map((s) => ({ metric: s.metric, source: s.source, externalId: s.externalId!, start: s.start })),
        );
  if (stored.length === 0) return { kept: samples, superseded: 0, removed: [] as StoredRevision[] };

  const idKey = (s: { metric: string; source: string; externalId?: string }) => `${s.metric}\u0000${s.source}\u0000${s.externalId}`;
  const storedById = new Map<string, StoredRevision[]>();
  for (const revision of stored) storedById.set(idKey(revision), [...(storedById.get(idKey(revision)) ?? []), revision]);

  const dropped = new Set<CanonicalSample>();
  const removed = new Map<string, StoredRevision>();
  for (const sample of withId) {
    const elsewhere = (storedById.get(idKey(sample)) ?? []).filter((r) => r.start !== sample.start);
    if (elsewhere.length === 0) continue;
    if (elsewhere.some((r) => compareRevisions(r, sample) > 0)) dropped.add(sample);
    else for (const r of elsewhere) removed.set(`${r.metric}\u0000${r.source}\u0000${r.start}`, r);
  }
  await repos.samples.delete(sql, person, [...removed.values()]);
  return { kept: samples.filter((s) => !dropped.has(s)), superseded: dropped.size, removed: [...removed.values()] };
}

function touchedDays(upserted: UpsertOutcome, removed: readonly StoredRevision[]): MetricDay[] {
  return [...upserted.days, ...removed.map((r) => ({ metric: r.metric, date: r.localDate }))];
}

function changeSpan(upserted: UpsertOutcome, removed: readonly StoredRevision[]): Pick<NormalizeOutcome, 'metrics' | 'from' | 'to'> {
  let { from, to } = upserted;
  for (const r of removed) {
    if (from === undefined || r.start < from) from = r.start;
    if (to === undefined || r.end > to) to = r.end;
  }
  const metrics = [...new Set([...upserted.days.map((d) => d.metric), ...removed.map((r) => r.metric)])].sort();
  return from === undefined || to === undefined ? { metrics: [] } : { metrics, from, to };
}

function sourcesByMetric(samples: readonly CanonicalSample[]): Array<{ metric: string; sources: string[] }> {
  const seen = new Map<string, Set<string>>();
  for (const s of samples) {
    const sources = seen.get(s.metric);
    if (sources) sources.add(s.source);
    else seen.set(s.metric, new Set([s.source]));
  }
  return [...seen].map(([metric, sources]) => ({ metric, sources: [...sources] }));
}

/** The sources of each metric the person's list does not hold yet (most batches: none). */
function unseenSources(seen: ReadonlyArray<{ metric: string; sources: string[] }>, known: readonly MetricSources[]): Array<{ metric: string; sources: string[] }> {
  const knownByMetric = new Map(known.map((k) => [k.metric, new Set(k.sources)]));
  return seen
    .map(({ metric, sources }) => ({ metric, sources: sources.filter((source) => !knownByMetric.get(metric)?.has(source)) }))
    .filter((s) => s.sources.length > 0);
}

function countByMetric(samples: readonly CanonicalSample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) counts[s.metric] = (counts[s.metric] ?? 0) + 1;
  return counts;
}
