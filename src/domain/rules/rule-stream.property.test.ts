import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RULE_OPERATORS, type Baseline, type RuleContext, type Threshold, type WatchRule } from './rule.ts';
import { alertKey, type RuleEvent } from './rule-event.ts';
import { RuleStream } from './rule-stream.ts';
import type { RuleStreamOptions } from './rule-streams.ts';
import type { RuleStreamSnapshot } from './rule-stream-snapshot.ts';
import { ASLEEP, AT_REST } from './sample-context.ts';
import { MINUTE, T0 } from './test-rules.ts';

const USER = 'user-1';
const METRIC = 'heart_rate';

interface Arrival {
  t: number;
  value: number;
  flags: number;
  offset: number;
}

interface Scenario {
  rules: WatchRule[];
  baseline: Baseline;
  arrivals: Arrival[];
  latenessMinutes: number;
  evidenceLimit: number;
}

// ------------------------------------------------------------------ the reference: obvious, slow

function threshold(rule: WatchRule, baseline: Baseline): Threshold {
  const { value, baseline: relative } = rule.condition;
  if (value !== undefined) return value;
  const sd = relative!.sd;
  return typeof sd === 'number' ? baseline.mean + sd * baseline.sd : [baseline.mean + sd[0] * baseline.sd, baseline.mean + sd[1] * baseline.sd];
}

function compares(rule: WatchRule, x: Threshold, v: number): boolean {
  const [lo, hi] = typeof x === 'number' ? [x, x] : x;
  switch (rule.condition.operator) {
    case '>':
      return v > lo;
    case '>=':
      return v >= lo;
    case '<':
      return v < lo;
    case '<=':
      return v <= lo;
    case '==':
      return v === lo;
    case 'between':
      return v >= lo && v <= hi;
    case 'outside':
      return v < lo || v > hi;
  }
}

function inContext(context: RuleContext = {}, reading: Arrival): boolean {
  const flag = (wanted: boolean | undefined, bit: number) => wanted === undefined || wanted === ((reading.flags & bit) !== 0);
  if (!flag(context.atRest, AT_REST) || !flag(context.asleep, ASLEEP)) return false;
  if (!context.timeOfDay) return true;
  const local = new Date(reading.t + reading.offset * MINUTE);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const [from, to] = [context.timeOfDay.from, context.timeOfDay.to].map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
  return from! < to! ? minute >= from! && minute < to! : minute >= from! || minute < to!;
}

/**
 * Drops what arrives more than the lateness behind the newest reading, sorts the rest by
 * time (arrival order for equal times), and for every reading and rule looks back over the
 * whole history for the run it belongs to.
 */
