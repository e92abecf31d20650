/**
 * Dates and times as spreadsheets and vendor CSVs write them, turned into the ISO text a
 * RawSample takes: `YYYY-MM-DD` (a whole local day), `YYYY-MM-DDTHH:mm:ss[.fff]` (local time,
 * no offset) or the same with `Z` / `+HH:MM` when the cell names an offset.
 *
 * Read without guessing:
 * - `2016-04-12`, `2016/04/12` (year first: unambiguous);
 * - `12.4.2016` (dots: day.month.year, the only order written with dots);
 * - `4/12/2016`, `4/12/16`, `4-12-2016` (year last) only with a known order — `mdy` (US, the
 *   Fitbit / Fitabase files) or `dmy` — otherwise refused as ambiguous;
 * - a two-digit year is 2000-2099;
 * - an optional time `H:mm`, `H:mm:ss`, `H:mm:ss.fff`, 24-hour or with AM/PM (`12:00:00 AM`,
 *   `1:08:52 pm`, `11:59 p.m.`), after a space or `T`;
 * - an optional offset after the time: `Z`, `+02:00`, `+0200`, `-07`.
 */
export type DateOrder = 'mdy' | 'dmy';

export interface TableTimestamp {
  /** `YYYY-MM-DD` as written (the local date). */
  readonly date: string;
  /** `HH:mm:ss` or `HH:mm:ss.fff`, absent for a bare date. */
  readonly time?: string;
  /** `Z` or `+HH:MM`, only when the cell gave one. */
  readonly offset?: string;
  /** Seconds after local midnight, 0 for a bare date. */
  readonly secondsOfDay: number;
}

export type TableTimestampResult =
  | { ok: true; value: TableTimestamp }
  | { ok: false; reason: string; ambiguousOrder?: true };

const YEAR_FIRST = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+)(.+))?$/;
const YEAR_LAST = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?:\s+(.+))?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s+(.+))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([AaPp])\.?[Mm]\.?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;

export function parseTableTimestamp(text: string, order?: DateOrder): TableTimestampResult {
  const trimmed = text.trim();
  let match = YEAR_FIRST.exec(trimmed);
  if (match) return build(trimmed, match[1] ?? '', match[2] ?? '', match[3] ?? '', match[4]);
  match = DOTTED.exec(trimmed);
  if (match) return build(trimmed, match[3] ?? '', match[2] ?? '', match[1] ?? '', match[4]);
  match = YEAR_LAST.exec(trimmed);
  if (match) {
    const [, first = '', , second = '', year = '', time] = match;
    if (order === undefined) {
      return { ok: false, ambiguousOrder: true, reason: `cannot tell day from month in '${clip(trimmed)}': give the date order (month/day/year or day/month/year)` };
    }
    return order === 'mdy' ? build(trimmed, year, first, second, time) : build(trimmed, year, second, first, time);
  }
  return { ok: false, reason: `'${clip(trimmed)}' is not a date` };
}

/** The RawSample `start` for a parsed timestamp. */
export function formatTableTimestamp(value: TableTimestamp): string {
  if (value.time === undefined) return value.date;
  return `${value.date}T${value.time}${value.offset ?? ''}`;
}

function build(text: string, y: string, mo: string, d: string, timeText: string | undefined): TableTimestampResult {
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return { ok: false, reason: `year ${year} in '${clip(text)}' is outside ${EARLIEST_YEAR}-${LATEST_YEAR}` };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `no such date: '${clip(text)}'` };
  const date = `${year}-${two(month)}-${two(day)}`;
  if (timeText === undefined) return { ok: true, value: { date, secondsOfDay: 0 } };
  const time = TIME.exec(timeText.trim());
  if (!time) return { ok: false, reason: `'${clip(text)}' has an unreadable time of day` };
  const [, h = '', mi = '', s, fraction, meridiem, zone] = time;
  let hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return { ok: false, reason: `no such time of day: '${clip(text)}'` };
    const pm = meridiem === 'p' || meridiem === 'P';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `no such time of day: '${clip(text)}'` };
  const millis = fraction === undefined ? '' : `.${fraction.padEnd(3, '0').slice(0, 3)}`;
  const offset = zone === undefined ? undefined : formatOffset(zone);
  if (offset === null) return { ok: false, reason: `bad UTC offset in '${clip(text)}'` };
  const value: TableTimestamp = {
    date,
    time: `${two(hour)}:${two(minute)}:${two(second)}${millis}`,
    secondsOfDay: hour * 3600 + minute * 60 + second,
    ...(offset !== undefined && { offset }),
  };
  return { ok: true, value };
}

function formatOffset(zone: string): string | null {
  if (zone === 'Z' || zone === 'z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return `${zone[0]}${two(hours)}:${two(minutes)}`;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The local wall-clock text `hours` after a local `YYYY-MM-DDTHH:mm:ss` (calendar arithmetic, no zone). */
export function addHours(localDateTime: string, hours: number): string {
  const ms = Date.parse(`${localDateTime}Z`) + hours * 3_600_000;
  return new Date(ms).toISOString().slice(0, 19);
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
