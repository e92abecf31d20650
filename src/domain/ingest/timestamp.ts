import { describe } from './describe-value.ts';
import { daysFromCivil, daysInMonth, digitsAt } from './iso-format.ts';

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
const DAY_MS = 86_400_000;

/** The numbers of a timestamp's text, read by the fast scanner or the pattern. */
interface Fields {
  year: number;
  month: number;
  day: number;
  /** -1 for a bare date. */
  hour: number;
  minute: number;
  second: number;
  millis: number;
  /** Minutes east of UTC; undefined when the text names no zone. */
  offset: number | undefined;
  /** A zone of the right shape but out of range (`+15:00`). */
  badZone?: string;
}

export function parseTimestamp(text: string): TimestampResult {
  const fields = scanCommonShape(text) ?? matchPattern(text);
  if (!fields) return { ok: false, reason: `not an ISO 8601 date or date-time: ${describe(text)}` };
  return fromFields(text, fields);
}

function fromFields(text: string, f: Fields): TimestampResult {
  const { year, month, day } = f;
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return { ok: false, reason: `year ${year} is outside ${EARLIEST_YEAR}-${LATEST_YEAR}` };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `no such date: ${describe(text)}` };
  const dayMs = daysFromCivil(year, month, day) * DAY_MS;
  if (f.hour < 0) return { ok: true, value: { kind: 'date', date: text.trim().slice(0, 10), wallMs: dayMs } };
  if (f.hour > 23 || f.minute > 59 || f.second > 59) return { ok: false, reason: `no such time of day: ${describe(text)}` };
  const wallMs = dayMs + f.hour * 3_600_000 + f.minute * MINUTE_MS + f.second * 1000 + f.millis;
  if (f.badZone !== undefined) return { ok: false, reason: `bad UTC offset '${f.badZone}'` };
  if (f.offset === undefined) return { ok: true, value: { kind: 'local', wallMs } };
  return { ok: true, value: { kind: 'instant', utcMs: wallMs - f.offset * MINUTE_MS, offsetMinutes: f.offset === 0 ? undefined : f.offset } };
}

/**
 * The shapes nearly every sample has — `YYYY-MM-DD`, or `YYYY-MM-DD[T ]HH:mm:ss` with an
 * optional fraction and an optional zone (`Z`, ` -0700`, `+01:00`) — read by position, without
 * the pattern; undefined for anything else, which the pattern then reads (or refuses).
 */
function scanCommonShape(text: string): Fields | undefined {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (length === 10) return { year, month, day, hour: -1, minute: 0, second: 0, millis: 0, offset: undefined };
  const separator = text.charCodeAt(10);
  if ((separator !== T && separator !== SPACE) || length < 19 || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return undefined;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  let at = 19;
  let millis = 0;
  const dot = text.charCodeAt(at);
  if (dot === DOT || dot === COMMA) {
    const from = at + 1;
    at = from;
    while (at < length && isDigit(text.charCodeAt(at))) at += 1;
    const count = at - from;
    if (count === 0 || count > 9) return undefined;
    millis = digitsAt(text, from, Math.min(count, 3)) * (count === 1 ? 100 : count === 2 ? 10 : 1);
  }
  if (at < length && text.charCodeAt(at) === SPACE) at += 1;
  const fields: Fields = { year, month, day, hour, minute, second, millis, offset: undefined };
  return at === length ? fields : withZone(fields, text.slice(at));
}

/** Sets the zone — `Z`, `z`, `+HH`, `+HHMM` or `+HH:MM` — on the fields; undefined when `zone` is none of these. */
function withZone(fields: Fields, zone: string): Fields | undefined {
  if (zone === 'Z' || zone === 'z') {
    fields.offset = 0;
    return fields;
  }
  const sign = zone.charCodeAt(0);
  if (sign !== PLUS && sign !== MINUS) return undefined;
  const hours = digitsAt(zone, 1, 2);
  const minutesAt = zone.charCodeAt(3) === COLON ? 4 : 3;
  const minutes = zone.length === 3 ? 0 : zone.length === minutesAt + 2 ? digitsAt(zone, minutesAt, 2) : -1;
  if (hours < 0 || minutes < 0) return undefined;
  if (hours > 14 || minutes > 59) fields.badZone = zone;
  else fields.offset = (sign === MINUS ? -1 : 1) * (hours * 60 + minutes);
  return fields;
}

function matchPattern(text: string): Fields | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const fields: Fields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? -1 : Number(h),
    minute: Number(mi ?? 0),
    second: s === undefined ? 0 : Number(s),
    millis: frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3)),
    offset: undefined,
  };
  // The pattern admits only zones of a shape withZone reads.
  return zone === undefined ? fields : withZone(fields, zone);
}

const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const COMMA = 0x2c;
const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
const T = 0x54;

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
