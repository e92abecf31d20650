import { addDays, dateOfEpochDay, datesBetween, epochDay } from '../series/calendar-date.ts';
import { dayEntry, indexByDate, type DailySeries, type DayState } from '../series/daily-series.ts';

export const CALENDAR_DAYS = 90;

export interface StreakRun {
  readonly days: number;
  readonly from: string;
  readonly to: string;
}

export interface LoggingStreaks {
  /** The run of logged days ending today, or yesterday while today is not logged yet. */
  readonly current: StreakRun | null;
  readonly longest: StreakRun | null;
  /** The last 90 days, oldest first: not-worn days show as such and break a streak. */
  readonly calendar: readonly { readonly date: string; readonly state: DayState }[];
}

/**
 * Streaks over every series a person logs (pass them concatenated): a day is logged when any
 * point that day counts. Days after `today` are ignored.
 */
export function loggingStreaks(series: DailySeries, today: string): LoggingStreaks {
  const index = indexByDate(series);
  const todayNumber = epochDay(today);
  const logged = [...index.entries()]
    .filter(([, entry]) => entry.state === 'ok')
    .map(([date]) => epochDay(date))
    .filter((day) => day <= todayNumber)
    .sort((a, b) => a - b);
  const runs: StreakRun[] = [];
  let start = 0;
  for (let i = 0; i < logged.length; i += 1) {
    const isRunEnd = i + 1 === logged.length || logged[i + 1]! !== logged[i]! + 1;
    if (!isRunEnd) continue;
    runs.push({ days: i - start + 1, from: dateOfEpochDay(logged[start]!), to: dateOfEpochDay(logged[i]!) });
    start = i + 1;
  }
  const last = runs[runs.length - 1];
  const current = last && epochDay(last.to) >= todayNumber - 1 ? last : null;
  const longest = runs.reduce<StreakRun | null>((best, run) => (best === null || run.days > best.days ? run : best), null);
  const calendar = datesBetween(addDays(today, 1 - CALENDAR_DAYS), today).map((date) => ({ date, state: dayEntry(index, date).state }));
  return { current, longest, calendar };
}
