import type { DayPlan } from './day-plan.ts';
import { heartRateAt } from './heart-rate.ts';
import { MINUTE_MS } from './local-time.ts';
import { roundTo } from './math.ts';
import type { Morning } from './recovery.ts';
import type { Night } from './night.ts';
import { sampleWriter, type DueSample, type SampleWriter } from './sample-writer.ts';
import type { Simulation } from './simulation.ts';

/**
 * The samples of one local day, in the order they fall due: heart rate at the simulation's
 * cadence, quarter-hours of steps and active energy, the session, the night that ended this
 * morning (stages, totals and the readings on waking, all filed by the pipeline under this day)
 * and the weigh-in.
 */
export function samplesOfDay(sim: Simulation, plan: DayPlan): DueSample[] {
  const write = sampleWriter(sim.clock);
  const samples: DueSample[] = [];
  const step = sim.heartRateIntervalMs;
  for (let t = Math.ceil(plan.startMs / step) * step; t < plan.endMs; t += step) samples.push(write.instant('heart_rate', heartRateAt(sim, plan, t), t));
  for (const bucket of plan.activity) {
    if (bucket.steps > 0) samples.push(write.interval('steps', bucket.steps, bucket.startMs, bucket.endMs));
    const kcal = roundTo(bucket.activeKcal, 1);
    if (kcal > 0) samples.push(write.interval('active_energy', kcal, bucket.startMs, bucket.endMs));
  }
  const { session, weighIn } = plan;
  if (session) samples.push(write.interval('exercise_minutes', (session.endMs - session.startMs) / MINUTE_MS, session.startMs, session.endMs));
  samples.push(...nightSamples(write, plan.night, plan.morning));
  if (weighIn) samples.push(write.instant('weight', weighIn.kg, weighIn.atMs));
  return samples.sort((a, b) => a.dueMs - b.dueMs);
}

function nightSamples(write: SampleWriter, night: Night, morning: Morning): DueSample[] {
  const { bedMs, wakeMs } = night;
  return [
    ...night.stages.map((s) => write.stage(s.stage, s.startMs, s.endMs)),
    write.interval('sleep_duration', night.asleepMinutes, bedMs, wakeMs),
    write.interval('time_in_bed', night.inBedMinutes, bedMs, wakeMs),
    write.instant('resting_heart_rate', morning.restingHr, wakeMs),
    write.instant('hrv_rmssd', morning.rmssd, wakeMs),
    write.instant('respiratory_rate', morning.respiratoryRate, wakeMs),
    write.instant('spo2', morning.spo2, wakeMs),
    write.instant('temperature_deviation', morning.temperatureDeviation, wakeMs),
  ];
}
