import { BUCKET_MS } from './activity.ts';
import type { DayPlan } from './day-plan.ts';
import type { Stage } from './hypnogram.ts';
import { MINUTE_MS } from './local-time.ts';
import { clamp } from './math.ts';
import { stageAt } from './night.ts';
import { smoothNoise } from './noise.ts';
import { gaussian, stream } from './random.ts';
import type { Simulation } from './simulation.ts';
import { MAX_WALKING_CADENCE } from './steps.ts';
import type { TrainingSession } from './training.ts';

const WANDER = stream('heart.wander');
const JITTER = stream('heart.jitter');

/** Above the morning's resting rate, by stage: deep sleep is the calmest, REM and waking are not. */
const ASLEEP_LIFT: Readonly<Record<Stage, number>> = { deep: 0, light: 2, rem: 5, awake: 9 };
const AWAKE_LIFT = 10;
/** Beats a minute added per step a minute of everyday walking. */
const BEATS_PER_CADENCE = 0.28;
const WARM_UP_MINUTES = 8;
const RECOVERY_MINUTES = 90;
const LOWEST_HR = 30;

/**
 * Heart rate at an instant of the plan's day. Asleep: the resting rate that night's morning
 * reports plus a lift by stage. Awake: a daytime lift, bumps with the steps of the quarter-hour,
 * the session's effort (warm-up, drift, intervals or sets) and its slow recovery afterwards.
 * Both follow a circadian swing lowest before dawn, and wander minute to minute.
 */
export function heartRateAt(sim: Simulation, plan: DayPlan, utcMs: number): number {
  const { seed, baseline } = sim;
  const minute = utcMs / MINUTE_MS;
  const circadian = 3 * Math.cos((2 * Math.PI * (sim.clock.hourOf(utcMs) - 16)) / 24);
  const jitter = gaussian(seed, JITTER, Math.floor(utcMs / 1000));
  for (const [night, morning] of [[plan.night, plan.morning], [plan.nextNight, plan.nextMorning]] as const) {
    const stage = stageAt(night, utcMs);
    if (!stage) continue;
    const asleep = morning.restingHr + ASLEEP_LIFT[stage.stage] + circadian + 1.5 * smoothNoise(seed, WANDER, minute / 4) + 0.7 * jitter;
    return Math.round(clamp(asleep, LOWEST_HR, baseline.maxHr));
  }
  const rest = plan.morning.restingHr;
  const everyday = rest + AWAKE_LIFT + circadian + 3 * smoothNoise(seed, WANDER, minute / 4) + walkingLift(plan, utcMs);
  const effort = plan.session ? effortAbove(everyday, rest, baseline.maxHr, plan.session, utcMs) : 0;
  return Math.round(clamp(everyday + effort + jitter, LOWEST_HR, baseline.maxHr));
}

function walkingLift(plan: DayPlan, utcMs: number): number {
  const bucket = plan.activity[Math.floor((utcMs - plan.startMs) / BUCKET_MS)];
  if (!bucket) return 0;
  return BEATS_PER_CADENCE * Math.min(MAX_WALKING_CADENCE, bucket.walkingSteps / ((bucket.endMs - bucket.startMs) / MINUTE_MS));
}

/** Beats above the everyday rate during the session and while recovering from it. */
function effortAbove(everyday: number, rest: number, maxHr: number, session: TrainingSession, utcMs: number): number {
  if (utcMs < session.startMs) return 0;
  const reserve = maxHr - rest;
  const held = rest + reserve * session.intensity - everyday;
  const into = (utcMs - session.startMs) / MINUTE_MS;
  if (utcMs < session.endMs) {
    const pattern =
      session.kind === 'strength'
        ? 0.1 * reserve * Math.sin((2 * Math.PI * into) / 3)
        : session.intensity >= 0.8
          ? 0.07 * reserve * Math.sin((2 * Math.PI * into) / 6)
          : 0;
    return Math.min(1, into / WARM_UP_MINUTES) * (held + pattern) + 0.08 * into;
  }
  const after = (utcMs - session.endMs) / MINUTE_MS;
  if (after >= RECOVERY_MINUTES) return 0;
  return 0.6 * held * Math.exp(-after / 5) + 12 * session.intensity * Math.exp(-after / 40);
}
