import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getMetric } from '../metrics/catalog.ts';
import { rollupDay } from './merge.ts';
import type { MergeSample } from './merge-sample.ts';

const steps = getMetric('steps');
assert.ok(steps);
const DAY = Date.parse('2024-01-10T00:00:00Z');
const MIN = 60_000;

interface Span {
  source: string;
  from: number;
  to: number;
  value: number;
}

const SOURCES = ['watch', 'phone', 'ring', 'scale'];

/** Per source, intervals with distinct starts (the same start would be one sample's revisions). */
const scenario = fc
  .record({
    spans: fc.array(
      fc.record({
        source: fc.constantFrom(...SOURCES),
        from: fc.integer({ min: 0, max: 1439 }),
        length: fc.integer({ min: 1, max: 240 }),
        value: fc.integer({ min: 0, max: 2000 }),
      }),
      { maxLength: 14 },
    ),
    priority: fc.shuffledSubarray(SOURCES, { minLength: 0, maxLength: SOURCES.length }),
  })
  .map(({ spans, priority }) => {
    const seen = new Set<string>();
    const unique = spans
      .map(({ source, from, length, value }) => ({ source, from, to: from + length, value }))
      .filter((s) => !seen.has(`${s.source}@${s.from}`) && seen.add(`${s.source}@${s.from}`));
    return { spans: unique, priority };
  });

const toSample = (s: Span): MergeSample => ({ source: s.source, value: s.value, start: iso(s.from), end: iso(s.to) });
const iso = (minute: number) => new Date(DAY + minute * MIN).toISOString();

function merged(spans: readonly Span[], priority: readonly string[]): number {
  return rollupDay({ metric: steps!, date: '2024-01-10', samples: spans.map(toSample), priority })?.value ?? 0;
}

/** The sources present, in the order rollupDay must rank them. */
function ranking(spans: readonly Span[], priority: readonly string[]): string[] {
  const present = [...new Set(spans.map((s) => s.source))];
  const listed = priority.filter((p) => present.includes(p));
  return [...listed, ...present.filter((p) => !priority.includes(p)).sort()];
}

/**
 * Cut the day at every interval boundary. On each elementary segment a source has a rate:
 * the sum of value/duration of its intervals covering the segment.
 */
