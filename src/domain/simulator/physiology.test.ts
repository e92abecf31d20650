import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planDay, type DayPlan } from './day-plan.ts';
import { heartRateAt } from './heart-rate.ts';
import { illnessOn } from './illness.ts';
import { isWeekend, MINUTE_MS } from './local-time.ts';
import { stageAt } from './night.ts';
import type { PersonProfile } from './profile.ts';
import type { Simulation } from './simulation.ts';
import { ADULT, simulationOf } from './test-profiles.ts';
import { strainBefore } from './training.ts';

const FIRST_DAY = 19_000;
const SEEDS = [1, 2, 3, 4];

interface DaySummary {
  readonly plan: DayPlan;
  readonly yesterdayLoad: number;
  readonly steps: number;
  readonly walkingSteps: number;
}

function summarize(sim: Simulation, days: number): DaySummary[] {
  return Array.from({ length: days }, (_, i) => {
    const plan = planDay(sim, FIRST_DAY + i);
    return {
      plan,
      yesterdayLoad: strainBefore(sim, plan.day).yesterday,
      steps: plan.activity.reduce((sum, b) => sum + b.steps, 0),
      walkingSteps: plan.activity.reduce((sum, b) => sum + b.walkingSteps, 0),
    };
  });
}

function acrossSeeds(profile: PersonProfile, days: number, illnessesPerYear?: number): DaySummary[] {
  return SEEDS.flatMap((seed) => summarize(simulationOf(profile, seed, illnessesPerYear === undefined ? {} : { illnessesPerYear }), days));
}

const mean = (values: readonly number[]): number => {
  assert.ok(values.length > 0, 'no days to average');
  return values.reduce((a, b) => a + b, 0) / values.length;
};
const average = (days: readonly DaySummary[], of: (d: DaySummary) => number) => mean(days.map(of));
const rhr = (d: DaySummary) => d.plan.morning.restingHr;
const hrv = (d: DaySummary) => d.plan.morning.rmssd;

describe('illness', () => {
  const days = acrossSeeds(ADULT, 730, 6);
  const healthy = days.filter((d) => d.plan.illness === 0);
  const sick = days.filter((d) => d.plan.illness >= 0.6);

  it('raises resting heart rate by 4-8 bpm at its worst, lowers HRV by a fifth or more, raises temperature', () => {
    const rise = average(sick, rhr) - average(healthy, rhr);
    assert.ok(rise >= 4 && rise <= 9, `resting HR +${rise}`);
    const drop = 1 - average(sick, hrv) / average(healthy, hrv);
    assert.ok(drop >= 0.18 && drop <= 0.4, `HRV -${drop}`);
    const warmer = average(sick, (d) => d.plan.morning.temperatureDeviation) - average(healthy, (d) => d.plan.morning.temperatureDeviation);
    assert.ok(warmer >= 0.4, `temperature +${warmer}`);
  });

  it('cuts activity and stops training', () => {
    assert.ok(average(sick, (d) => d.steps) < 0.6 * average(healthy, (d) => d.steps));
    assert.ok(days.filter((d) => d.plan.illness > 0).every((d) => d.plan.session === undefined));
  });

  it('comes at the configured rate, and never at rate 0', () => {
    const sim = simulationOf(ADULT, 9, { illnessesPerYear: 4 });
    const years = 20;
    let onsets = 0;
    for (let day = FIRST_DAY; day < FIRST_DAY + years * 365; day++) if (illnessOn(sim, day) > 0 && illnessOn(sim, day - 1) === 0) onsets++;
    assert.ok(onsets >= 0.7 * 4 * years && onsets <= 1.3 * 4 * years, `${onsets} episodes in ${years} years`);
    const never = simulationOf(ADULT, 9, { illnessesPerYear: 0 });
    for (let day = FIRST_DAY; day < FIRST_DAY + 3650; day++) assert.equal(illnessOn(never, day), 0);
  });
});

