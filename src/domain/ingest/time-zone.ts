/**
 * UTC offsets of IANA zones from the runtime's own tz database (Intl), so the domain stays
 * pure: no clock, no files. Formatters are cached per zone because building one is costly,
 * and offsets per UTC hour because formatToParts is slow (see zoneOffsetMinutes).
 */
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MAX_CACHED_HOURS = 100_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const hourlyOffsets = new Map<string, Map<number, number>>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, found);
  }
  return found;
}

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Offset of `zone` from UTC at the instant, in minutes (east positive). `zone` must be valid.
 * An hour is cached only when its first and last second share one offset; an hour holding a
 * transition (some fall on :30 or :45 UTC) is computed exactly every time.
 */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  let cache = hourlyOffsets.get(zone);
  if (!cache) hourlyOffsets.set(zone, (cache = new Map()));
  const cached = cache.get(hour);
  if (cached !== undefined) return cached;
  const first = exactOffsetMinutes(zone, hour * HOUR_MS);
  if (first !== exactOffsetMinutes(zone, hour * HOUR_MS + HOUR_MS - 1000)) return exactOffsetMinutes(zone, utcMs);
  if (cache.size >= MAX_CACHED_HOURS) cache.clear();
  cache.set(hour, first);
  return first;
}

function exactOffsetMinutes(zone: string, utcMs: number): number {
  const flooredMs = Math.floor(utcMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(flooredMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wallMs = Date.UTC(fields.year ?? 0, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
  return Math.round((wallMs - flooredMs) / MINUTE_MS);
}

export interface ResolvedWallTime {
  readonly utcMs: number;
  readonly offsetMinutes: number;
  /** `gap`: the wall time does not exist (clocks sprang forward); `overlap`: it happened twice. */
  readonly transition: 'none' | 'gap' | 'overlap';
}

/**
 * A local wall-clock time in `zone` -> an instant, with the rule of RFC 5545 and Temporal's
 * "compatible" disambiguation: a time inside a spring-forward gap is read with the offset in
 * force before the gap (so 02:30 on a 02:00->03:00 night becomes 03:30); a time that occurs
 * twice (fall back) is the earlier of the two. Deterministic whatever the host.
 * `wallMs` is the wall time encoded as if it were UTC.
 */
export function wallTimeToInstant(zone: string, wallMs: number): ResolvedWallTime {
  const before = zoneOffsetMinutes(zone, wallMs - DAY_MS);
  const after = zoneOffsetMinutes(zone, wallMs + DAY_MS);
  // No transition within a day either side (nearly always): the one offset, unless the wall time falls in a gap.
  if (before === after && zoneOffsetMinutes(zone, wallMs - before * MINUTE_MS) === before) {
    return { utcMs: wallMs - before * MINUTE_MS, offsetMinutes: before, transition: 'none' };
  }
  const valid = [...new Set([before, after])]
    .filter((offset) => zoneOffsetMinutes(zone, wallMs - offset * MINUTE_MS) === offset)
    .sort((a, b) => b - a);
  const [earliest] = valid;
  if (earliest === undefined) {
    const utcMs = wallMs - before * MINUTE_MS;
    return { utcMs, offsetMinutes: zoneOffsetMinutes(zone, utcMs), transition: 'gap' };
  }
  return { utcMs: wallMs - earliest * MINUTE_MS, offsetMinutes: earliest, transition: valid.length > 1 ? 'overlap' : 'none' };
}
