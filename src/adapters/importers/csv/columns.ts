import { getMetric, resolveUnit, toCanonical, type MetricDefinition } from '../../../domain/metrics/index.ts';
import { FileImportError } from './errors.ts';
import type { IgnoredColumn } from './import-result.ts';

/**
 * How the columns of a generic CSV map onto metrics.
 *
 * A header names a metric by one of the synonyms below, optionally followed by a unit hint:
 * a last word (`weight_lb`, `sleep_hours`, `water ml`, `distanceKm`) or a bracket (`Weight (lb)`,
 * `Glucose [mg/dL]`). Matching ignores case, spaces, `_`, `-` and camelCase boundaries.
 *
 * The unit of a column, first that applies:
 * 1. the explicit mapping's `unit`;
 * 2. the header's unit hint;
 * 3. the `units` option for that metric (`{ weight: 'lb' }`);
 * 4. the metric's conventional unit when there is only one in practice (steps, kcal, g of
 *    protein/carbs/fat, weight in kg, bpm, ms, %, 1-10 scores, minutes of exercise);
 * 5. sleep and time in bed without a unit: hours, and a value above 24 is refused (it cannot
 *    be hours; call the column `sleep_min` or `sleep_hours`); `7:30` reads as 7 h 30 min;
 * 6. otherwise (distance, water, glucose, temperature) the column is ignored with a reason:
 *    no scale is guessed.
 * A cell may also carry its own unit (`72.5 kg`, `165 lb`), which wins for that cell.
 */

/** Unit rule for columns of a metric whose header gives no unit. */
type DefaultUnit = { unit: string } | { sleepHours: true } | { required: true };

interface Synonym {
  readonly metric: string;
  /** A unit the name itself states (`minutes asleep`). */
  readonly unit?: string;
}

const SYNONYMS: ReadonlyArray<readonly [string, string | Synonym]> = [
  ['weight', 'weight'],
  ['body weight', 'weight'],
  ['bodyweight', 'weight'],
  ['body mass', 'weight'],
  ['steps', 'steps'],
  ['step', 'steps'],
  ['step count', 'steps'],
  ['stepcount', 'steps'],
  ['total steps', 'steps'],
  ['step total', 'steps'],
  ['distance', 'distance'],
  ['total distance', 'distance'],
  ['sleep', 'sleep_duration'],
  ['sleep duration', 'sleep_duration'],
  ['sleep time', 'sleep_duration'],
  ['total sleep', 'sleep_duration'],
  ['time asleep', 'sleep_duration'],
  ['asleep', 'sleep_duration'],
  ['minutes asleep', { metric: 'sleep_duration', unit: 'min' }],
  ['total minutes asleep', { metric: 'sleep_duration', unit: 'min' }],
  ['hours asleep', { metric: 'sleep_duration', unit: 'h' }],
  ['hours of sleep', { metric: 'sleep_duration', unit: 'h' }],
  ['time in bed', 'time_in_bed'],
  ['in bed', 'time_in_bed'],
  ['total time in bed', 'time_in_bed'],
  ['calories', 'dietary_energy'],
  ['calorie', 'dietary_energy'],
  ['calories in', 'dietary_energy'],
  ['calories consumed', 'dietary_energy'],
  ['calorie intake', 'dietary_energy'],
  ['energy intake', 'dietary_energy'],
  ['dietary energy', 'dietary_energy'],
  ['food calories', 'dietary_energy'],
  ['calories burned', 'total_energy'],
  ['calories out', 'total_energy'],
  ['total calories burned', 'total_energy'],
  ['energy burned', 'total_energy'],
  ['total energy', 'total_energy'],
  ['active calories', 'active_energy'],
  ['active energy', 'active_energy'],
  ['active calories burned', 'active_energy'],
  ['protein', 'dietary_protein'],
  ['proteins', 'dietary_protein'],
  ['carbs', 'dietary_carbohydrates'],
  ['carb', 'dietary_carbohydrates'],
  ['carbohydrates', 'dietary_carbohydrates'],
  ['carbohydrate', 'dietary_carbohydrates'],
  ['fat', 'dietary_fat'],
  ['fats', 'dietary_fat'],
  ['total fat', 'dietary_fat'],
  ['dietary fat', 'dietary_fat'],
  ['water', 'dietary_water'],
  ['water intake', 'dietary_water'],
  ['hydration', 'dietary_water'],
  ['mood', 'mood'],
  ['energy', 'energy_level'],
  ['energy level', 'energy_level'],
  ['stress', 'stress_level'],
  ['stress level', 'stress_level'],
  ['resting hr', 'resting_heart_rate'],
  ['resting heart rate', 'resting_heart_rate'],
  ['rhr', 'resting_heart_rate'],
  ['resting pulse', 'resting_heart_rate'],
  ['heart rate', 'heart_rate'],
  ['hr', 'heart_rate'],
  ['pulse', 'heart_rate'],
  ['rmssd', 'hrv_rmssd'],
  ['hrv rmssd', 'hrv_rmssd'],
  ['sdnn', 'hrv_sdnn'],
  ['hrv sdnn', 'hrv_sdnn'],
  ['body fat', 'body_fat'],
  ['bodyfat', 'body_fat'],
  ['body fat percentage', 'body_fat'],
  ['body fat percent', 'body_fat'],
  ['fat percentage', 'body_fat'],
  ['fat percent', { metric: 'body_fat', unit: '%' }],
  ['fat %', { metric: 'body_fat', unit: '%' }],
  ['fat pct', { metric: 'body_fat', unit: '%' }],
  ['bmi', 'bmi'],
  ['body mass index', 'bmi'],
  ['spo2', 'spo2'],
  ['oxygen saturation', 'spo2'],
  ['blood oxygen', 'spo2'],
  ['respiratory rate', 'respiratory_rate'],
  ['breathing rate', 'respiratory_rate'],
  ['exercise', 'exercise_minutes'],
  ['exercise minutes', { metric: 'exercise_minutes', unit: 'min' }],
  ['active minutes', { metric: 'exercise_minutes', unit: 'min' }],
  ['workout minutes', { metric: 'exercise_minutes', unit: 'min' }],
  ['floors', 'floors'],
  ['floors climbed', 'floors'],
  ['systolic', 'blood_pressure_systolic'],
  ['systolic bp', 'blood_pressure_systolic'],
  ['bp systolic', 'blood_pressure_systolic'],
  ['sys', 'blood_pressure_systolic'],
  ['diastolic', 'blood_pressure_diastolic'],
  ['diastolic bp', 'blood_pressure_diastolic'],
  ['bp diastolic', 'blood_pressure_diastolic'],
  ['dia', 'blood_pressure_diastolic'],
  ['glucose', 'blood_glucose'],
  ['blood glucose', 'blood_glucose'],
  ['blood sugar', 'blood_glucose'],
  ['temperature', 'body_temperature'],
  ['body temperature', 'body_temperature'],
  ['temp', 'body_temperature'],
  ['vo2max', 'vo2max'],
  ['vo2 max', 'vo2max'],
];

