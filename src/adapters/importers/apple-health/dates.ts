import type { AppleHealthDate } from './types.ts';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** `HH:mm:` of each minute of a day, and `ss.000Z` of each second of a minute. */
const HOURS_MINUTES = Array.from({ length: DAY_MINUTES }, (_, m) => `${TWO_DIGITS[Math.floor(m / 60)]}:${TWO_DIGITS[m % 60]}:`);
const SECONDS = TWO_DIGITS.map((ss) => `${ss}.000Z`);
/** Minutes whose ISO prefix is kept (direct-mapped by minute number). */
const MINUTE_SLOTS = 1024;

/** Other spellings seen from third-party writers: `T`, no seconds, fractions, `Z`, `+01:00`. */
const LENIENT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A decimal digit's value, or -1000 for anything else (so a field built from it goes negative). */
function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : -1000;
}

function twoDigits(text: string, at: number): number {
  return digit(text, at) * 10 + digit(text, at + 1);
}

/**
 * Reads export timestamps, `2024-03-10 07:12:44 -0800`, straight out of the scanner's bytes
 * (no substring for the common layout). Exports are sorted by time within a type, so it keeps
 * the last few results and the ISO text of the last minutes it formatted: consecutive records
 * share them, and equal timestamps share one object.
 */
export class AppleHealthDateParser {
  private readonly recent: (AppleHealthDate | undefined)[] = [undefined, undefined, undefined];
  private recentNext = 0;
  private readonly dayKeys = [Number.NaN, Number.NaN];
  private readonly dayPrefixes = ['', ''];
  private dayNext = 0;
  private readonly minuteKeys = new Float64Array(MINUTE_SLOTS).fill(Number.NaN);
  private readonly minutePrefixes: string[] = new Array<string>(MINUTE_SLOTS).fill('');

  /** The timestamp in `text`, or undefined when it is not one. */
  parse(text: string): AppleHealthDate | undefined {
    // Beyond latin1 a character would lose its high byte below (U+0131 would read as "1").
    for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0xff) return undefined;
    const bytes = Buffer.from(text, 'latin1');
    return this.parseBytes(bytes, 0, bytes.length, text);
  }

  /**
   * The timestamp in bytes[start, end) (export.xml's bytes; `text` is the same bytes as a
   * latin1 string, read only for the rarer spellings).
   */
  parseBytes(b: Uint8Array, start: number, end: number, text: string): AppleHealthDate | undefined {
    if (end - start !== 25 || b[start + 4] !== 45 || b[start + 7] !== 45 || b[start + 10] !== 32 || b[start + 13] !== 58 || b[start + 16] !== 58 || b[start + 19] !== 32) {
      return this.parseLenient(text.slice(start, end));
    }
    const sign = b[start + 20];
    if (sign !== 43 && sign !== 45) return undefined;
    // Digits as numbers; any non-digit makes `bad` negative (d < 0, or 9 - d < 0).
    const y0 = (b[start] as number) - 48;
    const y1 = (b[start + 1] as number) - 48;
    const y2 = (b[start + 2] as number) - 48;
    const y3 = (b[start + 3] as number) - 48;
    const mo0 = (b[start + 5] as number) - 48;
    const mo1 = (b[start + 6] as number) - 48;
    const d0 = (b[start + 8] as number) - 48;
    const d1 = (b[start + 9] as number) - 48;
    const h0 = (b[start + 11] as number) - 48;
    const h1 = (b[start + 12] as number) - 48;
    const mi0 = (b[start + 14] as number) - 48;
    const mi1 = (b[start + 15] as number) - 48;
    const s0 = (b[start + 17] as number) - 48;
    const s1 = (b[start + 18] as number) - 48;
    const oh0 = (b[start + 21] as number) - 48;
    const oh1 = (b[start + 22] as number) - 48;
    const om0 = (b[start + 23] as number) - 48;
    const om1 = (b[start + 24] as number) - 48;
    const bad =
      y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1 | oh0 | oh1 | om0 | om1 |
      (9 - y0) | (9 - y1) | (9 - y2) | (9 - y3) | (9 - mo0) | (9 - mo1) | (9 - d0) | (9 - d1) | (9 - h0) | (9 - h1) |
      (9 - mi0) | (9 - mi1) | (9 - s0) | (9 - s1) | (9 - oh0) | (9 - oh1) | (9 - om0) | (9 - om1);
    if (bad < 0) return undefined;
    return this.build(
      y0 * 1000 + y1 * 100 + y2 * 10 + y3, mo0 * 10 + mo1, d0 * 10 + d1, h0 * 10 + h1, mi0 * 10 + mi1, s0 * 10 + s1, 0,
      sign === 45 ? -1 : 1, oh0 * 10 + oh1, om0 * 10 + om1,
    );
  }

  private parseLenient(text: string): AppleHealthDate | undefined {
    const m = LENIENT.exec(text.trim());
    if (!m) return undefined;
    const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
    const zulu = m[8] !== undefined;
    return this.build(
      Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6]), millis,
      zulu || m[9] === '+' ? 1 : -1, zulu ? 0 : Number(m[10]), zulu ? 0 : Number(m[11]),
    );
  }

  private build(
    year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number,
    sign: number, offsetHours: number, offsetMins: number,
  ): AppleHealthDate | undefined {
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
    if (offsetHours < 0 || offsetHours > 14 || offsetMins < 0 || offsetMins > 59) return undefined;
    const offsetMinutes = sign * (offsetHours * 60 + offsetMins);
    const utcMinute = daysFromCivil(year, month, day) * DAY_MINUTES + hour * 60 + minute - offsetMinutes;
    const epochMs = utcMinute * MINUTE_MS + second * 1000 + millis;
    const recent = this.recent;
    for (let i = 0; i < 3; i += 1) {
      const r = recent[i];
      if (r !== undefined && r.epochMs === epochMs && r.offsetMinutes === offsetMinutes) return r;
    }
    const instant = millis === 0 && year > 1 && year < 9999 ? this.minutePrefix(utcMinute) + SECONDS[second] : new Date(epochMs).toISOString();
    const date: AppleHealthDate = { instant, epochMs, offsetMinutes };
    recent[this.recentNext] = date;
    this.recentNext = (this.recentNext + 1) % 3;
    return date;
  }

  /** `YYYY-MM-DDTHH:mm:` of a UTC minute (minutes since 1970-01-01). */
  private minutePrefix(utcMinute: number): string {
    const slot = utcMinute & (MINUTE_SLOTS - 1);
    if (this.minuteKeys[slot] === utcMinute) return this.minutePrefixes[slot] as string;
    const utcDay = Math.floor(utcMinute / DAY_MINUTES);
    const prefix = this.dayPrefix(utcDay) + HOURS_MINUTES[utcMinute - utcDay * DAY_MINUTES];
    this.minuteKeys[slot] = utcMinute;
    this.minutePrefixes[slot] = prefix;
    return prefix;
  }

  /** `YYYY-MM-DDT` of a UTC day (days since 1970-01-01). */
  private dayPrefix(utcDay: number): string {
    if (this.dayKeys[0] === utcDay) return this.dayPrefixes[0] as string;
    if (this.dayKeys[1] === utcDay) return this.dayPrefixes[1] as string;
    const prefix = new Date(utcDay * DAY_MINUTES * MINUTE_MS).toISOString().slice(0, 11);
    const slot = this.dayNext;
    this.dayKeys[slot] = utcDay;
    this.dayPrefixes[slot] = prefix;
    this.dayNext = slot ^ 1;
    return prefix;
  }
}

