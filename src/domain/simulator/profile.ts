import { isValidTimeZone } from '../ingest/time-zone.ts';
import type { Residence } from './local-time.ts';

export interface Body {
  /** Years, 13-100. */
  readonly age: number;
  readonly sex: 'female' | 'male';
  /** 0 sedentary, 0.5 regularly active, 1 trained endurance athlete. */
  readonly fitness: number;
  /** 30-300 kg. */
  readonly weightKg: number;
}

/** Who is simulated: a body, and a time zone or a fixed UTC offset (a whole quarter-hour). */
export type PersonProfile = Body & Residence;

/** Throws a RangeError naming every field out of bounds. */
export function checkProfile(profile: PersonProfile): void {
  const problems: string[] = [];
  const within = (name: string, value: unknown, min: number, max: number) => {
    if (!(typeof value === 'number' && value >= min && value <= max)) problems.push(`${name} must be a number from ${min} to ${max}, got ${String(value)}`);
  };
  within('age', profile.age, 13, 100);
  within('fitness', profile.fitness, 0, 1);
  within('weightKg', profile.weightKg, 30, 300);
  if (profile.sex !== 'female' && profile.sex !== 'male') problems.push(`sex must be 'female' or 'male', got ${String(profile.sex)}`);
  const zone = profile.timeZone;
  const offset = profile.utcOffsetMinutes;
  if ((zone === undefined) === (offset === undefined)) problems.push('give exactly one of timeZone and utcOffsetMinutes');
  if (zone !== undefined && !isValidTimeZone(zone)) problems.push(`timeZone ${String(zone)} is not an IANA time zone`);
  if (offset !== undefined && !(Number.isInteger(offset) && offset % 15 === 0 && Math.abs(offset) <= 14 * 60)) {
    problems.push(`utcOffsetMinutes must be whole quarter-hours within +/-14:00, got ${String(offset)}`);
  }
  if (problems.length > 0) throw new RangeError(`invalid simulator profile: ${problems.join('; ')}`);
}