/** Names that could be two different metrics: refused with the reason, never guessed. */
const AMBIGUOUS: ReadonlyMap<string, string> = new Map([
  ['hrv', 'HRV could be RMSSD or SDNN, which are different measures: name the column hrv_rmssd or hrv_sdnn'],
  ['heart rate variability', 'HRV could be RMSSD or SDNN, which are different measures: name the column hrv_rmssd or hrv_sdnn'],
  ['blood pressure', 'one column cannot hold both numbers of a blood pressure: use systolic and diastolic columns'],
  ['bp', 'one column cannot hold both numbers of a blood pressure: use systolic and diastolic columns'],
]);

const DEFAULT_UNITS: Readonly<Record<string, DefaultUnit>> = {
  weight: { unit: 'kg' },
  steps: { unit: '{steps}' },
  sleep_duration: { sleepHours: true },
  time_in_bed: { sleepHours: true },
  dietary_energy: { unit: 'kcal' },
  total_energy: { unit: 'kcal' },
  active_energy: { unit: 'kcal' },
  dietary_protein: { unit: 'g' },
  dietary_carbohydrates: { unit: 'g' },
  dietary_fat: { unit: 'g' },
  exercise_minutes: { unit: 'min' },
};

/** Unit hint words of a header -> a spelling the unit catalog resolves. */
const HINTS: ReadonlyMap<string, string> = new Map([
  ['kg', 'kg'],
  ['kgs', 'kg'],
  ['kilograms', 'kg'],
  ['g', 'g'],
  ['gram', 'g'],
  ['grams', 'g'],
  ['mg', 'mg'],
  ['lb', '[lb_av]'],
  ['lbs', '[lb_av]'],
  ['pound', '[lb_av]'],
  ['pounds', '[lb_av]'],
  ['st', '[stone_av]'],
  ['stone', '[stone_av]'],
  ['kcal', 'kcal'],
  ['kj', 'kJ'],
  ['cal', 'cal'],
  ['h', 'h'],
  ['hr', 'h'],
  ['hrs', 'h'],
  ['hour', 'h'],
  ['hours', 'h'],
  ['min', 'min'],
  ['mins', 'min'],
  ['minute', 'min'],
  ['minutes', 'min'],
  ['s', 's'],
  ['sec', 's'],
  ['secs', 's'],
  ['seconds', 's'],
  ['km', 'km'],
  ['m', 'm'],
  ['meters', 'm'],
  ['metres', 'm'],
  ['mi', '[mi_i]'],
  ['miles', '[mi_i]'],
  ['ml', 'mL'],
  ['l', 'L'],
  ['liters', 'L'],
  ['litres', 'L'],
  ['floz', '[foz_us]'],
  ['fl oz', '[foz_us]'],
  ['oz', '[oz_av]'],
  ['%', '%'],
  ['pct', '%'],
  ['percent', '%'],
  ['bpm', '/min'],
  ['ms', 'ms'],
  ['c', 'Cel'],
  ['degc', 'Cel'],
  ['celsius', 'Cel'],
  ['f', '[degF]'],
  ['degf', '[degF]'],
  ['fahrenheit', '[degF]'],
  ['mg dl', 'mg/dL'],
  ['mgdl', 'mg/dL'],
  ['mmol', 'mmol/L'],
  ['mmol l', 'mmol/L'],
  ['mmoll', 'mmol/L'],
  ['mmhg', 'mm[Hg]'],
]);

