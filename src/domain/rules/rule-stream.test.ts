import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Baseline, RuleOperator, Threshold, WatchRule } from './rule.ts';
import type { RuleCleared, RuleEvent, RuleFired } from './rule-event.ts';
import { RuleStream } from './rule-stream.ts';
import type { RuleStreamOptions } from './rule-streams.ts';
import type { RuleStreamSnapshot } from './rule-stream-snapshot.ts';
import { ASLEEP, AT_REST } from './sample-context.ts';
import { at, feed, MINUTE, steady, summary, T0, watchRule, type Reading } from './test-rules.ts';

const USER = 'user-1';

function open(rules: WatchRule[], options: RuleStreamOptions = {}, baseline?: Baseline): RuleStream {
  return new RuleStream({ userId: USER, metric: 'heart_rate', rules, baseline, options });
}

/** Feeds the readings, then flushes. */
function run(rules: WatchRule[], readings: readonly Reading[], options: RuleStreamOptions = {}, baseline?: Baseline): RuleEvent[] {
  const stream = open(rules, options, baseline);
  const out = feed(stream, readings);
  stream.flush(out);
  return out;
}

const fires = (operator: RuleOperator, value: Threshold, reading: number): boolean =>
  run([watchRule('r', { operator, value })], [[0, reading]]).some((e) => e.kind === 'fired');

