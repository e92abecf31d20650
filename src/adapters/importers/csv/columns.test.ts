import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getMetric } from '../../../domain/metrics/index.ts';
import { headerWords, planColumns, recogniseHeader, type MetricColumn } from './columns.ts';
import { FileImportError } from './errors.ts';
import { readCell } from './values.ts';

const recognised = (header: string) => {
  const r = recogniseHeader(header);
  return r === undefined ? undefined : r.ok ? [r.metric, r.unitSpelling] : r.reason;
};

const uses = (header: string[], options = {}) =>
  planColumns(header, options).metrics.map((m) => [m.column, m.metric.id, m.unit.kind === 'unit' ? m.unit.unit : 'sleep-hours']);

describe('CSV column names', () => {
  it('splits headers into words however they are written', () => {
    assert.deepEqual(headerWords('Sleep_Hours'), ['sleep', 'hours']);
    assert.deepEqual(headerWords('sleepHours'), ['sleep', 'hours']);
    assert.deepEqual(headerWords(' resting-HR '), ['resting', 'hr']);
    assert.deepEqual(headerWords('Body Fat %'), ['body', 'fat', '%']);
  });

  it('maps synonyms onto metric ids', () => {
    assert.deepEqual(recognised('weight'), ['weight', undefined]);
    assert.deepEqual(recognised('Body Weight'), ['weight', undefined]);
    assert.deepEqual(recognised('steps'), ['steps', undefined]);
    assert.deepEqual(recognised('StepCount'), ['steps', undefined]);
    assert.deepEqual(recognised('sleep'), ['sleep_duration', undefined]);
    assert.deepEqual(recognised('calories'), ['dietary_energy', undefined]);
    assert.deepEqual(recognised('calories_burned'), ['total_energy', undefined]);
    assert.deepEqual(recognised('Active Calories'), ['active_energy', undefined]);
    assert.deepEqual(recognised('protein'), ['dietary_protein', undefined]);
    assert.deepEqual(recognised('carbs'), ['dietary_carbohydrates', undefined]);
    assert.deepEqual(recognised('fat'), ['dietary_fat', undefined]);
    assert.deepEqual(recognised('body_fat'), ['body_fat', undefined]);
    assert.deepEqual(recognised('fat %'), ['body_fat', '%']);
    assert.deepEqual(recognised('water'), ['dietary_water', undefined]);
    assert.deepEqual(recognised('mood'), ['mood', undefined]);
    assert.deepEqual(recognised('energy'), ['energy_level', undefined]);
    assert.deepEqual(recognised('stress'), ['stress_level', undefined]);
    assert.deepEqual(recognised('resting_hr'), ['resting_heart_rate', undefined]);
    assert.deepEqual(recognised('RHR'), ['resting_heart_rate', undefined]);
    assert.deepEqual(recognised('hrv_rmssd'), ['hrv_rmssd', undefined]);
    assert.deepEqual(recognised('SDNN'), ['hrv_sdnn', undefined]);
    assert.deepEqual(recognised('minutes asleep'), ['sleep_duration', 'min']);
    assert.equal(recognised('notes'), undefined);
    assert.equal(recognised('weather'), undefined);
  });

  it('reads a unit hint from the last word or a bracket', () => {
    assert.deepEqual(recognised('weight_lb'), ['weight', '[lb_av]']);
    assert.deepEqual(recognised('weightKg'), ['weight', 'kg']);
    assert.deepEqual(recognised('Weight (lbs)'), ['weight', '[lb_av]']);
    assert.deepEqual(recognised('sleep_hours'), ['sleep_duration', 'h']);
    assert.deepEqual(recognised('sleep_min'), ['sleep_duration', 'min']);
    assert.deepEqual(recognised('water ml'), ['dietary_water', 'mL']);
    assert.deepEqual(recognised('water_fl_oz'), ['dietary_water', '[foz_us]']);
    assert.deepEqual(recognised('Glucose [mg/dL]'), ['blood_glucose', 'mg/dL']);
    assert.deepEqual(recognised('distance_mi'), ['distance', '[mi_i]']);
    assert.deepEqual(recognised('temperature (°F)'), ['body_temperature', '[degF]']);
    assert.match(String(recognised('minutes asleep (h)')), /two units/);
  });

  it('refuses names that could be two metrics: HRV is RMSSD or SDNN, never guessed', () => {
    assert.match(String(recognised('hrv')), /RMSSD or SDNN/);
    assert.match(String(recognised('HRV (ms)')), /RMSSD or SDNN/);
    assert.match(String(recognised('hrv_ms')), /RMSSD or SDNN/);
    assert.match(String(recognised('blood pressure')), /systolic and diastolic/);
  });
});

