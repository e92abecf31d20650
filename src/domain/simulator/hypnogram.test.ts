import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hypnogram, type StageSpan } from './hypnogram.ts';
import { MINUTE_MS } from './local-time.ts';
import { nightEnding } from './night.ts';
import { ADULT, anyProfile, simulationOf } from './test-profiles.ts';

const BED = Date.parse('2024-05-01T21:30:00Z');
const illnessSeverity = fc.double({ min: 0, max: 1, noNaN: true });
const minutes = (spans: readonly StageSpan[], stage: StageSpan['stage']) =>
  spans.filter((s) => s.stage === stage).reduce((sum, s) => sum + (s.endMs - s.startMs) / MINUTE_MS, 0);

describe('hypnogram', () => {
  it('tiles the time in bed with stages, starting awake, never repeating a stage back to back', () => {
    fc.assert(
      fc.property(anyProfile, fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 180, max: 720 }), illnessSeverity, (profile, day, length, illness) => {
        const wake = BED + length * MINUTE_MS;
        const spans = hypnogram(simulationOf(profile), day, BED, wake, illness);
        assert.equal(spans[0]?.startMs, BED);
        assert.equal(spans.at(-1)?.endMs, wake);
        assert.equal(spans[0]?.stage, 'awake', 'falling asleep takes a while');
        spans.forEach((s, i) => {
          assert.ok(s.endMs > s.startMs);
          assert.ok(['awake', 'light', 'deep', 'rem'].includes(s.stage));
          const next = spans[i + 1];
          if (next) {
            assert.equal(next.startMs, s.endMs, 'no gap, no overlap');
            assert.notEqual(next.stage, s.stage);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('puts deep sleep early and REM late, in adult proportions', () => {
    const sim = simulationOf(ADULT);
    let [deepEarly, deepLate, remEarly, remLate, deep, rem, awake, total] = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let day = 19_000; day < 19_200; day++) {
      const night = nightEnding(sim, day);
      const middle = (night.bedMs + night.wakeMs) / 2;
      const early = night.stages.map((s) => ({ ...s, endMs: Math.min(s.endMs, middle) })).filter((s) => s.endMs > s.startMs);
      const late = night.stages.map((s) => ({ ...s, startMs: Math.max(s.startMs, middle) })).filter((s) => s.endMs > s.startMs);
      deepEarly += minutes(early, 'deep');
      deepLate += minutes(late, 'deep');
      remEarly += minutes(early, 'rem');
      remLate += minutes(late, 'rem');
      deep += minutes(night.stages, 'deep');
      rem += minutes(night.stages, 'rem');
      awake += minutes(night.stages, 'awake');
      total += night.inBedMinutes;
    }
    assert.ok(deepEarly > 2 * deepLate, `deep ${deepEarly} early vs ${deepLate} late`);
    assert.ok(remLate > 1.5 * remEarly, `REM ${remEarly} early vs ${remLate} late`);
    const share = (m: number) => m / total;
    assert.ok(share(deep) > 0.1 && share(deep) < 0.25, `deep ${share(deep)}`);
    assert.ok(share(rem) > 0.15 && share(rem) < 0.3, `REM ${share(rem)}`);
    assert.ok(share(awake) > 0.02 && share(awake) < 0.12, `awake ${share(awake)}`);
  });

  it('has cycles of about 90 minutes: a REM period every cycle', () => {
    const sim = simulationOf(ADULT);
    for (let day = 19_000; day < 19_050; day++) {
      const night = nightEnding(sim, day);
      const remPeriods = night.stages.filter((s) => s.stage === 'rem').length;
      const cycles = night.inBedMinutes / 90;
      assert.ok(remPeriods >= Math.floor(cycles) - 1 && remPeriods <= Math.ceil(cycles) + 1, `${remPeriods} REM periods in ${night.inBedMinutes} min`);
    }
  });
});
