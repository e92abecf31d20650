import { checkUnit, headerWords, unitFor, type MetricColumn } from './columns.ts';

/**
 * One cell of a metric column: a value and the unit it is in, nothing (an empty cell or a
 * conventional missing marker), or the reason it cannot be read.
 */
export type CellResult = { ok: true; value: number; unit: string } | { ok: false; reason: string } | undefined;

/** Read as empty: what spreadsheets and R / pandas write for a missing value. */
const MISSING = new Set(['na', 'n/a', 'nan', 'null', 'none', '-', '—', '–']);

/** Sleep written without a unit is read as hours; no night of sleep is longer than this. */
export const MAX_SLEEP_HOURS = 24;

const NUMBER = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?)\s*(.*)$/;
const CLOCK_DURATION = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$/;
const HOURS_MINUTES = /^(\d{1,2})\s*h(?:ours?|rs?)?\s*(?:(\d{1,2})\s*m(?:in(?:utes?)?)?)?$/i;

/**
 * `decimalComma`: read `72,5` as 72.5 — only for files not separated by commas (`;` or tab),
 * where a comma inside a number can only be a decimal mark.
 */
export function readCell(text: string, column: MetricColumn, decimalComma: boolean): CellResult {
  const trimmed = text.trim();
  if (trimmed === '' || MISSING.has(trimmed.toLowerCase())) return undefined;

  if (column.duration) {
    const clock = CLOCK_DURATION.exec(trimmed) ?? HOURS_MINUTES.exec(trimmed);
    if (clock) {
      const [, h = '0', m = '0', s = '0'] = clock;
      return { ok: true, value: Number(h) * 60 + Number(m) + Number(s) / 60, unit: 'min' };
    }
  }

  const match = NUMBER.exec(trimmed);
  if (!match) return { ok: false, reason: `'${clip(trimmed)}' is not a number` };
  const [, digits = '', unitText = ''] = match;
  if (digits.includes(',') && !decimalComma) return { ok: false, reason: `'${clip(trimmed)}' is not a number (a comma is not a decimal mark in a comma-separated file)` };
  const value = Number(digits.replace(',', '.'));
  if (!Number.isFinite(value)) return { ok: false, reason: `'${clip(trimmed)}' is not a number` };

  if (unitText !== '') {
    const spelling = unitSpelling(unitText);
    const problem = checkUnit(column.metric, spelling);
    if (problem !== undefined) return { ok: false, reason: `'${clip(trimmed)}': ${problem}` };
    return { ok: true, value, unit: unitFor(column.metric, spelling) };
  }
  if (column.unit.kind === 'unit') return { ok: true, value, unit: column.unit.unit };
  if (value > MAX_SLEEP_HOURS) {
    return {
      ok: false,
      reason: `${value} has no unit and is more than ${MAX_SLEEP_HOURS}, so it cannot be hours of sleep: name the column ${column.metric.id === 'time_in_bed' ? 'time_in_bed_min' : 'sleep_min'} for minutes or give the unit`,
    };
  }
  return { ok: true, value, unit: 'h' };
}

const HINT_WORDS: ReadonlyMap<string, string> = new Map([
  ['lbs', '[lb_av]'],
  ['pounds', '[lb_av]'],
  ['kgs', 'kg'],
  ['hrs', 'h'],
  ['hours', 'h'],
  ['mins', 'min'],
  ['minutes', 'min'],
  ['fl oz', '[foz_us]'],
]);

/** A unit written in a cell (`kg`, `lbs`, `mg/dL`) as the unit catalog spells it. */
function unitSpelling(text: string): string {
  return HINT_WORDS.get(headerWords(text).join(' ')) ?? text.trim();
}

const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