describe('RuleStream', () => {
  it('fires the seed rule once heart rate has been above 100 for 30 minutes, and clears when it drops', () => {
    const seed = watchRule('tachycardia', { operator: '>', value: 100, duration: 30 }, { cooldownMinutes: 60 });
    const events = run([seed], [...steady(0, 44, 110), ...steady(45, 50, 80)]);
    assert.deepEqual(summary(events), ['tachycardia fired 30', 'tachycardia cleared 45 (condition_cleared)']);
    const [fired, cleared] = events as [RuleFired, RuleCleared];
    assert.equal(fired.alertKey, `tachycardia:${USER}:2024-01-10T08:00:00.000Z`);
    assert.deepEqual({ ...fired.evidence, samples: fired.evidence.samples.length }, { from: at(0), to: at(30), sampleCount: 31, samples: 31 });
    assert.deepEqual(fired.evidence.samples[0], { t: at(0), value: 110 });
    assert.deepEqual(
      { alertKey: cleared.alertKey, episodeStart: cleared.episodeStart, lastMatchAt: cleared.lastMatchAt },
      { alertKey: fired.alertKey, episodeStart: at(0), lastMatchAt: at(44) },
    );
  });

  it('does not fire before the duration is spanned, nor when a reading in between does not match', () => {
    const rule = watchRule('r', { operator: '>', value: 100, duration: 30 });
    assert.deepEqual(run([rule], steady(0, 29, 110)), []);
    assert.deepEqual(run([rule], [...steady(0, 14, 110), [15, 95], ...steady(16, 40, 110)]), []);
  });

  it('compares with each operator exactly at and beside its threshold', () => {
    const cases: [RuleOperator, Threshold, number, boolean][] = [
      ['>', 100, 100, false],
      ['>', 100, 100.1, true],
      ['>=', 100, 100, true],
      ['>=', 100, 99.9, false],
      ['<', 60, 60, false],
      ['<', 60, 59.9, true],
      ['<=', 60, 60, true],
      ['<=', 60, 60.1, false],
      ['==', 72, 72, true],
      ['==', 72, 72.1, false],
      ['between', [60, 100], 60, true],
      ['between', [60, 100], 100, true],
      ['between', [60, 100], 59.9, false],
      ['between', [60, 100], 100.1, false],
      ['outside', [60, 100], 60, false],
      ['outside', [60, 100], 100, false],
      ['outside', [60, 100], 59.9, true],
      ['outside', [60, 100], 100.1, true],
    ];
    for (const [operator, threshold, reading, expected] of cases) {
      assert.equal(fires(operator, threshold, reading), expected, `${reading} ${operator} ${JSON.stringify(threshold)}`);
    }
  });

  it('puts a baseline threshold at mean + k SD of the person', () => {
    const baseline = { mean: 60, sd: 5 };
    const above = watchRule('above', { operator: '>', value: undefined, baseline: { sd: 2 } });
    const away = watchRule('away', { operator: 'outside', value: undefined, baseline: { sd: [-1, 1] } });
    const fired = (value: number) => summary(run([above, away], [[0, value]], {}, baseline)).join(', ');
    assert.equal(fired(70), 'away fired 0');
    assert.equal(fired(70.5), 'above fired 0, away fired 0');
    assert.equal(fired(65), '');
    assert.equal(fired(54.9), 'away fired 0');
  });

  it('leaves baseline rules waiting while the person has no usable baseline', () => {
    const relative = watchRule('relative', { operator: '>', value: undefined, baseline: { sd: 2 } });
    const absolute = watchRule('absolute', { operator: '>', value: 100 });
    for (const baseline of [undefined, { mean: 60, sd: Number.NaN }, { mean: 60, sd: -1 }]) {
      const stream = open([relative, absolute], {}, baseline);
      assert.deepEqual(stream.waitingForBaseline, ['relative']);
      assert.deepEqual(summary(feed(stream, [[0, 150], [10, 150]])), ['absolute fired 0']);
    }
  });

  it('stays quiet for the cooldown after a fire, then fires for an episode still holding', () => {
    const rule = watchRule('r', { operator: '>', value: 100, duration: 10 }, { cooldownMinutes: 60 });
    const readings = [...steady(0, 20, 110), ...steady(21, 24, 80), ...steady(25, 80, 110)];
    // Second episode: from 25, spans 10 minutes at 35, but the cooldown after the fire at 10 lasts until 70.
    assert.deepEqual(summary(run([rule], readings)), ['r fired 10', 'r cleared 21 (condition_cleared)', 'r fired 70']);
    const noCooldown = watchRule('r', { operator: '>', value: 100, duration: 10 });
    assert.deepEqual(summary(run([noCooldown], readings)), ['r fired 10', 'r cleared 21 (condition_cleared)', 'r fired 35']);
  });

  it('does not fire across a hole longer than maxGapMinutes, unless the rule bridges it', () => {
    const readings = [...steady(0, 15, 110), ...steady(36, 70, 110)];
    const strict = watchRule('r', { operator: '>', value: 100, duration: 30 });
    assert.deepEqual(summary(run([strict], readings)), ['r fired 66']);
    const bridging = watchRule('r', { operator: '>', value: 100, duration: 30, maxGapMinutes: 25 });
    assert.deepEqual(summary(run([bridging], readings)), ['r fired 36']);
  });

  it('ends a fired episode at a hole with data_gap', () => {
    const rule = watchRule('r', { operator: '>', value: 100, duration: 5 });
    const events = run([rule], [...steady(0, 10, 110), ...steady(30, 31, 110)]);
    assert.deepEqual(summary(events), ['r fired 5', 'r cleared 30 (data_gap)']);
    assert.equal((events[1] as RuleCleared).lastMatchAt, at(10));
  });

  it('evaluates readings that arrive out of order within the lateness as if they had come in order', () => {
    const rules = [watchRule('high', { operator: '>', value: 100, duration: 10 }), watchRule('low', { operator: '<', value: 60, duration: 3 })];
    const sorted: Reading[] = steady(0, 40, 0).map(([minute]) => [minute, minute % 17 < 12 ? 110 : 50]);
    // Each group of four minutes arrives backwards: at most 3 minutes behind the newest.
    const shuffled = sorted.map((_, i) => sorted[i - (i % 4) + (3 - (i % 4))] ?? sorted[i]!);
    const inOrder = run(rules, sorted);
    assert.ok(inOrder.length >= 4);
    const stream = open(rules, { latenessMinutes: 3 });
    const events = feed(stream, shuffled);
    stream.flush(events);
    assert.deepEqual(events, inOrder);
    assert.equal(stream.droppedLate, 0);
  });

  it('counts readings later than the lateness as dropped and otherwise ignores them', () => {
    const rule = watchRule('r', { operator: '<', value: 60 });
    const stream = open([rule], { latenessMinutes: 5 });
    const events = feed(stream, [[10, 70], [20, 70], [14, 40], [15, 40]]);
    stream.flush(events);
    assert.equal(stream.droppedLate, 1);
    // 14 came after 20, with 15 minutes already complete; 15 is just in time.
    assert.deepEqual(summary(events), ['r fired 15', 'r cleared 20 (condition_cleared)']);
  });

  it('takes a reading exactly the lateness behind the newest, and none a millisecond later', () => {
    const stream = open([watchRule('r', { operator: '<', value: 60 })], { latenessMinutes: 5 });
    const out: RuleEvent[] = [];
    stream.observe(at(10), 70, 0, 0, out);
    stream.observe(at(5), 50, 0, 0, out);
    stream.observe(at(5) - 1, 50, 0, 0, out);
    assert.equal(stream.droppedLate, 1);
  });

  it('drops readings with no finite value or time as invalid', () => {
    const stream = open([watchRule('r', { operator: '>', value: 100 })]);
    const out: RuleEvent[] = [];
    stream.observe(at(0), Number.NaN, 0, 0, out);
    stream.observe(Number.POSITIVE_INFINITY, 110, 0, 0, out);
    stream.observe(9e15, 110, 0, 0, out);
    stream.flush(out);
    assert.deepEqual(out, []);
    assert.equal(stream.droppedInvalid, 3);
  });

  it('keeps readings of equal time in their order of arrival', () => {
    const rule = watchRule('r', { operator: '>', value: 100 });
    assert.deepEqual(summary(run([rule], [[0, 110], [0, 90]])), ['r fired 0', 'r cleared 0 (condition_cleared)']);
    assert.deepEqual(summary(run([rule], [[0, 90], [0, 110]])), ['r fired 0']);
  });

  it('applies at-rest, asleep and time-of-day contexts', () => {
    const atRest = watchRule('at-rest', { operator: '>', value: 100 }, { context: { atRest: true } });
    const awake = watchRule('awake', { operator: '>', value: 100 }, { context: { asleep: false } });
    const night = watchRule('night', { operator: '>', value: 100 }, { context: { timeOfDay: { from: '22:00', to: '06:00' } } });
    const rules = [atRest, awake, night];
    const once = (reading: Reading) => summary(run(rules, [reading])).join(', ');
    assert.equal(once([0, 110, AT_REST]), 'at-rest fired 0, awake fired 0');
    assert.equal(once([0, 110, AT_REST | ASLEEP]), 'at-rest fired 0');
    assert.equal(once([0, 110, 0]), 'awake fired 0');
    // T0 is 08:00 UTC, so minute 840 is 22:00 UTC; at +00:01 minute 839 is 22:00 local too.
    assert.equal(once([14 * 60, 110, ASLEEP]), 'night fired 840');
    assert.equal(once([14 * 60 - 1, 110, ASLEEP]), '');
    assert.equal(once([14 * 60 - 1, 110, ASLEEP, 1]), 'night fired 839');
    assert.equal(once([22 * 60 - 1, 110, ASLEEP]), 'night fired 1319');
    assert.equal(once([22 * 60, 110, ASLEEP]), '');
  });

  it('breaks a run at a reading outside the rule context', () => {
    const rule = watchRule('r', { operator: '>', value: 100, duration: 10 }, { context: { atRest: true } });
    assert.deepEqual(summary(run([rule], [...steady(0, 5, 110, AT_REST), [6, 110, 0], ...steady(7, 15, 110, AT_REST)])), []);
  });

  it('caps the evidence at the last readings of the episode', () => {
    const rule = watchRule('r', { operator: '>', value: 100, duration: 30 });
    const [fired] = run([rule], steady(0, 30, 110), { evidenceLimit: 5 }) as [RuleFired];
    assert.equal(fired.evidence.sampleCount, 31);
    assert.deepEqual(
      fired.evidence.samples.map((s) => (s.t - T0) / MINUTE),
      [26, 27, 28, 29, 30],
    );
    assert.equal(fired.evidence.from, at(0));
  });

  it('holds readings back until the watermark passes them, which the caller may advance', () => {
    const rule = watchRule('r', { operator: '>', value: 100, duration: 10 });
    const stream = open([rule], { latenessMinutes: 5 });
    const out = feed(stream, steady(0, 12, 110));
    assert.deepEqual(out, []);
    stream.advanceWatermark(at(10), out);
    assert.deepEqual(out, []);
    stream.advanceWatermark(at(11), out);
    assert.deepEqual(summary(out), ['r fired 10']);
    stream.advanceWatermark(Infinity, out);
    assert.equal(JSON.parse(JSON.stringify(stream.snapshot())).watermark, at(11), 'a watermark JSON cannot carry is ignored');
  });

  it('after a flush, counts a reading at or before the newest seen as late', () => {
    const stream = open([watchRule('r', { operator: '>', value: 100 })]);
    const out = feed(stream, [[0, 90], [5, 90]]);
    stream.flush(out);
    feed(stream, [[5, 110], [6, 110]], out);
    stream.flush(out);
    assert.equal(stream.droppedLate, 1);
    assert.deepEqual(summary(out), ['r fired 6']);
  });

  it('resumes from a snapshot taken anywhere, through JSON, with the same events', () => {
    const rules = [
      watchRule('high', { operator: '>', value: 100, duration: 10 }, { cooldownMinutes: 30 }),
      watchRule('band', { operator: 'between', value: [60, 80], duration: 5 }),
    ];
    const readings: Reading[] = steady(0, 90, 0).map(([minute]) => [minute + (minute % 3 === 1 ? 1 : minute % 3 === 2 ? -1 : 0), [110, 70, 50][Math.floor(minute / 13) % 3]!]);
    const whole = run(rules, readings, { latenessMinutes: 2 });
    assert.ok(whole.length >= 6);
    for (let split = 0; split <= readings.length; split += 1) {
      const first = open(rules, { latenessMinutes: 2 });
      const out = feed(first, readings.slice(0, split));
      const saved = JSON.parse(JSON.stringify(first.snapshot())) as RuleStreamSnapshot;
      const second = new RuleStream({ userId: USER, metric: 'heart_rate', rules, snapshot: saved, options: { latenessMinutes: 2 } });
      assert.deepEqual(second.snapshot(), saved);
      feed(second, readings.slice(split), out);
      second.flush(out);
      assert.deepEqual(out, whole, `split at ${split}`);
    }
  });

  it('does not carry an episode over to another revision of its rule', () => {
    const rule = watchRule('r', { operator: '>', value: 100, duration: 10 });
    const stream = open([rule], { latenessMinutes: 0 });
    feed(stream, steady(0, 8, 110));
    const saved = stream.snapshot();
    const resume = (revision: number) => {
      const next = new RuleStream({ userId: USER, metric: 'heart_rate', rules: [{ ...rule, revision }], snapshot: saved, options: { latenessMinutes: 0 } });
      const out = feed(next, steady(9, 25, 110));
      next.flush(out);
      return summary(out);
    };
    assert.deepEqual(resume(1), ['r fired 10']);
    // The reading at 8 was still pending: the new revision's run starts there.
    assert.deepEqual(resume(2), ['r fired 18']);
  });

  it('refuses a snapshot of another version or with uneven columns', () => {
    const saved = open([]).snapshot();
    const reopen = (snapshot: unknown) => new RuleStream({ userId: USER, metric: 'heart_rate', rules: [], snapshot: snapshot as RuleStreamSnapshot });
    assert.throws(() => reopen({ ...saved, version: 2 }), /version 2/);
    assert.throws(() => reopen({ ...saved, pending: { t: [1], value: [], context: [] } }), /pending columns differ/);
  });

  it('ignores rules of other metrics', () => {
    const other = watchRule('spo2-low', { metric: 'spo2', operator: '<', value: 90 });
    const stream = open([other, watchRule('r', { operator: '<', value: 90 })]);
    const out = feed(stream, [[0, 80]]);
    stream.flush(out);
    assert.deepEqual(summary(out), ['r fired 0']);
  });
});