function segments(spans: readonly Span[]): Array<{ length: number; rate: Map<string, number>; covered: Set<string> }> {
  const cuts = [...new Set(spans.flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b);
  return cuts.slice(1).map((to, i) => {
    const from = cuts[i] as number;
    const rate = new Map<string, number>();
    const covered = new Set<string>();
    for (const s of spans) {
      if (s.from <= from && s.to >= to) {
        covered.add(s.source);
        rate.set(s.source, (rate.get(s.source) ?? 0) + s.value / (s.to - s.from));
      }
    }
    return { length: to - from, rate, covered };
  });
}

/** Each segment counted once, from the highest-ranked source covering it. */
function oracle(spans: readonly Span[], priority: readonly string[]): number {
  const order = ranking(spans, priority);
  return segments(spans).reduce((total, seg) => {
    const winner = order.find((s) => seg.covered.has(s));
    return total + (winner === undefined ? 0 : (seg.rate.get(winner) ?? 0) * seg.length);
  }, 0);
}

/** The most any interval-disjoint combination of the sources could give: the best source on every segment. */
function bestDisjoint(spans: readonly Span[]): number {
  return segments(spans).reduce((total, seg) => total + Math.max(0, ...seg.rate.values()) * seg.length, 0);
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
const total = (spans: readonly Span[], source?: string) => spans.filter((s) => source === undefined || s.source === source).reduce((t, s) => t + s.value, 0);

describe('rollupDay properties (additive metrics)', () => {
  it('counts every moment once, from the highest-priority source covering it (checked against a segment-by-segment oracle)', () => {
    fc.assert(
      fc.property(scenario, ({ spans, priority }) => {
        const value = merged(spans, priority);
        assert.ok(near(value, oracle(spans, priority)), `${value} vs oracle ${oracle(spans, priority)}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('never exceeds what an interval-disjoint combination could give, nor the sum of the sources; never falls below the top source', () => {
    // Precisely: top source total <= merged <= min(sum of all totals, integral over the day of the highest source rate).
    fc.assert(
      fc.property(scenario, ({ spans, priority }) => {
        const value = merged(spans, priority);
        const [top] = ranking(spans, priority);
        assert.ok(value <= bestDisjoint(spans) * (1 + 1e-9) + 1e-9, `${value} > best disjoint ${bestDisjoint(spans)}`);
        assert.ok(value <= total(spans) * (1 + 1e-9) + 1e-9);
        if (top !== undefined) assert.ok(value >= total(spans, top) * (1 - 1e-9) - 1e-9);
      }),
      { numRuns: 1000 },
    );
  });

  it('never adds up identical intervals from two sources', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(...SOURCES), ({ spans, priority }, copy) => {
        const original = spans.filter((s) => s.source !== copy);
        const copies = original.map((s) => ({ ...s, source: copy }));
        const unique = copies.filter((c, i) => copies.findIndex((d) => d.from === c.from) === i);
        const base = merged(original, priority);
        // The copy ranks below everything it copies: the copy adds nothing.
        const lower = [...ranking(original, priority), copy];
        assert.ok(near(merged([...original, ...unique], lower), base));
      }),
      { numRuns: 500 },
    );
  });

  it('a source identical to another gives the same day whichever of the two ranks first', () => {
    fc.assert(
      fc.property(scenario, ({ spans }) => {
        const watch = spans.filter((s) => s.source === 'watch');
        const phone = watch.map((s) => ({ ...s, source: 'phone' }));
        const value = merged([...watch, ...phone], ['watch', 'phone']);
        assert.ok(near(value, total(watch)));
        assert.ok(near(merged([...watch, ...phone], ['phone', 'watch']), value));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the samples, to the last bit and in its provenance', () => {
    fc.assert(
      fc.property(
        scenario.chain(({ spans, priority }) => fc.tuple(fc.constant(priority), fc.shuffledSubarray(spans, { minLength: spans.length, maxLength: spans.length }), fc.constant(spans))),
        ([priority, shuffled, spans]) => {
          const a = rollupDay({ metric: steps!, date: '2024-01-10', samples: spans.map(toSample), priority });
          const b = rollupDay({ metric: steps!, date: '2024-01-10', samples: shuffled.map(toSample), priority });
          assert.deepEqual(a, b);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accounts for every unit: contributions add up to the value, and each source keeps total = contributed + dropped', () => {
    fc.assert(
      fc.property(scenario, ({ spans, priority }) => {
        const day = rollupDay({ metric: steps!, date: '2024-01-10', samples: spans.map(toSample), priority });
        if (!day) return assert.equal(spans.length, 0);
        assert.ok(near(day.sources.reduce((t, s) => t + s.contributed, 0), day.value));
        for (const s of day.sources) {
          assert.ok(s.contributed <= s.total * (1 + 1e-9) + 1e-9);
          assert.ok(near(s.contributed + (s.dropped ?? 0), s.total));
        }
        assert.deepEqual(
          day.sources.map((s) => s.source),
          ranking(spans, priority),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('rollupDay properties (points and non-additive metrics)', () => {
  const points = fc.uniqueArray(fc.record({ at: fc.integer({ min: 0, max: 1439 }), value: fc.integer({ min: 0, max: 900 }) }), { selector: (p) => p.at, maxLength: 10 });

  it('never adds up identical zero-length samples (two apps logging the same meal)', () => {
    const energy = getMetric('dietary_energy')!;
    fc.assert(
      fc.property(points, (meals) => {
        const a = meals.map((m) => ({ source: 'a', value: m.value, start: iso(m.at), end: iso(m.at) }));
        const b = a.map((m) => ({ ...m, source: 'b' }));
        const day = rollupDay({ metric: energy, date: '2024-01-10', samples: [...b, ...a], priority: ['a', 'b'] });
        assert.equal(day?.value ?? 0, meals.reduce((t, m) => t + m.value, 0));
      }),
    );
  });

  it('gives the same reading, sleep night and provenance whatever the sample order', () => {
    const readings = fc.array(fc.record({ source: fc.constantFrom(...SOURCES), at: fc.integer({ min: 0, max: 1439 }), value: fc.double({ min: 30, max: 200, noNaN: true }) }), { maxLength: 12 });
    const stages = fc.array(
      fc.record({ source: fc.constantFrom(...SOURCES), at: fc.integer({ min: 0, max: 1000 }), length: fc.integer({ min: 1, max: 300 }), category: fc.constantFrom('in_bed', 'awake', 'light', 'deep', 'rem') }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(readings, stages, fc.shuffledSubarray(SOURCES), fc.integer(), (hr, night, priority, seed) => {
        const shuffle = <T>(xs: readonly T[]) => xs.map((x, i) => [x, (i * 7919 + seed) % 101] as const).sort((p, q) => p[1] - q[1]).map(([x]) => x);
        const hrSamples = hr.map((r) => ({ source: r.source, value: r.value, start: iso(r.at), end: iso(r.at) }));
        const stageSamples = night.map((s) => ({ source: s.source, value: s.length, category: s.category, start: iso(s.at), end: iso(s.at + s.length) }));
        for (const [id, samples] of [['heart_rate', hrSamples], ['weight', hrSamples], ['sleep_stage', stageSamples]] as const) {
          const metric = getMetric(id)!;
          const a = rollupDay({ metric, date: '2024-01-10', samples, priority });
          const b = rollupDay({ metric, date: '2024-01-10', samples: shuffle(samples), priority });
          assert.deepEqual(a, b, id);
        }
      }),
      { numRuns: 300 },
    );
  });
});
