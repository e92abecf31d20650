import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { planDay } from './day-plan.ts';
import { samplesOfDay } from './day-samples.ts';
import { DAY_MS } from './local-time.ts';
import { anyProfile, simulationOf } from './test-profiles.ts';

describe('samplesOfDay', () => {
  // The live stepper looks for due samples in the days from the cursor's to the day after now's.
  it('has every sample of a day fall due after its eve began and by its end, in due order, at its end or moment', () => {
    fc.assert(
      fc.property(anyProfile, fc.integer({ min: 18_000, max: 21_000 }), fc.integer(), (profile, day, seed) => {
        const sim = simulationOf(profile, seed, { heartRateIntervalSeconds: 300 });
        const start = sim.clock.instantOf(day, 0);
        const end = sim.clock.instantOf(day + 1, 0);
        const samples = samplesOfDay(sim, planDay(sim, day));
        samples.forEach(({ dueMs, sample }, i) => {
          assert.ok(dueMs > start - DAY_MS && dueMs <= end, `${sample.metric} due ${new Date(dueMs).toISOString()}`);
          assert.equal(dueMs, Date.parse(sample.end ?? sample.start));
          if (i > 0) assert.ok(dueMs >= (samples[i - 1]?.dueMs ?? 0));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('reads heart rate at the cadence, on whole multiples of it, all day', () => {
    const sim = simulationOf({ age: 40, sex: 'male', fitness: 0.3, weightKg: 90, timeZone: 'America/New_York' }, 4, { heartRateIntervalSeconds: 7 });
    const day = 19_801; // 2024-03-19
    const rates = samplesOfDay(sim, planDay(sim, day)).filter((s) => s.sample.metric === 'heart_rate');
    const start = sim.clock.instantOf(day, 0);
    const end = sim.clock.instantOf(day + 1, 0);
    assert.equal(rates.length, Math.ceil(end / 7000) - Math.ceil(start / 7000));
    assert.ok(rates.every((r) => r.dueMs % 7000 === 0 && r.dueMs >= start && r.dueMs < end));
  });
});
