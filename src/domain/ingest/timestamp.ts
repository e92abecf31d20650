import { describe } from './describe-value.ts';
import { daysInMonth } from './iso-format.ts';

/**
 * ISO 8601 timestamps as vendors send them: `2021-12-11T18:04:47-07:00`, `...Z`,
 * Apple Health's `2021-12-11 18:04:47 -0700`, a local time without offset (Fitbit), or a bare
 * date meaning a whole local day. Anything else is refused, never guessed.
 */
export type ParsedTimestamp =
  | { kind: 'date'; date: string; wallMs: number }
  | { kind: 'local'; wallMs: number }
  /** `offsetMinutes` is undefined for Z and +/-00:00: they fix the instant, not the local time. */
  | { kind: 'instant'; utcMs: number; offsetMinutes: number | undefined };

export type TimestampResult = { ok: true; value: ParsedTimestamp } | { ok: false; reason: string };

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;
const MINUTE_MS = 60_000;

export function parseTimestamp(text: string): TimestampResult {
  const match = PATTERN.exec(text.trim());
  if (!match) return { ok: false, reason: `not an ISO 8601 date or date-time: ${describe(text)}` };
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return { ok: false, reason: `year ${year} is outside ${EARLIEST_YEAR}-${LATEST_YEAR}` };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `no such date: ${describe(text)}` };
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return { ok: true, value: { kind: 'date', date, wallMs: Date.UTC(year, month - 1, day) } };
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `no such time of day: ${describe(text)}` };
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (zone === undefined) return { ok: true, value: { kind: 'local', wallMs } };
  const offset = parseOffset(zone);
  if (offset === undefined) return { ok: false, reason: `bad UTC offset '${zone}'` };
  return {
    ok: true,
    value: { kind: 'instant', utcMs: wallMs - offset * MINUTE_MS, offsetMinutes: offset === 0 ? undefined : offset },
  };
}

function parseOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
