import type { MetricDefinition } from '../metrics/metric.ts';
import { parseCategory } from '../metrics/categories.ts';
import { toCanonical } from '../metrics/to-canonical.ts';
import type { Rejection } from './sample.ts';
import { describe } from './describe-value.ts';

export type ValueResult = { ok: true; value: number; category?: string } | { ok: false; rejection: Rejection };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The value in the metric's canonical unit, checked against its plausible range (and, for
 * additive quantities, a plausible rate). A categorical value (sleep stage, workout) becomes the
 * interval's minutes with the category beside it.
 */
export function resolveValue(metric: MetricDefinition, value: unknown, unit: unknown, durationMinutes: number): ValueResult {
  if (unit !== undefined && typeof unit !== 'string') return reject('unit', 'malformed', `unit must be a string, got ${describe(unit)}`);
  if (metric.categories) return categorical(metric, value, unit, durationMinutes);

  const number = toNumber(value);
  if (number === undefined) return reject('value', 'invalid_value', `value must be a finite number, got ${describe(value)}`);
  const converted = toCanonical(metric, number, unit);
  if (!converted.ok) return reject('unit', converted.code, converted.reason);
  const canonical = converted.value === 0 ? 0 : converted.value;

  const { min, max } = metric.range;
  if (!(canonical >= min && canonical <= max)) {
    const sent = converted.from === metric.unit ? '' : ` (sent as ${fmt(number)} ${converted.from})`;
    const hint = metric.unit === '%' && converted.from === '%' && number > 0 && number <= 1 ? "; a fraction 0-1 needs unit '1'" : '';
    return reject('value', 'implausible_value', `${metric.id} ${fmt(canonical)} ${metric.unit}${sent} is outside the plausible range ${min} to ${max} ${metric.unit}${hint}`);
  }
  if (metric.maxPerMinute !== undefined && durationMinutes >= 1 && canonical / durationMinutes > metric.maxPerMinute) {
    return reject(
      'value',
      'implausible_value',
      `${metric.id} ${fmt(canonical)} ${metric.unit} in ${fmt(durationMinutes)} min is above the plausible ${metric.maxPerMinute} per minute`,
    );
  }
  return { ok: true, value: canonical };
}

function categorical(metric: MetricDefinition, value: unknown, unit: string | undefined, durationMinutes: number): ValueResult {
  if (unit !== undefined && unit.trim() !== '') return reject('unit', 'wrong_unit', `${metric.id} takes no unit (its value names a category), got ${describe(unit)}`);
  const category = typeof value === 'string' ? parseCategory(metric, value) : undefined;
  if (category === undefined) {
    return reject('value', 'invalid_value', `${describe(value)} is not a ${metric.id}; expected one of ${metric.categories?.join(', ')}`);
  }
  return { ok: true, value: durationMinutes, category };
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) return undefined;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

function reject(field: string, code: Rejection['code'], reason: string): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { code, field, reason } };
}
