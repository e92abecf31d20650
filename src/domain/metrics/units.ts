/**
 * UCUM units Vitalis understands, grouped by dimension. A value converts only within its
 * dimension (plus mass <-> substance concentration when the metric names a molar mass), so a
 * unit of the wrong kind is rejected instead of silently producing a number.
 */
export type Dimension =
  | 'count'
  | 'ratio'
  | 'length'
  | 'mass'
  | 'energy'
  | 'time'
  | 'temperature'
  | 'frequency'
  | 'pressure'
  | 'mass_concentration'
  | 'substance_concentration'
  | 'oxygen_uptake'
  | 'area_density'
  | 'volume'
  | 'score';

export interface UnitDefinition {
  /** UCUM code. */
  readonly code: string;
  readonly dimension: Dimension;
  /** value_in_base = value * factor + offset (base: the first unit of the dimension). */
  readonly factor: number;
  readonly offset: number;
}

const u = (code: string, dimension: Dimension, factor: number, offset = 0): UnitDefinition => ({
  code,
  dimension,
  factor,
  offset,
});

const FAHRENHEIT_FACTOR = 5 / 9;

export const UNITS: readonly UnitDefinition[] = [
  u('{count}', 'count', 1),
  u('{steps}', 'count', 1),
  u('{floors}', 'count', 1),
  u('1', 'ratio', 1),
  u('%', 'ratio', 0.01),
  u('m', 'length', 1),
  u('km', 'length', 1000),
  u('cm', 'length', 0.01),
  u('mm', 'length', 0.001),
  u('[mi_i]', 'length', 1609.344),
  u('[yd_i]', 'length', 0.9144),
  u('[ft_i]', 'length', 0.3048),
  u('[in_i]', 'length', 0.0254),
  u('kg', 'mass', 1),
  u('g', 'mass', 0.001),
  u('mg', 'mass', 0.000001),
  u('[lb_av]', 'mass', 0.45359237),
  u('[oz_av]', 'mass', 0.028349523125),
  u('[stone_av]', 'mass', 6.35029318),
  u('kcal', 'energy', 1),
  // UCUM's nutrition-label Calorie: exactly one kilocalorie.
  u('[Cal]', 'energy', 1),
  u('kJ', 'energy', 1 / 4.184),
  u('J', 'energy', 1 / 4184),
  u('s', 'time', 1),
  u('ms', 'time', 0.001),
  u('min', 'time', 60),
  u('h', 'time', 3600),
  u('d', 'time', 86400),
  u('K', 'temperature', 1),
  u('Cel', 'temperature', 1, 273.15),
  u('[degF]', 'temperature', FAHRENHEIT_FACTOR, 273.15 - 32 * FAHRENHEIT_FACTOR),
  u('/min', 'frequency', 1),
  u('/s', 'frequency', 60),
  u('/h', 'frequency', 1 / 60),
  u('mm[Hg]', 'pressure', 1),
  u('kPa', 'pressure', 1000 / 133.322387415),
  u('mg/dL', 'mass_concentration', 1),
  u('mg/L', 'mass_concentration', 0.1),
  u('g/L', 'mass_concentration', 100),
  u('mmol/L', 'substance_concentration', 1),
  u('mL/min/kg', 'oxygen_uptake', 1),
  u('kg/m2', 'area_density', 1),
  u('mL', 'volume', 1),
  u('L', 'volume', 1000),
  u('[foz_us]', 'volume', 29.5735295625),
  u('[foz_br]', 'volume', 28.4130625),
  u('{score}', 'score', 1),
];

const BY_CODE = new Map(UNITS.map((unit) => [unit.code, unit]));

export function unitByCode(code: string): UnitDefinition | undefined {
  return BY_CODE.get(code);
}

/**
 * True when every unit of the dimension is the same scale, so a missing unit cannot be
 * misread (a step count, a score); a missing kg-or-lb is never assumed.
 */
export function dimensionHasOneScale(dimension: Dimension): boolean {
  return UNITS.every((unit) => unit.dimension !== dimension || (unit.factor === 1 && unit.offset === 0));
}

export interface ConversionOptions {
  /** A temperature difference (deviation) converts by scale only, without the offset. */
  readonly difference?: boolean;
  /** g/mol, allowing mass concentration <-> substance concentration (glucose). */
  readonly molarMass?: number;
}

export type Conversion = { ok: true; value: number } | { ok: false; reason: string };

export function convertUnits(value: number, from: UnitDefinition, to: UnitDefinition, options: ConversionOptions = {}): Conversion {
  const offsetFrom = options.difference ? 0 : from.offset;
  const offsetTo = options.difference ? 0 : to.offset;
  const base = value * from.factor + offsetFrom;
  if (from.dimension === to.dimension) {
    return { ok: true, value: from === to ? value : (base - offsetTo) / to.factor };
  }
  const molar = options.molarMass;
  if (molar !== undefined && molar > 0) {
    // mg/dL * 10 = mg/L, and (mg/L) / (g/mol) = mmol/L.
    if (from.dimension === 'mass_concentration' && to.dimension === 'substance_concentration') {
      return { ok: true, value: (base * 10) / molar / to.factor };
    }
    if (from.dimension === 'substance_concentration' && to.dimension === 'mass_concentration') {
      return { ok: true, value: (base * molar) / 10 / to.factor };
    }
  }
  return { ok: false, reason: `unit '${from.code}' (${from.dimension}) cannot convert to '${to.code}' (${to.dimension})` };
}