const SYNONYM_MAP: ReadonlyMap<string, Synonym> = new Map(SYNONYMS.map(([name, target]) => [name, typeof target === 'string' ? { metric: target } : target]));

/** Header names of a date or time column, in order of preference. */
const DATE_NAMES = ['date', 'day', 'timestamp', 'datetime', 'date time', 'start', 'start time', 'start date', 'time', 'recorded at', 'when'];

export interface ColumnMapping {
  readonly metric: string;
  /** Any spelling the unit catalog knows; defaults as for a header without a unit hint. */
  readonly unit?: string;
}

export interface ColumnPlanOptions {
  /** The column holding the date or date-time of each row (default: found by name). */
  readonly dateColumn?: string;
  /** A separate time-of-day column read together with the date column. */
  readonly timeColumn?: string;
  /** Explicit mapping by header text: a metric (with an optional unit), or 'ignore'. */
  readonly columns?: Readonly<Record<string, ColumnMapping | 'ignore'>>;
  /** Unit by metric id for columns whose header gives none (e.g. `{ weight: 'lb' }`). */
  readonly units?: Readonly<Record<string, string>>;
}

export type ValueUnit =
  /** Values in this unit (a catalog spelling). */
  | { kind: 'unit'; unit: string }
  /** Sleep without a unit: hours up to 24; above is refused; `h:mm` read as a duration. */
  | { kind: 'sleep-hours' };

export interface MetricColumn {
  readonly index: number;
  readonly column: string;
  readonly metric: MetricDefinition;
  readonly unit: ValueUnit;
  /** Duration metrics also read `7:30` as hours and minutes. */
  readonly duration: boolean;
}

export interface ColumnPlan {
  readonly dateIndex: number;
  readonly dateColumn: string;
  readonly timeIndex: number | undefined;
  readonly metrics: readonly MetricColumn[];
  readonly ignored: readonly IgnoredColumn[];
}

const DURATION_METRICS = new Set(['sleep_duration', 'time_in_bed', 'exercise_minutes']);

/** Lower-case words of a header: `Sleep_Hours` / `sleepHours` / `sleep-hours` -> `sleep hours`. */
export function headerWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9%]+/)
    .filter((w) => w !== '');
}

type Recognised = { ok: true; metric: string; unitSpelling?: string } | { ok: false; reason: string };

