import type { ImportRecord } from '../ports.ts';

/** An import as the API and the CLI show it. */
export function importStatusOf(record: ImportRecord) {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return {
    id: record.id,
    format: record.format,
    state: record.state,
    progress: record.progress,
    counts: record.counts,
    skipped: record.skipped,
    skippedTotal: record.skippedTotal,
    fileName: record.fileName,
    sizeBytes: record.sizeBytes,
    error: record.error,
    createdAt: record.createdAt.toISOString(),
    startedAt: iso(record.startedAt),
    finishedAt: iso(record.finishedAt),
  };
}

export type ImportStatus = ReturnType<typeof importStatusOf>;