describe('CSV column plan', () => {
  it('finds the date column and maps the rest, listing what it ignores and why', () => {
    const plan = planColumns(['Date', 'weight', 'steps', 'sleep', 'calories', 'protein', 'notes', 'hrv', 'distance']);
    assert.equal(plan.dateColumn, 'Date');
    assert.deepEqual(
      plan.metrics.map((m) => m.metric.id),
      ['weight', 'steps', 'sleep_duration', 'dietary_energy', 'dietary_protein'],
    );
    assert.deepEqual(
      plan.ignored.map((c) => c.column),
      ['notes', 'hrv', 'distance'],
    );
    assert.match(plan.ignored[0]?.reason ?? '', /no metric by this name/);
    assert.match(plan.ignored[1]?.reason ?? '', /RMSSD or SDNN/);
    assert.match(plan.ignored[2]?.reason ?? '', /distance needs a unit/);
  });

  it('uses conventional units where there is one, and sleep as hours', () => {
    assert.deepEqual(uses(['day', 'weight', 'steps', 'calories', 'protein', 'resting_hr', 'mood', 'sleep']), [
      ['weight', 'weight', 'kg'],
      ['steps', 'steps', '{steps}'],
      ['calories', 'dietary_energy', 'kcal'],
      ['protein', 'dietary_protein', 'g'],
      ['resting_hr', 'resting_heart_rate', '/min'],
      ['mood', 'mood', '{score}'],
      ['sleep', 'sleep_duration', 'sleep-hours'],
    ]);
  });

  it('takes the unit option for columns without a hint, and a hint over it', () => {
    assert.deepEqual(uses(['date', 'weight', 'distance'], { units: { weight: 'lb', distance: 'km' } }), [
      ['weight', 'weight', '[lb_av]'],
      ['distance', 'distance', 'km'],
    ]);
    assert.deepEqual(uses(['date', 'weight_kg'], { units: { weight: 'lb' } }), [['weight_kg', 'weight', 'kg']]);
    assert.throws(() => planColumns(['date', 'weight'], { units: { weight: 'km' } }), (e: unknown) => e instanceof FileImportError && e.refusal === 'bad_mapping');
    assert.throws(() => planColumns(['date', 'weight'], { units: { heft: 'kg' } }), /unknown metric 'heft'/);
  });

  it('reads one column per metric: a second one is ignored, naming the first', () => {
    const plan = planColumns(['date', 'weight_kg', 'weight_lb']);
    assert.deepEqual(uses(['date', 'weight_kg', 'weight_lb']), [['weight_kg', 'weight', 'kg']]);
    assert.deepEqual(plan.ignored, [{ column: 'weight_lb', reason: "weight is already read from column 'weight_kg'" }]);
  });

  it('ignores a column whose unit does not fit its metric', () => {
    const plan = planColumns(['date', 'steps_kg', 'weight_cal']);
    assert.equal(plan.metrics.length, 0);
    assert.deepEqual(
      plan.ignored.map((c) => c.column),
      ['steps_kg', 'weight_cal'],
    );
  });

  it('follows an explicit mapping, which wins over names', () => {
    const plan = planColumns(['When', 'Gewicht', 'Schritte', 'weight', 'steps'], {
      dateColumn: 'When',
      columns: { Gewicht: { metric: 'weight', unit: 'kg' }, Schritte: { metric: 'steps' }, steps: 'ignore' },
    });
    assert.equal(plan.dateColumn, 'When');
    assert.deepEqual(
      plan.metrics.map((m) => [m.column, m.metric.id]),
      [
        ['Gewicht', 'weight'],
        ['Schritte', 'steps'],
      ],
    );
    assert.deepEqual(plan.ignored, [
      { column: 'steps', reason: 'ignored by the mapping' },
      { column: 'weight', reason: "weight is already read from column 'Gewicht'" },
    ]);
  });

  it('refuses a mapping that names a missing column, an unknown metric or an unfit unit', () => {
    const refusal = (fn: () => unknown, pattern: RegExp) =>
      assert.throws(fn, (e: unknown) => e instanceof FileImportError && e.refusal === 'bad_mapping' && pattern.test(e.message));
    refusal(() => planColumns(['date', 'w'], { columns: { weight: { metric: 'weight' } } }), /'weight' is not a column/);
    refusal(() => planColumns(['date', 'w'], { columns: { w: { metric: 'heft' } } }), /unknown metric 'heft'/);
    refusal(() => planColumns(['date', 'w'], { columns: { w: { metric: 'weight', unit: 'min' } } }), /does not fit weight/);
    refusal(() => planColumns(['date', 'w'], { columns: { w: { metric: 'distance' } } }), /distance needs a unit/);
    refusal(() => planColumns(['date', 'w'], { dateColumn: 'date', columns: { date: { metric: 'steps' } } }), /date or time column/);
    // Mapping the only date-like column as a metric leaves no date column.
    assert.throws(() => planColumns(['date', 'w'], { columns: { date: { metric: 'steps' } } }), (e: unknown) => e instanceof FileImportError && e.refusal === 'no_date_column');
    refusal(() => planColumns(['day', 'w'], { dateColumn: 'date' }), /dateColumn 'date' is not a column/);
  });

  it('reads a separate time column beside a date column', () => {
    const plan = planColumns(['date', 'time', 'heart_rate']);
    assert.equal(plan.dateIndex, 0);
    assert.equal(plan.timeIndex, 1);
    assert.equal(planColumns(['timestamp', 'heart_rate']).timeIndex, undefined);
  });

  it('refuses a file without a date column', () => {
    assert.throws(
      () => planColumns(['weight', 'steps']),
      (e: unknown) => e instanceof FileImportError && e.refusal === 'no_date_column' && /Columns: weight, steps/.test(e.message),
    );
  });
});