/** The metric and unit hint a header names, if any. */
export function recogniseHeader(header: string): Recognised | undefined {
  const bracket = /^(.*?)\s*[([]\s*([^)\]]*?)\s*[)\]]\s*$/.exec(header);
  const nameText = bracket ? (bracket[1] ?? '') : header;
  const bracketText = bracket ? (bracket[2] ?? '') : undefined;
  const bracketUnit = bracketText === undefined ? undefined : (HINTS.get(headerWords(bracketText).join(' ')) ?? bracketText);
  const words = headerWords(nameText);
  if (words.length === 0) return undefined;
  const attempts: Array<{ name: string; hint?: string }> = [{ name: words.join(' ') }];
  if (words.length > 1) attempts.push({ name: words.slice(0, -1).join(' '), hint: words.slice(-1).join(' ') });
  if (words.length > 2) attempts.push({ name: words.slice(0, -2).join(' '), hint: words.slice(-2).join(' ') });
  for (const { name, hint } of attempts) {
    const ambiguous = AMBIGUOUS.get(name);
    if (ambiguous !== undefined && (hint === undefined || HINTS.has(hint))) return { ok: false, reason: ambiguous };
    const synonym = SYNONYM_MAP.get(name);
    if (synonym === undefined) continue;
    if (hint !== undefined && !HINTS.has(hint)) continue;
    const spellings = [synonym.unit, hint === undefined ? undefined : HINTS.get(hint), bracketUnit].filter((u) => u !== undefined && u !== '');
    const distinct = new Set(spellings);
    if (distinct.size > 1) return { ok: false, reason: `the header names two units (${[...distinct].join(', ')})` };
    const [unitSpelling] = spellings;
    return unitSpelling === undefined ? { ok: true, metric: synonym.metric } : { ok: true, metric: synonym.metric, unitSpelling };
  }
  return undefined;
}

/** Checks that `spelling` is a unit the metric converts from; the reason when not. */
export function checkUnit(metric: MetricDefinition, spelling: string): string | undefined {
  const unit = unitFor(metric, spelling);
  const resolved = resolveUnit(unit);
  if (!resolved.ok && metric.unitAliases?.[unit] === undefined) return resolved.reason;
  const converted = toCanonical(metric, 1, unit);
  return converted.ok ? undefined : converted.reason;
}

/**
 * The UCUM code of a checked unit spelling (`lb` -> `[lb_av]`), so results name units one way.
 * Water in "oz" is fluid ounces: a mass ounce of water is not how anyone logs a drink.
 */
export function unitFor(metric: MetricDefinition, spelling: string): string {
  if (metric.id === 'dietary_water' && (spelling === '[oz_av]' || spelling.trim().toLowerCase() === 'oz')) return '[foz_us]';
  const resolved = resolveUnit(spelling);
  return resolved.ok ? resolved.unit.code : spelling;
}

function defaultUnit(metric: MetricDefinition, options: ColumnPlanOptions): { ok: true; unit: ValueUnit } | { ok: false; reason: string } {
  const configured = options.units?.[metric.id];
  if (configured !== undefined) return { ok: true, unit: { kind: 'unit', unit: unitFor(metric, configured) } };
  const rule = DEFAULT_UNITS[metric.id];
  if (rule !== undefined) return { ok: true, unit: 'unit' in rule ? { kind: 'unit', unit: rule.unit } : { kind: 'sleep-hours' } };
  // Counts, scores and metrics with one scale in practice (bpm, ms, %, kg/m2, mmHg, mL/min/kg).
  if (toCanonical(metric, 1, undefined).ok) return { ok: true, unit: { kind: 'unit', unit: metric.unit } };
  if (['/min', 'ms', '%', 'kg/m2', 'mm[Hg]', 'mL/min/kg', '{score}'].includes(metric.unit)) return { ok: true, unit: { kind: 'unit', unit: metric.unit } };
  return { ok: false, reason: `${metric.id} needs a unit (its canonical unit is ${metric.unit}): put it in the header, e.g. "${metric.id} (${metric.unit})", or pass units` };
}