describe('recovery', () => {
  const days = acrossSeeds(ADULT, 730).filter((d) => d.plan.illness === 0);

  it('answers a short night with lower HRV and higher resting heart rate the next morning', () => {
    const rested = days.filter((d) => d.yesterdayLoad === 0);
    const short = rested.filter((d) => d.plan.night.asleepMinutes < 6 * 60);
    const long = rested.filter((d) => d.plan.night.asleepMinutes >= 7.5 * 60);
    assert.ok(short.length >= 30, `${short.length} short nights`);
    assert.ok(average(short, hrv) < 0.9 * average(long, hrv), `HRV ${average(short, hrv)} after short nights vs ${average(long, hrv)}`);
    assert.ok(average(short, rhr) > average(long, rhr) + 1.5, `resting HR ${average(short, rhr)} after short nights vs ${average(long, rhr)}`);
  });

  it('answers a hard training day with lower HRV the next morning', () => {
    const slept = days.filter((d) => d.plan.night.asleepMinutes >= 7 * 60);
    const afterHard = slept.filter((d) => d.yesterdayLoad >= 120);
    const afterRest = slept.filter((d) => d.yesterdayLoad === 0);
    assert.ok(afterHard.length >= 20, `${afterHard.length} hard days`);
    assert.ok(average(afterHard, hrv) < 0.9 * average(afterRest, hrv), `HRV ${average(afterHard, hrv)} after hard days vs ${average(afterRest, hrv)}`);
  });

  it('varies from day to day like real mornings (HRV by ~10-25 %, resting HR by 1-4 bpm)', () => {
    const oneSeed = summarize(simulationOf(ADULT, 5), 365).filter((d) => d.plan.illness === 0);
    const sd = (values: number[]) => Math.sqrt(mean(values.map((v) => (v - mean(values)) ** 2)));
    const lnHrvSd = sd(oneSeed.map((d) => Math.log(hrv(d))));
    const rhrSd = sd(oneSeed.map(rhr));
    assert.ok(lnHrvSd > 0.1 && lnHrvSd < 0.25, `ln HRV sd ${lnHrvSd}`);
    assert.ok(rhrSd > 1 && rhrSd < 4, `resting HR sd ${rhrSd}`);
  });

  it('gives the fit lower resting heart rate, higher HRV and more steps', () => {
    const athlete = acrossSeeds({ ...ADULT, fitness: 1 }, 180);
    const sedentary = acrossSeeds({ ...ADULT, fitness: 0 }, 180);
    assert.ok(average(athlete, rhr) < average(sedentary, rhr) - 15);
    assert.ok(average(athlete, hrv) > 1.5 * average(sedentary, hrv));
    assert.ok(average(athlete, (d) => d.steps) > 2 * average(sedentary, (d) => d.steps));
  });
});

describe('daily rhythm', () => {
  const sim = simulationOf(ADULT, 2);
  const days = summarize(sim, 365);
  const localMinutes = (ms: number, day: number) => (ms - sim.clock.instantOf(day, 0)) / MINUTE_MS;

  it('goes to bed later and gets up later before free (weekend) mornings', () => {
    const [free, work] = [days.filter((d) => isWeekend(d.plan.day)), days.filter((d) => !isWeekend(d.plan.day))];
    const bed = (d: DaySummary) => localMinutes(d.plan.night.bedMs, d.plan.day);
    const wake = (d: DaySummary) => localMinutes(d.plan.night.wakeMs, d.plan.day);
    assert.ok(average(free, bed) > average(work, bed) + 30, `bed ${average(free, bed)} vs ${average(work, bed)}`);
    assert.ok(average(free, wake) > average(work, wake) + 60, `wake ${average(free, wake)} vs ${average(work, wake)}`);
  });

  it('walks about the habitual steps a day, with a different weekend shape', () => {
    const healthy = days.filter((d) => d.plan.illness === 0);
    const walked = average(healthy, (d) => d.walkingSteps);
    assert.ok(Math.abs(walked / sim.baseline.dailySteps - 1) < 0.2, `${walked} steps a day against a habit of ${sim.baseline.dailySteps}`);
    const morningShare = (d: DaySummary) =>
      d.plan.activity.filter((b) => sim.clock.hourOf(b.startMs) >= 7 && sim.clock.hourOf(b.startMs) < 9).reduce((s, b) => s + b.walkingSteps, 0) / d.walkingSteps;
    const [free, work] = [healthy.filter((d) => isWeekend(d.plan.day)), healthy.filter((d) => !isWeekend(d.plan.day))];
    assert.ok(average(work, morningShare) > 2 * average(free, morningShare), 'workdays walk to work; weekends do not');
  });

  it('trains only while awake', () => {
    for (const { plan } of days) {
      if (!plan.session) continue;
      assert.ok(plan.session.startMs >= plan.night.wakeMs && plan.session.endMs <= plan.nextNight.bedMs, `session on day ${plan.day}`);
    }
  });

  it('has a heart rate lower asleep than awake, rising with steps, and highest while training', () => {
    const asleep: number[] = [];
    const sitting: number[] = [];
    const walking: number[] = [];
    const training: number[] = [];
    for (const { plan } of days.slice(0, 60)) {
      for (const bucket of plan.activity) {
        const rate = heartRateAt(sim, plan, bucket.startMs + 7 * MINUTE_MS);
        const t = bucket.startMs + 7 * MINUTE_MS;
        if (stageAt(plan.night, t) || stageAt(plan.nextNight, t)) asleep.push(rate);
        else if (plan.session && t >= plan.session.startMs && t < plan.session.endMs) training.push(rate);
        else if (bucket.walkingSteps === 0) sitting.push(rate);
        else if (bucket.walkingSteps >= 15 * 90) walking.push(rate);
      }
    }
    assert.ok(mean(asleep) < mean(sitting) - 8, `asleep ${mean(asleep)}, sitting ${mean(sitting)}`);
    assert.ok(mean(walking) > mean(sitting) + 15, `walking ${mean(walking)}, sitting ${mean(sitting)}`);
    assert.ok(mean(training) > mean(walking) + 10, `training ${mean(training)}, walking ${mean(walking)}`);
    assert.ok(Math.abs(mean(asleep) - average(days.slice(0, 60), rhr)) < 5, 'asleep, the heart beats near the resting rate the morning reports');
  });
});