/** One timestamp, e.g. `2024-03-10 07:12:44 -0800` -> 2024-03-10T15:12:44.000Z at -480 minutes. */
export function parseAppleHealthDate(text: string): AppleHealthDate | undefined {
  return new AppleHealthDateParser().parse(text);
}

/** `dateComponents` of an ActivitySummary: a calendar day `YYYY-MM-DD`, checked. */
export function isCalendarDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `h:mm:ss.ff AM` / `HH:mm:ss.ff` without a regex: the hot case of the beat-to-beat series. */
function fastTimeOfDay(text: string): number | undefined {
  if (text.length < 7) return undefined;
  const colon = text.charCodeAt(1) === 58 ? 1 : text.charCodeAt(2) === 58 ? 2 : -1;
  if (colon === -1 || text.length < colon + 6 || text.charCodeAt(colon + 3) !== 58) return undefined;
  let hour = colon === 1 ? digit(text, 0) : twoDigits(text, 0);
  const minute = twoDigits(text, colon + 1);
  const second = twoDigits(text, colon + 4);
  let i = colon + 6;
  let millis = 0;
  if (i < text.length && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44)) {
    let scale = 100;
    for (i += 1; i < text.length; i += 1) {
      const d = digit(text, i);
      if (d < 0) break;
      millis += d * scale;
      scale /= 10;
    }
    millis = Math.floor(millis);
  }
  if (i < text.length) {
    if (text.length !== i + 3 || text.charCodeAt(i) !== 32 || text.charCodeAt(i + 2) !== 77) return undefined;
    const half = text.charCodeAt(i + 1);
    if ((half !== 65 && half !== 80) || hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 80 ? 12 : 0);
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

const CLOCK = /^(\d{1,2})[:.](\d{2})[:.](\d{2})(?:[.,](\d{1,9}))?(?:\s*([AaPp])\.?\s?[Mm]\.?)?$/;

/**
 * `time` of an InstantaneousBeatsPerMinute, written in the phone's locale (`7:12:44.57 PM`,
 * `19:12:44,57`), as milliseconds after local midnight; undefined when it reads as neither.
 */
export function parseTimeOfDay(text: string): number | undefined {
  const fast = fastTimeOfDay(text);
  if (fast !== undefined) return fast;
  const m = CLOCK.exec(text.trim());
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3]);
  const millis = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0').slice(0, 3));
  const half = m[5]?.toUpperCase();
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'P' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}
