/**
 * UTC epoch ms -> ISO text by integer arithmetic (H. Hinnant's civil-from-days): several times
 * faster than Date#toISOString, which matters at millions of samples per import.
 */
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of the UTC day containing `ms` (years 0-9999). */
export function isoDate(ms: number): string {
  const z = Math.floor(ms / DAY_MS) + 719_468;
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
  const inDay = ms - Math.floor(ms / DAY_MS) * DAY_MS;
  const h = Math.floor(inDay / 3_600_000);
  const m = Math.floor((inDay % 3_600_000) / 60_000);
  const s = Math.floor((inDay % 60_000) / 1000);
  const milli = inDay % 1000;
  return `${isoDate(ms)}T${two(h)}:${two(m)}:${two(s)}.${milli >= 100 ? milli : milli >= 10 ? `0${milli}` : `00${milli}`}Z`;
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
