/**
 * Tudor-Locke & Bassett (2004) graduated step index for healthy adults: bands, not percentiles
 * (see docs/population-norms.md for why Vitalis gives no steps percentile).
 */
export const STEP_ACTIVITY_LEVELS = [
  { level: 'sedentary', from: 0 },
  { level: 'low active', from: 5000 },
  { level: 'somewhat active', from: 7500 },
  { level: 'active', from: 10000 },
  { level: 'highly active', from: 12500 },
] as const;

export type StepActivityLevel = (typeof STEP_ACTIVITY_LEVELS)[number]['level'];

/** The band of a daily step average; undefined for a negative or non-finite value. */
export function stepActivityLevel(stepsPerDay: number): StepActivityLevel | undefined {
  if (!Number.isFinite(stepsPerDay) || stepsPerDay < 0) return undefined;
  return STEP_ACTIVITY_LEVELS.filter((band) => stepsPerDay >= band.from).at(-1)?.level;
}
