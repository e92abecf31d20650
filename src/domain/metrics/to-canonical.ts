import type { MetricDefinition } from './metric.ts';
import { resolveUnit } from './unit-spellings.ts';
import { convertUnits, dimensionHasOneScale, unitByCode, type UnitDefinition } from './units.ts';

export type UnitResult =
  | { ok: true; value: number; from: string }
  | { ok: false; code: 'unknown_unit' | 'wrong_unit' | 'missing_unit'; reason: string };

/**
 * A value in `unit` (any accepted spelling) -> the metric's canonical unit. `unit` may be
 * omitted only where no scale could be misread (counts, scores).
 */
export function toCanonical(metric: MetricDefinition, value: number, unit: string | undefined): UnitResult {
  const canonical = canonicalUnit(metric);
  const from = lookup(metric, unit);
  if (!from.ok) return from;
  const converted = convertUnits(value, from.unit, canonical, options(metric));
  if (!converted.ok) return { ok: false, code: 'wrong_unit', reason: `${converted.reason}, as ${metric.id} needs` };
  return { ok: true, value: converted.value, from: from.unit.code };
}

/** The canonical value expressed in `unit`: for display and export. */
export function fromCanonical(metric: MetricDefinition, value: number, unit: string): UnitResult {
  const canonical = canonicalUnit(metric);
  const to = lookup(metric, unit);
  if (!to.ok) return to;
  const converted = convertUnits(value, canonical, to.unit, options(metric));
  if (!converted.ok) return { ok: false, code: 'wrong_unit', reason: converted.reason };
  return { ok: true, value: converted.value, from: canonical.code };
}

function canonicalUnit(metric: MetricDefinition): UnitDefinition {
  const unit = unitByCode(metric.unit);
  if (!unit) throw new Error(`catalog error: ${metric.id} has no unit definition for ${metric.unit}`);
  return unit;
}

function options(metric: MetricDefinition) {
  return { difference: metric.difference, molarMass: metric.molarMass };
}

type Lookup = { ok: true; unit: UnitDefinition } | { ok: false; code: 'unknown_unit' | 'missing_unit'; reason: string };

/**
 * Every sample of an import names its unit, and nearly all of them the same few: each
 * metric remembers what its spellings resolved to. Spellings come from untrusted input, so
 * a metric's memo is emptied when it grows past a bound.
 */
const MAX_REMEMBERED_SPELLINGS = 256;
const remembered = new WeakMap<MetricDefinition, Map<string | undefined, Lookup>>();

function lookup(metric: MetricDefinition, unit: string | undefined): Lookup {
  let spellings = remembered.get(metric);
  if (!spellings) remembered.set(metric, (spellings = new Map()));
  let found = spellings.get(unit);
  if (!found) {
    if (spellings.size >= MAX_REMEMBERED_SPELLINGS) spellings.clear();
    spellings.set(unit, (found = resolveLookup(metric, unit)));
  }
  return found;
}

function resolveLookup(metric: MetricDefinition, unit: string | undefined): Lookup {
  const canonical = canonicalUnit(metric);
  if (unit === undefined || unit.trim() === '') {
    if (dimensionHasOneScale(canonical.dimension)) return { ok: true, unit: canonical };
    return { ok: false, code: 'missing_unit', reason: `unit is required for ${metric.id} (canonical: ${metric.unit})` };
  }
  const alias = metric.unitAliases ? Object.entries(metric.unitAliases).find(([spelling]) => spelling === unit.trim()) : undefined;
  const aliased = alias ? unitByCode(alias[1]) : undefined;
  if (aliased) return { ok: true, unit: aliased };
  const resolved = resolveUnit(unit);
  return resolved.ok ? resolved : { ok: false, code: 'unknown_unit', reason: resolved.reason };
}
