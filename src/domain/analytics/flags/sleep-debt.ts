import { addDays } from '../series/calendar-date.ts';
import { countedDays, indexByDate, type DailySeries, type DayIndex } from '../series/daily-series.ts';
import { DEFAULT_SLEEP_NEED_MINUTES } from '../scores/score-scale.ts';
import { NOT_ENOUGH_DATA, WITHIN_NORMAL_RANGE, type FlagCheck, type RiskFlag } from './risk-flag.ts';

/** Each window raises the flag at an average shortfall of about 43 minutes a night. */
export const SLEEP_DEBT_WINDOWS = [
  { nights: 7, minNights: 5, thresholdMinutes: 300 },
  { nights: 14, minNights: 10, thresholdMinutes: 600 },
] as const;

export interface SleepDebtWindow {
  readonly nights: number;
  readonly nightsWithData: number;
  readonly debtMinutes: number;
  readonly shortNights: readonly string[];
  readonly overThreshold: boolean;
}

export type SleepDebtFlag = RiskFlag<'sleep_debt', readonly SleepDebtWindow[]>;

export interface SleepDebtOptions {
  readonly sleepNeedMinutes?: number;
}

function hoursAndMinutes(minutes: number): string {
  const rounded = Math.round(minutes);
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return hours === 0 ? `${rest} min` : rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

type WindowRule = (typeof SLEEP_DEBT_WINDOWS)[number];

function debtOver(index: DayIndex, date: string, { nights, thresholdMinutes }: WindowRule, needMinutes: number): SleepDebtWindow {
  const nightsInWindow = countedDays(index, addDays(date, 1 - nights), date);
  const shortfalls = nightsInWindow.map((night) => ({ date: night.date, shortfall: Math.max(0, needMinutes - night.value) }));
  const debtMinutes = shortfalls.reduce((sum, night) => sum + night.shortfall, 0);
  return {
    nights,
    nightsWithData: nightsInWindow.length,
    debtMinutes,
    shortNights: shortfalls.filter((night) => night.shortfall > 0).map((night) => night.date),
    overThreshold: debtMinutes >= thresholdMinutes,
  };
}

/**
 * Sleep debt on `date`: the summed shortfall against the sleep need over the last 7 and 14
 * nights. Surplus nights do not pay debt back and nights without data are not guessed, so the
 * debt is a floor on the true one.
 */
export function checkSleepDebt(sleepDuration: DailySeries, date: string, options: SleepDebtOptions = {}): FlagCheck<SleepDebtFlag> {
  const needMinutes = options.sleepNeedMinutes ?? DEFAULT_SLEEP_NEED_MINUTES;
  const index = indexByDate(sleepDuration);
  const windows = SLEEP_DEBT_WINDOWS.flatMap((rule) => {
    const window = debtOver(index, date, rule, needMinutes);
    return window.nightsWithData >= rule.minNights ? [window] : [];
  });
  if (windows.length === 0) return NOT_ENOUGH_DATA;
  const triggered = windows.filter((w) => w.overThreshold);
  if (triggered.length === 0) return WITHIN_NORMAL_RANGE;
  const worst = triggered[0]!;
  const sentence =
    `Over the last ${worst.nights} nights you slept ${hoursAndMinutes(worst.debtMinutes)} less than your ${hoursAndMinutes(needMinutes)} need ` +
    `(short on ${worst.shortNights.length} of the ${worst.nightsWithData} nights with data).`;
  return {
    raised: true,
    flag: {
      kind: 'sleep_debt',
      version: 'sleep_debt.v1',
      date,
      strength: triggered.length === windows.length && windows.length === SLEEP_DEBT_WINDOWS.length ? 'likely' : 'possible',
      sentence,
      days: [...new Set(triggered.flatMap((w) => w.shortNights))].sort(),
      evidence: windows,
    },
  };
}
