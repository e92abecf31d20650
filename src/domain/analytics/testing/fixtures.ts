import { addDays } from '../series/calendar-date.ts';
import type { DailyPoint } from '../series/daily-series.ts';

/** Consecutive days from `start`: a number, a gap (null) or a not-worn day. */
export function seriesFrom(start: string, values: readonly (number | null | 'not_worn')[]): DailyPoint[] {
  return values.map((value, i) => {
    const date = addDays(start, i);
    return value === 'not_worn' ? { date, value: 0, status: 'not_worn' } : { date, value, status: 'ok' };
  });
}

/** Deterministic standard-normal draws (mulberry32 + Box–Muller), so statistical tests are repeatable. */
export function seededNormal(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Every number reachable from `value` is finite; returns the paths of those that are not. */
export function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFiniteNumbers(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => nonFiniteNumbers(item, `${path}.${key}`));
  return [];
}
