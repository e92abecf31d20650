import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { generateBackfill } from './backfill.ts';
import { createLiveSimulator, resumeLiveSimulator, type LiveSimulator } from './live.ts';
import { dateOfDay, localClock, MINUTE_MS } from './local-time.ts';
import type { PersonProfile } from './profile.ts';
import type { SampleInput } from './sample-writer.ts';
import { ADULT, anyProfile } from './test-profiles.ts';

const dueOf = (s: SampleInput) => Date.parse(s.end ?? s.start);
const key = (s: SampleInput) => `${s.metric}|${s.start}`;

/** The backfill's samples due in (after, until]. */
function backfillBetween(profile: PersonProfile, seed: number, after: number, until: number, heartRateIntervalSeconds: number): SampleInput[] {
  const clock = localClock(profile);
  const from = dateOfDay(clock.dayOf(after) - 1);
  const to = dateOfDay(clock.dayOf(until) + 1);
  return [...generateBackfill(profile, { from, to, seed, now: until, heartRateIntervalSeconds })].flatMap((d) => d.samples).filter((s) => dueOf(s) > after);
}

const roundTrip = (live: LiveSimulator) => resumeLiveSimulator(JSON.parse(JSON.stringify(live.state())));
const inOrder = (samples: SampleInput[]) => [...samples].sort((a, b) => dueOf(a) - dueOf(b) || (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe('live simulator', () => {
  it('hands out exactly the backfill, whatever the steps, across midnight and nights, resumed from saved state', () => {
    fc.assert(
      fc.property(
        anyProfile,
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }),
        fc.array(fc.record({ seconds: fc.integer({ min: 1, max: 4 * 3600 }), save: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        (profile, seed, startMinute, steps) => {
          const since = Date.parse('2023-01-01T00:00:00Z') + startMinute * MINUTE_MS + 1234;
          let live = createLiveSimulator(profile, seed, { since, heartRateIntervalSeconds: 60 });
          let now = since;
          const handed: SampleInput[] = [];
          for (const step of steps) {
            now += step.seconds * 1000;
            const batch = live.next(now);
            batch.forEach((s, i) => {
              assert.ok(dueOf(s) <= now, 'nothing before it is due');
              if (i > 0) assert.ok(dueOf(s) >= dueOf(batch[i - 1]!), 'in due order');
            });
            handed.push(...batch);
            if (step.save) live = roundTrip(live);
          }
          assert.deepEqual(inOrder(handed), inOrder(backfillBetween(profile, seed, since, now, 60)));
          assert.equal(new Set(handed.map(key)).size, handed.length, 'no sample twice');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('continues a backfill cut at `now` without gap or overlap', () => {
    const cut = Date.parse('2024-04-02T10:00:00+02:00');
    const until = cut + 30 * 3600_000;
    const backfilled = [...generateBackfill(ADULT, { from: '2024-04-01', to: '2024-04-02', seed: 8, now: cut, heartRateIntervalSeconds: 5 })].flatMap((d) => d.samples);
    const live = createLiveSimulator(ADULT, 8, { since: cut });
    const continued: SampleInput[] = [];
    for (let now = cut; now < until; now += 15_000) continued.push(...live.next(now + 15_000));
    const all = [...backfilled, ...continued];
    assert.equal(new Set(all.map(key)).size, all.length);
    const reference = [...generateBackfill(ADULT, { from: '2024-04-01', to: '2024-04-04', seed: 8, now: until, heartRateIntervalSeconds: 5 })].flatMap((d) => d.samples);
    assert.equal(all.length, reference.length);
    assert.deepEqual(inOrder(all), inOrder(reference));
  });

  it('reads heart rate every 5 s by default, and the other metrics at their own pace', () => {
    const since = Date.parse('2024-04-02T14:00:00+02:00');
    const live = createLiveSimulator(ADULT, 1, { since });
    const minute = live.next(since + 60_000);
    assert.equal(minute.filter((s) => s.metric === 'heart_rate').length, 12);
    const hour = live.next(since + 3_600_000);
    assert.equal(hour.filter((s) => s.metric === 'heart_rate').length, 708);
    assert.ok(hour.filter((s) => s.metric === 'active_energy').length === 4, 'a quarter-hour of energy each quarter-hour');
  });

  it('starts its clock on the first call when given no start, and never goes back', () => {
    const live = createLiveSimulator(ADULT, 1);
    const t = Date.parse('2024-04-02T14:00:02Z');
    assert.deepEqual(live.next(t), []);
    assert.equal(live.state().cursorMs, t);
    const first = live.next(t + 10_000);
    assert.equal(first.filter((s) => s.metric === 'heart_rate').length, 2);
    assert.deepEqual(live.next(t), [], 'a clock stepping back gives nothing');
    assert.equal(live.state().cursorMs, t + 10_000);
    const after = live.next(t + 20_000);
    assert.ok(after.every((s) => dueOf(s) > t + 10_000));
  });

  it('keeps its state as plain JSON, and refuses a state it does not know', () => {
    const live = createLiveSimulator({ age: 51, sex: 'male', fitness: 0.2, weightKg: 95, utcOffsetMinutes: -180 }, 'member-3', { since: 0, illnessesPerYear: 3 });
    live.next(60_000);
    const state = live.state();
    assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
    assert.deepEqual(state.options, { illnessesPerYear: 3, heartRateIntervalSeconds: 5 });
    assert.throws(() => resumeLiveSimulator({ ...state, version: 2 as 1 }), /version/);
    assert.throws(() => resumeLiveSimulator({ ...state, cursorMs: 'yesterday' as unknown as number }), /cursorMs/);
    assert.throws(() => resumeLiveSimulator({ ...state, options: { ...state.options, heartRateIntervalSeconds: 0 } }), /heartRateIntervalSeconds/);
    assert.throws(() => live.next(Number.NaN), RangeError);
  });
});