function reference({ rules, baseline, arrivals, latenessMinutes, evidenceLimit }: Scenario): { events: RuleEvent[]; droppedLate: number } {
  let newest = -Infinity;
  const accepted = arrivals.filter((a) => {
    if (a.t < newest - latenessMinutes * MINUTE) return false;
    newest = Math.max(newest, a.t);
    return true;
  });
  const sorted = accepted.map((a, i) => ({ a, i })).sort((x, y) => x.a.t - y.a.t || x.i - y.i).map(({ a }) => a);
  const runnable = rules.filter((rule) => rule.condition.metric === METRIC);
  const events: RuleEvent[] = [];
  const firedEpisodes = runnable.map(() => new Set<number>());
  const lastFire = runnable.map(() => -Infinity);
  sorted.forEach((reading, i) => {
    runnable.forEach((rule, r) => {
      const holds = (j: number) => compares(rule, threshold(rule, baseline), sorted[j]!.value) && inContext(rule.context, sorted[j]!);
      const joined = (j: number) => sorted[j]!.t - sorted[j - 1]!.t <= rule.condition.maxGapMinutes * MINUTE;
      const runStart = (j: number) => {
        let start = j;
        while (start > 0 && holds(start - 1) && joined(start)) start -= 1;
        return start;
      };
      const ids = { ruleId: rule.id, userId: USER, metric: METRIC };
      if (i > 0 && holds(i - 1) && (!holds(i) || !joined(i))) {
        const previous = runStart(i - 1);
        if (firedEpisodes[r]!.has(previous)) {
          const episodeStart = sorted[previous]!.t;
          const reason = holds(i) ? 'data_gap' : 'condition_cleared';
          events.push({ kind: 'cleared', alertKey: alertKey(rule.id, USER, episodeStart), ...ids, at: reading.t, episodeStart, lastMatchAt: sorted[i - 1]!.t, reason });
        }
      }
      if (!holds(i)) return;
      const start = runStart(i);
      const episodeStart = sorted[start]!.t;
      const spanned = reading.t - episodeStart >= rule.condition.duration * MINUTE;
      const cooled = reading.t >= lastFire[r]! + rule.cooldownMinutes * MINUTE;
      if (firedEpisodes[r]!.has(start) || !spanned || !cooled) return;
      firedEpisodes[r]!.add(start);
      lastFire[r] = reading.t;
      const samples = sorted.slice(Math.max(start, i - evidenceLimit + 1), i + 1).map(({ t, value }) => ({ t, value }));
      events.push({ kind: 'fired', alertKey: alertKey(rule.id, USER, episodeStart), ...ids, at: reading.t, evidence: { from: episodeStart, to: reading.t, sampleCount: i - start + 1, samples } });
    });
  });
  return { events, droppedLate: arrivals.length - accepted.length };
}

// ------------------------------------------------------------------ the engine, whole or in pieces

const optionsOf = (s: Scenario): RuleStreamOptions => ({ latenessMinutes: s.latenessMinutes, evidenceLimit: s.evidenceLimit });

/** Runs the engine, saving and restoring its state through JSON before each arrival index in `splits`. */
function engine(s: Scenario, splits: readonly number[] = []): { events: RuleEvent[]; droppedLate: number } {
  const open = (snapshot?: RuleStreamSnapshot) => new RuleStream({ userId: USER, metric: METRIC, rules: s.rules, baseline: s.baseline, snapshot, options: optionsOf(s) });
  let stream = open();
  const events: RuleEvent[] = [];
  s.arrivals.forEach((a, i) => {
    if (splits.includes(i)) stream = open(JSON.parse(JSON.stringify(stream.snapshot())) as RuleStreamSnapshot);
    stream.observe(a.t, a.value, a.flags, a.offset, events);
  });
  stream.flush(events);
  return { events, droppedLate: stream.droppedLate };
}

// ------------------------------------------------------------------ random scenarios

/** Small integer values, so thresholds, equality and boundaries are hit often. */
const level = fc.integer({ min: 0, max: 12 });
const sds = fc.constantFrom(-2, -1, -0.5, 0, 0.5, 1, 2);
const ordered = <T extends number>(pair: [T, T]): [T, T] => (pair[0] < pair[1] ? pair : [pair[1], pair[0]]);
const clock = fc.integer({ min: 0, max: 23 }).map((h) => `${String(h).padStart(2, '0')}:${h % 2 === 0 ? '00' : '30'}`);

const rule = (id: string): fc.Arbitrary<WatchRule> =>
  fc
    .record({
      operator: fc.constantFrom(...RULE_OPERATORS),
      relative: fc.boolean(),
      single: level,
      pair: fc.tuple(level, level).filter(([a, b]) => a !== b),
      singleSd: sds,
      pairSd: fc.tuple(sds, sds).filter(([a, b]) => a !== b),
      duration: fc.constantFrom(0, 1, 3, 5, 10, 20),
      maxGapMinutes: fc.integer({ min: 1, max: 8 }),
      cooldownMinutes: fc.constantFrom(0, 0, 5, 15, 40),
      atRest: fc.constantFrom(undefined, true, false),
      asleep: fc.constantFrom(undefined, true, false),
      window: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(clock, clock).filter(([a, b]) => a !== b) }),
    })
    .map((g) => {
      const range = g.operator === 'between' || g.operator === 'outside';
      const relative = g.relative && g.operator !== '==';
      const threshold = relative ? { baseline: { sd: range ? ordered(g.pairSd) : g.singleSd } } : { value: range ? ordered(g.pair) : g.single };
      const context: RuleContext = { atRest: g.atRest, asleep: g.asleep, ...(g.window ? { timeOfDay: { from: g.window[0], to: g.window[1] } } : {}) };
      return { id, revision: 1, cooldownMinutes: g.cooldownMinutes, context, condition: { metric: METRIC, operator: g.operator, duration: g.duration, maxGapMinutes: g.maxGapMinutes, ...threshold } };
    });

