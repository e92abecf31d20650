import type { CanonicalSample } from '../../domain/ingest/index.ts';

/** The months (`YYYY-MM`, UTC) the samples start in, whose partitions they need; a batch mostly runs within one. */
export function sampleMonths(samples: readonly CanonicalSample[]): Set<string> {
  const months = new Set<string>();
  let month = '';
  for (const sample of samples) {
    if (month !== '' && sample.start.startsWith(month)) continue;
    month = sample.start.slice(0, 7);
    months.add(month);
  }
  return months;
}
