/**
 * UTC epoch ms <-> ISO text by integer arithmetic (H. Hinnant's civil-from-days and
 * days-from-civil): several times faster than Date, which matters at millions of samples per
 * import. Samples of a batch mostly share a day and a minute, so the last day's and the last
 * minute's text are kept.
 */
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

let memoDay = NaN;
let memoDayText = '';
let memoMinute = NaN;
let memoMinuteText = '';

/** `YYYY-MM-DD` of the UTC day containing `ms` (years 0-9999). */
export function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== memoDay) {
    memoDayText = civilDate(day);
    memoDay = day;
  }
  return memoDayText;
}

function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year >= 1000 ? year : String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, as Date#toISOString gives for years 0-9999. */
export function isoInstant(ms: number): string {
  const minute = Math.floor(ms / MINUTE_MS);
  if (minute !== memoMinute) {
    const inDay = minute * MINUTE_MS - Math.floor(ms / DAY_MS) * DAY_MS;
    memoMinuteText = `${isoDate(ms)}T${two(Math.floor(inDay / 3_600_000))}:${two(Math.floor((inDay % 3_600_000) / MINUTE_MS))}:`;
    memoMinute = minute;
  }
  const inMinute = ms - minute * MINUTE_MS;
  const milli = inMinute % 1000;
  const second = Math.floor(inMinute / 1000);
  // Two parts, not five: V8 then flattens the string (on its first comparison) in one copy.
  return memoMinuteText + (milli === 0 ? WHOLE_SECONDS[second]! : `${two(second)}.${milli >= 100 ? milli : milli >= 10 ? `0${milli}` : `00${milli}`}Z`);
}

/** `ss.000Z` for every second of a minute: readings mostly fall on whole seconds. */
const WHOLE_SECONDS = Array.from({ length: 60 }, (_, second) => `${two(second)}.000Z`);

/** Epoch ms of an instant in the form isoInstant writes (`YYYY-MM-DDTHH:mm:ss.sssZ`), read by position; NaN for any other text. */
export function instantMs(iso: string): number {
  if (iso.length !== 24 || !iso.startsWith('-', 4) || !iso.startsWith('-', 7) || !iso.startsWith('T', 10) || !iso.startsWith(':', 13)) return NaN;
  if (!iso.startsWith(':', 16) || !iso.startsWith('.', 19) || !iso.startsWith('Z', 23)) return NaN;
  const year = digitsAt(iso, 0, 4);
  const month = digitsAt(iso, 5, 2);
  const day = digitsAt(iso, 8, 2);
  const hour = digitsAt(iso, 11, 2);
  const minute = digitsAt(iso, 14, 2);
  const second = digitsAt(iso, 17, 2);
  const milli = digitsAt(iso, 20, 3);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || milli < 0) return NaN;
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * MINUTE_MS + second * 1000 + milli;
}

/** Epoch ms of any ISO 8601 instant Date reads, by instantMs for the form isoInstant writes (what storage gives back). */
export function epochMsOf(iso: string): number {
  const ms = instantMs(iso);
  return Number.isNaN(ms) ? Date.parse(iso) : ms;
}

/** The decimal number of the `count` characters at `from`, or -1 when one of them is not a digit. */
export function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i += 1) {
    const digit = text.charCodeAt(i) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12), as Date.UTC counts them for years >= 100. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

