import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { METRICS, getMetric } from './catalog.ts';
import type { MetricDefinition } from './metric.ts';
import { fromCanonical, toCanonical } from './to-canonical.ts';
import { UNITS } from './units.ts';

const metric = (id: string): MetricDefinition => {
  const found = getMetric(id);
  assert.ok(found, id);
  return found;
};

function canonical(id: string, value: number, unit: string | undefined): number {
  const result = toCanonical(metric(id), value, unit);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.value;
}

function refused(id: string, value: number, unit: string | undefined): string {
  const result = toCanonical(metric(id), value, unit);
  assert.equal(result.ok, false, `${value} ${unit} for ${id} was accepted`);
  return result.ok ? '' : `${result.code}: ${result.reason}`;
}

const close = (actual: number, expected: number, digits = 9) =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} is not ${expected}`);

describe('toCanonical', () => {
  it('converts mass: lb, oz, stone and g to kg', () => {
    close(canonical('weight', 165, 'lb'), 74.84274105);
    close(canonical('weight', 1, '[lb_av]'), 0.45359237);
    close(canonical('weight', 12, 'st'), 76.20351816);
    close(canonical('weight', 72500, 'g'), 72.5);
  });

  it('converts distance: mi and km to m', () => {
    close(canonical('distance', 1, 'mi'), 1609.344);
    close(canonical('distance', 8.5, 'km'), 8500);
    close(canonical('distance', 100, 'yd'), 91.44);
  });

  it('reads Apple "Cal" as kcal, converts kJ, and refuses the ambiguous "cal"', () => {
    assert.equal(canonical('active_energy', 250, 'Cal'), 250);
    assert.equal(canonical('active_energy', 250, 'kcal'), 250);
    close(canonical('dietary_energy', 4184, 'kJ'), 1000);
    assert.match(refused('active_energy', 250, 'cal'), /ambiguous/);
    assert.match(refused('active_energy', 250, 'CAL'), /ambiguous/);
  });

  it('converts absolute temperature with its offset: 98.6 degF is 37 Cel', () => {
    close(canonical('body_temperature', 98.6, 'degF'), 37);
    close(canonical('body_temperature', 310.15, 'K'), 37);
    close(canonical('body_temperature', 37, '°C'), 37);
  });

  it('converts a temperature deviation by scale only: +1.8 degF is +1 Cel, not -16.8', () => {
    close(canonical('temperature_deviation', 1.8, 'degF'), 1);
    close(canonical('temperature_deviation', -0.9, '[degF]'), -0.5);
    close(canonical('temperature_deviation', 0.3, 'K'), 0.3);
  });

  it('converts percent and fraction: SpO2 0.97 as a fraction is 97 %', () => {
    close(canonical('spo2', 0.97, '1'), 97);
    close(canonical('spo2', 0.97, 'fraction'), 97);
    assert.equal(canonical('spo2', 97, '%'), 97);
    close(canonical('body_fat', 0.21, '1'), 21);
  });

  it('converts glucose mg/dL to mmol/L through its molar mass (factor 18.016)', () => {
    close(canonical('blood_glucose', 100, 'mg/dL'), 5.5506216696, 8);
    assert.equal(Math.round(canonical('blood_glucose', 100, 'mg/dL') * 100) / 100, 5.55);
    close(canonical('blood_glucose', 180.16, 'mg/dL'), 10);
    assert.equal(canonical('blood_glucose', 5.5, 'mmol/L'), 5.5);
  });

  it('converts durations: h, s and ms', () => {
    assert.equal(canonical('sleep_duration', 7.5, 'h'), 450);
    assert.equal(canonical('exercise_minutes', 1800, 's'), 30);
    assert.equal(canonical('hrv_sdnn', 0.042, 's'), 42);
    assert.equal(canonical('hrv_rmssd', 42, 'ms'), 42);
  });

  it('accepts Apple Health spellings', () => {
    assert.equal(canonical('heart_rate', 72, 'count/min'), 72);
    assert.equal(canonical('respiratory_rate', 14, 'count/min'), 14);
    assert.equal(canonical('steps', 1200, 'count'), 1200);
    assert.equal(canonical('vo2max', 44.2, 'mL/min·kg'), 44.2);
    assert.equal(canonical('blood_pressure_systolic', 121, 'mmHg'), 121);
    assert.equal(canonical('bmi', 23.4, 'count'), 23.4);
    assert.equal(canonical('dietary_water', 0.5, 'L'), 500);
    close(canonical('dietary_water', 8, 'fl_oz_us'), 236.5882365);
    assert.equal(canonical('heart_rate', 1, 'Hz'), 60);
  });

  it('refuses an unknown unit and a unit of the wrong dimension, with a reason', () => {
    assert.match(refused('weight', 70, 'furlongs'), /unknown_unit: unknown unit 'furlongs'/);
    assert.match(refused('weight', 70, 'km'), /wrong_unit: .*length.*mass/);
    assert.match(refused('steps', 70, '%'), /wrong_unit/);
    assert.match(refused('heart_rate', 70, 'count'), /wrong_unit/);
    assert.match(refused('bmi', 23, 'steps'), /wrong_unit/);
    assert.match(refused('body_temperature', 37, 'C'), /coulomb/);
  });

  it('needs a unit wherever a scale could be misread, and only there', () => {
    assert.match(refused('weight', 70, undefined), /missing_unit/);
    assert.match(refused('heart_rate', 70, ''), /missing_unit/);
    assert.equal(canonical('steps', 5000, undefined), 5000);
    assert.equal(canonical('mood', 7, undefined), 7);
    assert.equal(canonical('oura_readiness_score', 84, ''), 84);
  });
});

describe('unit conversion round trip', () => {
  const pairs = METRICS.flatMap((m) => {
    const dimension = UNITS.find((u) => u.code === m.unit)?.dimension;
    return UNITS.filter((u) => u.dimension === dimension || (m.molarMass !== undefined && u.dimension === 'mass_concentration')).map(
      (u) => [m, u.code] as const,
    );
  });

  it('canonical -> any accepted unit -> canonical gives the value back', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.double({ min: -1e6, max: 1e6, noNaN: true }), ([m, unit], value) => {
        const there = fromCanonical(m, value, unit);
        assert.ok(there.ok);
        const back = toCanonical(m, there.value, unit);
        assert.ok(back.ok);
        const tolerance = 1e-9 * Math.max(1, Math.abs(value));
        assert.ok(Math.abs(back.value - value) <= tolerance, `${m.id} via ${unit}: ${value} -> ${there.value} -> ${back.value}`);
      }),
      { numRuns: 2000 },
    );
  });
});
