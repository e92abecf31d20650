import { UNITS, unitByCode, type UnitDefinition } from './units.ts';

/**
 * Spellings seen in the wild (Apple Health, Fitbit, CSV headers, gateways) -> UCUM code.
 * Matching is exact first; a case-insensitive match is allowed only where no two spellings
 * of different units collide, so "CAL" can never sneak in as "Cal".
 */
const SPELLINGS: ReadonlyArray<readonly [string, string]> = [
  ['count', '{count}'],
  ['steps', '{steps}'],
  ['floors', '{floors}'],
  ['fraction', '1'],
  ['percent', '%'],
  ['meter', 'm'],
  ['meters', 'm'],
  ['mi', '[mi_i]'],
  ['mile', '[mi_i]'],
  ['miles', '[mi_i]'],
  ['yd', '[yd_i]'],
  ['ft', '[ft_i]'],
  ['in', '[in_i]'],
  ['kilogram', 'kg'],
  ['kilograms', 'kg'],
  ['lb', '[lb_av]'],
  ['lbs', '[lb_av]'],
  ['oz', '[oz_av]'],
  ['st', '[stone_av]'],
  // Apple Health writes kilocalories as "Cal" (capital C); lower-case "cal" is refused below.
  ['Cal', 'kcal'],
  ['kJ', 'kJ'],
  ['sec', 's'],
  ['second', 's'],
  ['seconds', 's'],
  ['minute', 'min'],
  ['minutes', 'min'],
  ['hr', 'h'],
  ['hour', 'h'],
  ['hours', 'h'],
  ['degC', 'Cel'],
  ['°C', 'Cel'],
  ['℃', 'Cel'],
  ['degF', '[degF]'],
  ['°F', '[degF]'],
  ['℉', '[degF]'],
  ['count/min', '/min'],
  ['count/s', '/s'],
  ['bpm', '/min'],
  ['beats/min', '/min'],
  ['{beats}/min', '/min'],
  ['1/min', '/min'],
  ['breaths/min', '/min'],
  ['{breaths}/min', '/min'],
  ['Hz', '/s'],
  ['mmHg', 'mm[Hg]'],
  ['mL/kg/min', 'mL/min/kg'],
  ['mL/(kg.min)', 'mL/min/kg'],
  ['mL/(min.kg)', 'mL/min/kg'],
  ['mL/min·kg', 'mL/min/kg'],
  ['mL/kg·min', 'mL/min/kg'],
  ['kg/m^2', 'kg/m2'],
  ['kg/m²', 'kg/m2'],
  ['l', 'L'],
  ['fl_oz_us', '[foz_us]'],
  ['fl_oz_imp', '[foz_br]'],
  ['score', '{score}'],
];

const AMBIGUOUS: ReadonlyMap<string, string> = new Map([
  ['cal', "'cal' is a small calorie (1/1000 kcal) but usually means kcal; send 'kcal' or 'Cal'"],
  ['c', "'C' is not a temperature unit in UCUM (it is the coulomb); send 'Cel' or 'degC'"],
  ['f', "'F' is not a temperature unit in UCUM (it is the farad); send 'degF'"],
  ['cup', "cups differ by country; send 'mL' or 'fl_oz_us'"],
]);

const EXACT = new Map<string, string>();
const FOLDED = new Map<string, string | null>();

function addSpelling(spelling: string, code: string): void {
  EXACT.set(spelling, code);
  const key = spelling.toLowerCase();
  const seen = FOLDED.get(key);
  // null marks a case-folded key shared by two different units: only exact spellings pass.
  FOLDED.set(key, seen === undefined || seen === code ? code : null);
}

for (const unit of UNITS) addSpelling(unit.code, unit.code);
for (const [spelling, code] of SPELLINGS) addSpelling(spelling, code);

export type UnitLookup = { ok: true; unit: UnitDefinition } | { ok: false; reason: string };

export function resolveUnit(spelling: string): UnitLookup {
  const trimmed = spelling.trim();
  const folded = trimmed.toLowerCase();
  const ambiguous = AMBIGUOUS.get(folded);
  if (ambiguous !== undefined && trimmed !== 'Cal') return { ok: false, reason: `ambiguous unit: ${ambiguous}` };
  const code = EXACT.get(trimmed) ?? FOLDED.get(folded);
  const unit = code ? unitByCode(code) : undefined;
  if (!unit) return { ok: false, reason: `unknown unit '${trimmed.slice(0, 40)}'` };
  return { ok: true, unit };
}
