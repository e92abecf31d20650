import { compareText } from './dedup.ts';

/**
 * Rank of every source present: the person's list first (highest priority first), then any
 * source missing from it in alphabetical order, so an unlisted source never outranks a
 * listed one and the order never depends on which sample came first.
 */
export function rankSources(present: Iterable<string>, priority: readonly string[]): string[] {
  const position = new Map<string, number>();
  priority.forEach((source, i) => {
    if (!position.has(source)) position.set(source, i);
  });
  return [...new Set(present)].sort((a, b) => {
    const pa = position.get(a);
    const pb = position.get(b);
    if (pa !== undefined && pb !== undefined) return pa - pb;
    if (pa !== undefined) return -1;
    if (pb !== undefined) return 1;
    return compareText(a, b);
  });
}