describe('CSV cells', () => {
  const column = (id: string, unit: MetricColumn['unit'], duration = false): MetricColumn => {
    const metric = getMetric(id);
    assert.ok(metric);
    return { index: 1, column: id, metric, unit, duration };
  };
  const weight = column('weight', { kind: 'unit', unit: 'kg' });
  const sleep = column('sleep_duration', { kind: 'sleep-hours' }, true);

  it('reads numbers, skipping empty cells and missing markers silently', () => {
    assert.deepEqual(readCell(' 72.5 ', weight, false), { ok: true, value: 72.5, unit: 'kg' });
    assert.deepEqual(readCell('.5', weight, false), { ok: true, value: 0.5, unit: 'kg' });
    for (const empty of ['', '  ', 'NA', 'n/a', 'null', '-', 'NaN']) assert.equal(readCell(empty, weight, false), undefined, empty);
  });

  it('takes a unit written in the cell', () => {
    assert.deepEqual(readCell('165 lb', weight, false), { ok: true, value: 165, unit: '[lb_av]' });
    assert.deepEqual(readCell('1.5 L', column('dietary_water', { kind: 'unit', unit: 'mL' }), false), { ok: true, value: 1.5, unit: 'L' });
    assert.deepEqual(readCell('16 oz', column('dietary_water', { kind: 'unit', unit: 'mL' }), false), { ok: true, value: 16, unit: '[foz_us]' });
    assert.deepEqual(readCell('165lbs', weight, false), { ok: true, value: 165, unit: '[lb_av]' });
    const wrong = readCell('72 min', weight, false);
    assert.ok(wrong && !wrong.ok);
  });

  it('reads a decimal comma only where commas do not separate fields', () => {
    assert.deepEqual(readCell('72,5', weight, true), { ok: true, value: 72.5, unit: 'kg' });
    const refused = readCell('72,5', weight, false);
    assert.ok(refused && !refused.ok && /comma/.test(refused.reason));
  });

  it('reports what it cannot read', () => {
    const cell = readCell('heavy', weight, false);
    assert.deepEqual(cell, { ok: false, reason: "'heavy' is not a number" });
  });

  it('reads sleep without a unit as hours, refusing more than 24 rather than guessing minutes', () => {
    assert.deepEqual(readCell('7.5', sleep, false), { ok: true, value: 7.5, unit: 'h' });
    assert.deepEqual(readCell('24', sleep, false), { ok: true, value: 24, unit: 'h' });
    const minutes = readCell('450', sleep, false);
    assert.ok(minutes && !minutes.ok);
    assert.match(minutes.reason, /cannot be hours of sleep: name the column sleep_min/);
    assert.deepEqual(readCell('450 min', sleep, false), { ok: true, value: 450, unit: 'min' });
    assert.deepEqual(readCell('7:30', sleep, false), { ok: true, value: 450, unit: 'min' });
    assert.deepEqual(readCell('7h 30m', sleep, false), { ok: true, value: 450, unit: 'min' });
    assert.deepEqual(readCell('8h', sleep, false), { ok: true, value: 480, unit: 'min' });
  });
});
