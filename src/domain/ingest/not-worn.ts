export const MINUTES_PER_DAY = 1440;

/**
 * Fitbit's signature of a day the tracker sat in a drawer: no steps and every minute of the
 * day counted sedentary. Such a day is stored flagged (`notWorn`) rather than dropped, so it
 * stays visible but never drags an average down. A 0-step day with fewer sedentary minutes
 * (the tracker synced part of the day) is real data and stays.
 */
export function isNotWornDay(day: { readonly steps: number; readonly sedentaryMinutes: number }): boolean {
  return day.steps === 0 && day.sedentaryMinutes >= MINUTES_PER_DAY;
}
