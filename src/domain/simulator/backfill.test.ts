import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sampleInput } from '../../contracts/ingest.ts';
import { normalizeSample } from '../ingest/normalize.ts';
import type { RawSample } from '../ingest/sample.ts';
import { getMetric } from '../metrics/catalog.ts';
import { generateBackfill, type BackfillOptions, type SimulatedDay } from './backfill.ts';
import { dateOfDay, MINUTE_MS } from './local-time.ts';
import type { PersonProfile } from './profile.ts';
import type { SampleInput } from './sample-writer.ts';
import { ADULT, anyProfile } from './test-profiles.ts';

const days = (profile: PersonProfile, options: BackfillOptions): SimulatedDay[] => [...generateBackfill(profile, options)];
const zoneOf = (profile: PersonProfile) => profile.timeZone ?? 'UTC';
const asRaw = (sample: SampleInput): RawSample => sample;

describe('generateBackfill', () => {
  it('is deterministic: the same seed gives the same days, another seed other days', () => {
    const options = { from: '2024-03-28', to: '2024-04-02', seed: 'member-7' };
    assert.deepEqual(days(ADULT, options), days(ADULT, options));
    assert.notDeepEqual(days(ADULT, options), days(ADULT, { ...options, seed: 'member-8' }));
  });

  it('gives a day the same samples whatever range it is generated in', () => {
    const alone = days(ADULT, { from: '2024-04-01', to: '2024-04-01', seed: 3 });
    const within = days(ADULT, { from: '2024-03-20', to: '2024-04-05', seed: 3 }).find((d) => d.date === '2024-04-01');
    assert.deepEqual(alone[0], within);
  });

  it('yields one entry per local day, in order, lazily', () => {
    const backfill = generateBackfill(ADULT, { from: '2024-02-27', to: '2024-03-01', seed: 1 });
    assert.equal(backfill.next().value?.date, '2024-02-27');
    assert.deepEqual([...backfill].map((d) => d.date), ['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('writes samples the ingest API and normalization accept, in canonical units, within plausible ranges, filed under the day they were yielded for', () => {
    fc.assert(
      fc.property(anyProfile, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 2 ** 31 }), (profile, offsetDays, seed) => {
        const from = dateOfDay(19_700 + offsetDays);
        for (const day of generateBackfill(profile, { from, to: dateOfDay(19_701 + offsetDays), seed, heartRateIntervalSeconds: 600 })) {
          for (const sample of day.samples) {
            assert.ok(sampleInput.safeParse(sample).success, `not a valid sample body: ${JSON.stringify(sample)}`);
            const result = normalizeSample(asRaw(sample), { timeZone: zoneOf(profile) });
            assert.ok(result.ok, result.ok ? '' : `${JSON.stringify(sample)}: ${result.rejection.reason}`);
            const metric = getMetric(sample.metric);
            assert.ok(metric);
            assert.equal(sample.unit, metric.categories ? undefined : metric.unit);
            if (typeof sample.value === 'number') assert.ok(sample.value >= metric.range.min && sample.value <= metric.range.max, JSON.stringify(sample));
            assert.equal(result.sample.localDate, day.date, `${JSON.stringify(sample)} is filed under ${result.sample.localDate}`);
            assert.equal(sample.source, 'simulator');
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('writes each night as contiguous stages inside the session, with totals that agree with them', () => {
    for (const profile of [ADULT, { age: 34, sex: 'female' as const, fitness: 0.5, weightKg: 64, utcOffsetMinutes: -600 }, { ...ADULT, timeZone: 'America/New_York' }]) {
      for (const day of days(profile, { from: '2024-03-01', to: '2024-04-15', seed: 11 })) {
        const stages = day.samples.filter((s) => s.metric === 'sleep_stage');
        const [asleep, inBed] = ['sleep_duration', 'time_in_bed'].map((m) => day.samples.filter((s) => s.metric === m));
        assert.equal(asleep?.length, 1);
        assert.equal(inBed?.length, 1);
        const session = inBed![0]!;
        const spans = stages.map((s) => ({ stage: s.value, start: Date.parse(s.start), end: Date.parse(s.end!) }));
        assert.equal(spans[0]?.start, Date.parse(session.start), `${day.date}: the first stage starts at bedtime`);
        assert.equal(spans.at(-1)?.end, Date.parse(session.end!), `${day.date}: the last stage ends on waking`);
        spans.slice(1).forEach((s, i) => assert.equal(s.start, spans[i]!.end, `${day.date}: stages are contiguous`));
        const asleepMinutes = spans.filter((s) => s.stage !== 'awake').reduce((sum, s) => sum + (s.end - s.start) / MINUTE_MS, 0);
        assert.equal(asleep![0]!.value, asleepMinutes);
        assert.equal(session.value, (Date.parse(session.end!) - Date.parse(session.start)) / MINUTE_MS);
        const wakeHour = Number(session.end!.slice(11, 13));
        assert.ok(session.end!.startsWith(day.date) && wakeHour >= 5 && wakeHour <= 12, `${day.date}: woke at ${session.end}`);
      }
    }
  });

  it('leaves out what is not yet due at `now`', () => {
    const now = Date.parse('2024-04-02T10:00:00+02:00');
    const full = days(ADULT, { from: '2024-04-01', to: '2024-04-03', seed: 5 }).flatMap((d) => d.samples);
    const cut = days(ADULT, { from: '2024-04-01', to: '2024-04-03', seed: 5, now }).flatMap((d) => d.samples);
    const dueOf = (s: SampleInput) => Date.parse(s.end ?? s.start);
    assert.deepEqual(cut, full.filter((s) => dueOf(s) <= now));
    assert.ok(cut.length > 0 && cut.length < full.length);
  });

  it('refuses a bad range, profile or option up front', () => {
    assert.throws(() => generateBackfill(ADULT, { from: '2024-04-02', to: '2024-04-01', seed: 1 }), /after/);
    assert.throws(() => generateBackfill(ADULT, { from: '2024-04-31', to: '2024-05-01', seed: 1 }), /YYYY-MM-DD/);
    assert.throws(() => generateBackfill({ ...ADULT, age: 7 }, { from: '2024-04-01', to: '2024-04-01', seed: 1 }), /age/);
    assert.throws(() => generateBackfill({ ...ADULT, timeZone: 'Mars/Base' }, { from: '2024-04-01', to: '2024-04-01', seed: 1 }), /timeZone/);
    assert.throws(() => generateBackfill(ADULT, { from: '2024-04-01', to: '2024-04-01', seed: 1, heartRateIntervalSeconds: 0.5 }), /heartRateIntervalSeconds/);
    assert.throws(() => generateBackfill(ADULT, { from: '2024-04-01', to: '2024-04-01', seed: 1, illnessesPerYear: -1 }), /illnessesPerYear/);
  });

  it('generates 90 days for one person quickly', (t) => {
    const started = performance.now();
    let count = 0;
    for (const day of generateBackfill(ADULT, { from: '2024-01-01', to: '2024-03-30', seed: 1 })) count += day.samples.length;
    t.diagnostic(`90 days, heart rate every 60 s: ${count} samples in ${Math.round(performance.now() - started)} ms`);
    assert.ok(count > 90 * 1440);
  });
});