/** Which column is the date, which are metrics, which are ignored and why. */
export function planColumns(header: readonly string[], options: ColumnPlanOptions = {}): ColumnPlan {
  const find = (name: string, what: string): number => {
    let index = header.findIndex((cell) => cell.trim() === name.trim());
    if (index < 0) index = header.findIndex((cell) => cell.trim().toLowerCase() === name.trim().toLowerCase());
    if (index < 0) throw new FileImportError('csv', 'bad_mapping', `${what} '${name}' is not a column of this file (columns: ${header.join(', ')})`);
    return index;
  };
  const taken = new Set<number>();
  const ignored: IgnoredColumn[] = [];

  const explicit = new Map<number, ColumnMapping | 'ignore'>();
  for (const [column, mapping] of Object.entries(options.columns ?? {})) explicit.set(find(column, 'mapped column'), mapping);

  let dateIndex = options.dateColumn !== undefined ? find(options.dateColumn, 'dateColumn') : -1;
  if (dateIndex < 0) {
    for (const name of DATE_NAMES) {
      dateIndex = header.findIndex((cell, i) => !explicit.has(i) && headerWords(cell).join(' ') === name);
      if (dateIndex >= 0) break;
    }
  }
  if (dateIndex < 0) {
    throw new FileImportError('csv', 'no_date_column', `no date column: name one "date" (or day, timestamp, datetime, time) or pass dateColumn. Columns: ${header.join(', ')}`, {
      header: header.slice(0, 50),
    });
  }
  taken.add(dateIndex);
  let timeIndex = options.timeColumn !== undefined ? find(options.timeColumn, 'timeColumn') : undefined;
  if (timeIndex === undefined && headerWords(header[dateIndex] ?? '').join(' ') === 'date') {
    const found = header.findIndex((cell, i) => i !== dateIndex && !explicit.has(i) && headerWords(cell).join(' ') === 'time');
    if (found >= 0) timeIndex = found;
  }
  if (timeIndex !== undefined) taken.add(timeIndex);

  const metrics: MetricColumn[] = [];
  const byMetric = new Map<string, string>();
  const addMetric = (index: number, metric: MetricDefinition, unit: ValueUnit): void => {
    const column = header[index] ?? '';
    const previous = byMetric.get(metric.id);
    if (previous !== undefined) {
      ignored.push({ column, reason: `${metric.id} is already read from column '${previous}'` });
      return;
    }
    byMetric.set(metric.id, column);
    metrics.push({ index, column, metric, unit, duration: DURATION_METRICS.has(metric.id) });
  };

  // Explicit mappings first, so a mapped column wins its metric over a recognised name.
  for (const [index, mapping] of explicit) {
    if (taken.has(index)) throw new FileImportError('csv', 'bad_mapping', `column '${header[index]}' is the date or time column and cannot be mapped`);
    taken.add(index);
    if (mapping === 'ignore') {
      ignored.push({ column: header[index] ?? '', reason: 'ignored by the mapping' });
      continue;
    }
    const metric = getMetric(mapping.metric);
    if (!metric) throw new FileImportError('csv', 'bad_mapping', `column '${header[index]}' is mapped to unknown metric '${mapping.metric}'`);
    if (metric.categories) throw new FileImportError('csv', 'bad_mapping', `${metric.id} is categorical and cannot be read from a numeric column`);
    let unit: ValueUnit;
    if (mapping.unit !== undefined) {
      const problem = checkUnit(metric, mapping.unit);
      if (problem !== undefined) throw new FileImportError('csv', 'bad_mapping', `column '${header[index]}': unit '${mapping.unit}' does not fit ${metric.id}: ${problem}`);
      unit = { kind: 'unit', unit: unitFor(metric, mapping.unit) };
    } else {
      const fallback = defaultUnit(metric, options);
      if (!fallback.ok) throw new FileImportError('csv', 'bad_mapping', `column '${header[index]}': ${fallback.reason}`);
      unit = fallback.unit;
    }
    addMetric(index, metric, unit);
  }

  header.forEach((cell, index) => {
    if (taken.has(index)) return;
    const column = cell.trim() === '' ? `(column ${index + 1})` : cell;
    if (cell.trim() === '') {
      ignored.push({ column, reason: 'the column has no name' });
      return;
    }
    const recognised = recogniseHeader(cell);
    if (recognised === undefined) {
      ignored.push({ column, reason: 'no metric by this name' });
      return;
    }
    if (!recognised.ok) {
      ignored.push({ column, reason: recognised.reason });
      return;
    }
    const metric = getMetric(recognised.metric);
    if (!metric) throw new Error(`column synonyms name unknown metric ${recognised.metric}`);
    if (recognised.unitSpelling !== undefined) {
      const problem = checkUnit(metric, recognised.unitSpelling);
      if (problem !== undefined) {
        ignored.push({ column, reason: `unit does not fit ${metric.id}: ${problem}` });
        return;
      }
      addMetric(index, metric, { kind: 'unit', unit: unitFor(metric, recognised.unitSpelling) });
      return;
    }
    const fallback = defaultUnit(metric, options);
    if (!fallback.ok) ignored.push({ column, reason: fallback.reason });
    else addMetric(index, metric, fallback.unit);
  });

  if (options.units !== undefined) {
    for (const [metricId, spelling] of Object.entries(options.units)) {
      const metric = getMetric(metricId);
      if (!metric) throw new FileImportError('csv', 'bad_mapping', `units names unknown metric '${metricId}'`);
      const problem = checkUnit(metric, spelling);
      if (problem !== undefined) throw new FileImportError('csv', 'bad_mapping', `units: '${spelling}' does not fit ${metricId}: ${problem}`);
    }
  }

  return { dateIndex, dateColumn: header[dateIndex] ?? '', timeIndex, metrics: metrics.sort((a, b) => a.index - b.index), ignored };
}
