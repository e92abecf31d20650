import { isWeekend } from './local-time.ts';
import { between, gaussian, stream, uniform } from './random.ts';
import type { Simulation } from './simulation.ts';
import { clamp } from './math.ts';

const CHRONOTYPE = stream('sleep.chronotype');
const BEDTIME = stream('sleep.bedtime');
const LATE_NIGHT = stream('sleep.late-night');
const LATE_BY = stream('sleep.late-by');
const ALARM = stream('sleep.alarm');
const SLEEP_IN = stream('sleep.sleep-in');

/** Local minutes from the midnight that starts the morning's day; negative is the evening before. */
const EARLIEST_BEDTIME = -150;
const LATEST_BEDTIME = 150;
const EARLIEST_WAKE = 330;
const LATEST_WAKE = 720;
const SHORTEST_NIGHT = 180;
const WORKDAY_BEDTIME = -60;
const FREE_NIGHT_BEDTIME = -15;
const WORKDAY_ALARM = 6 * 60 + 45;
/** In bed but not asleep on a free morning: falling asleep, waking in the night, lingering. */
const FREE_MORNING_AWAKE_IN_BED = 35;

export interface SleepWindow {
  readonly bedMs: number;
  readonly wakeMs: number;
}

/**
 * When the person goes to bed and gets up for the night that ends on the morning of `day`.
 * Work mornings end with an alarm, so a late night means a short one; free mornings (Saturday
 * and Sunday) follow a later bedtime and end when enough sleep is had. Illness sends the person
 * to bed earlier and keeps them there longer.
 */
export function sleepWindow(sim: Simulation, day: number, illness: number): SleepWindow {
  const { seed, baseline } = sim;
  const chronotype = between(seed, CHRONOTYPE, -30, 45, 0);
  const free = isWeekend(day);
  const lateNight = uniform(seed, LATE_NIGHT, day) < (free ? 0.25 : 0.12) ? between(seed, LATE_BY, 60, 150, day) : 0;
  const usualBedtime = free ? FREE_NIGHT_BEDTIME : WORKDAY_BEDTIME;
  const bed = clamp(usualBedtime + chronotype + (free ? 30 : 20) * gaussian(seed, BEDTIME, day) + lateNight - 45 * illness, EARLIEST_BEDTIME, LATEST_BEDTIME);
  const wake = free
    ? bed + baseline.sleepNeedMinutes + FREE_MORNING_AWAKE_IN_BED + 30 * gaussian(seed, SLEEP_IN, day)
    : WORKDAY_ALARM + chronotype / 2 + 8 * gaussian(seed, ALARM, day);
  const bedMinute = Math.round(bed);
  const wakeMinute = Math.round(clamp(wake + 60 * illness, Math.max(EARLIEST_WAKE, bed + SHORTEST_NIGHT), LATEST_WAKE));
  return { bedMs: sim.clock.instantOf(day, bedMinute), wakeMs: sim.clock.instantOf(day, wakeMinute) };
}