/** null (keep the last one) `odds` times as often as a new value. */
const mostlyUnchanged = (next: fc.Arbitrary<number>, odds: number) =>
  fc.oneof({ weight: odds, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: next });

/**
 * Readings at steps of 0 (equal times) to 30 minutes, some a fraction of a minute off, whose
 * value and flags mostly stay as they were (so runs form and the quiet path is taken); each
 * arrives after a delay, mostly within the lateness and sometimes beyond it.
 */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    rules: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rule(`rule-${i}`)))),
    baseline: fc.record({ mean: fc.integer({ min: 3, max: 9 }), sd: fc.constantFrom(0, 1, 1.5, 2.5) }),
    readings: fc.array(
      fc.record({
        step: fc.constantFrom(0, 1, 1, 1, 1, 2, 3, 5, 9, 30),
        jitterSeconds: fc.constantFrom(0, 0, 0, 20),
        value: mostlyUnchanged(fc.oneof(level, level.map((v) => v + 0.5)), 2),
        flags: mostlyUnchanged(fc.integer({ min: 0, max: 3 }), 6),
        delayMinutes: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: 7, max: 40 }) }),
      }),
      { maxLength: 200, size: 'max' },
    ),
    offset: fc.constantFrom(-300, 0, 330),
    latenessMinutes: fc.integer({ min: 0, max: 6 }),
    evidenceLimit: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ rules, baseline, readings, offset, latenessMinutes, evidenceLimit }) => {
    let minute = 0;
    let value = 6;
    let flags = 0;
    const timed = readings.map((r) => {
      minute += r.step;
      value = r.value ?? value;
      flags = r.flags ?? flags;
      const t = T0 + minute * MINUTE + r.jitterSeconds * 1000;
      return { arrival: t + r.delayMinutes * MINUTE, reading: { t, value, flags, offset } };
    });
    const arrivals = timed
      .map((x, i) => ({ ...x, i }))
      .sort((a, b) => a.arrival - b.arrival || a.i - b.i)
      .map(({ reading }) => reading);
    return { rules, baseline, arrivals, latenessMinutes, evidenceLimit };
  });

describe('RuleStream against a brute-force reference', () => {
  it('emits what the reference emits, for readings out of order, late, with holes and ties', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        assert.deepEqual(engine(s), reference(s));
      }),
      { numRuns: 400 },
    );
  });

  it('emits the same events when its state is saved and restored at any points of the stream', () => {
    const withSplits = scenario.chain((s) => fc.tuple(fc.constant(s), fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, s.arrivals.length - 1) }), { maxLength: 4 })));
    fc.assert(
      fc.property(withSplits, ([s, splits]) => {
        assert.deepEqual(engine(s, splits), engine(s));
      }),
      { numRuns: 300 },
    );
  });

  it('finds something to compare: the scenarios fire, clear and drop', () => {
    const samples = fc.sample(scenario, { numRuns: 200, seed: 7 }).map(reference);
    const kinds = new Set(samples.flatMap((r) => r.events.map((e) => (e.kind === 'cleared' ? e.reason : e.kind))));
    assert.deepEqual([...kinds].sort(), ['condition_cleared', 'data_gap', 'fired']);
    assert.ok(samples.some((r) => r.droppedLate > 0));
  });
});
