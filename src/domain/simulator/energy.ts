import type { Simulation } from './simulation.ts';
import type { TrainingSession } from './training.ts';

/** Active (above-basal) kilocalories of a 70 kg person: per walking step, and per minute awake on one's feet or fidgeting. */
const KCAL_PER_STEP = 0.04;
const KCAL_PER_AWAKE_MINUTE = 0.15;
/** About 4 L of oxygen a minute: more than almost anyone sustains, however heavy. */
const MAX_TRAINING_KCAL_PER_MINUTE = 20;

/** Active energy for walking and being awake, scaling with body mass. */
export function everydayKcal(sim: Simulation, steps: number, awakeMinutes: number): number {
  return (sim.profile.weightKg / 70) * (KCAL_PER_STEP * steps + KCAL_PER_AWAKE_MINUTE * awakeMinutes);
}

/** Active energy a minute of training: (METs - 1) x kg / 60, the MET rising with intensity, up to an aerobic ceiling. */
export function trainingKcalPerMinute(sim: Simulation, session: TrainingSession): number {
  const i = session.intensity;
  const mets = session.kind === 'run' ? 4 + 9 * i : session.kind === 'ride' ? 2 + 9 * i : 3 + 4 * i;
  return Math.min(MAX_TRAINING_KCAL_PER_MINUTE, ((mets - 1) * sim.profile.weightKg) / 60);
}
