import { compileRule, isUsableBaseline, type CompiledRule } from './compile-rule.ts';
import { Episodes } from './episodes.ts';
import { EARLIEST, isInstant, MINUTE_MS } from './instants.ts';
import { nextUp } from './next-up.ts';
import { minuteBoundaries, segmentEnd, segmentStart, valueBoundaries } from './quiet-range.ts';
import { usesBaseline, type Baseline, type WatchRule } from './rule.ts';
import type { RuleEvent } from './rule-event.ts';
import { checkRuleStreamSnapshot, RULE_STREAM_SNAPSHOT_VERSION, type RuleStreamSnapshot } from './rule-stream-snapshot.ts';
import { flagsOf, localMinuteOf, packContext } from './sample-context.ts';
import { SampleRing } from './sample-ring.ts';
import { localMinuteOfDay } from './time-of-day.ts';

export const DEFAULT_LATENESS_MINUTES = 5;
export const DEFAULT_EVIDENCE_LIMIT = 100;

export interface RuleStreamOptions {
  /** How far behind the newest reading (in sample time) a reading may arrive and still be evaluated in order. */
  readonly latenessMinutes?: number;
  /** The most readings an alert carries as evidence. */
  readonly evidenceLimit?: number;
}

export interface OpenRuleStream {
  readonly userId: string;
  readonly metric: string;
  /** The person's enabled rules; those of other metrics are left out. */
  readonly rules: readonly WatchRule[];
  /** The person's baseline of this metric, for rules relative to it. */
  readonly baseline?: Baseline;
  /** Where the stream left off, from snapshot(). */
  readonly snapshot?: RuleStreamSnapshot;
  readonly options?: RuleStreamOptions;
}

/**
 * The rules of one metric watching one person's readings, incrementally.
 *
 * Readings may arrive out of order: each waits in a reorder buffer until the watermark (the
 * newest time seen minus the lateness, or a time the caller vouches for) passes it, and is
 * then evaluated in time order, so the events are those of the sorted stream. A reading
 * older than the watermark on arrival is counted in droppedLate and otherwise ignored.
 *
 * Evaluating a reading is O(rules) in general and O(1) while it changes nothing: the stream
 * keeps the "quiet" region around the last reading (its value between the same two rule
 * boundaries, same flags, local minute between the same window boundaries, no hole longer
 * than any rule bridges, no run due to fire) inside which no rule's state can change.
 */
export class RuleStream {
  readonly userId: string;
  readonly metric: string;
  /** Rules relative to a baseline, left out for want of a usable one. */
  readonly waitingForBaseline: readonly string[];
  droppedLate = 0;
  droppedInvalid = 0;

  // Times written on every reading start as numbers where they are declared: a field
  // declared bare starts undefined, and V8 then boxes every number written to it anew.
  private watermark = EARLIEST;
  private newestSeen = EARLIEST;
  private lastEvaluatedAt = EARLIEST;
  // The quiet region; empty until a reading has been evaluated in full.
  private quietValueFrom = Infinity;
  private quietValueTo = -Infinity;
  private quietContextFrom = 0;
  private quietContextTo = 0;
  private quietUntil = EARLIEST;

  private readonly rules: readonly CompiledRule[];
  private readonly episodes: Episodes;
  private readonly ring: SampleRing;
  private readonly latenessMs: number;
  private readonly evidenceLimit: number;
  private readonly valueBoundaries: readonly number[];
  private readonly minuteBoundaries: readonly number[];
  private readonly tightestGapMs: number;

  constructor({ userId, metric, rules, baseline, snapshot, options = {} }: OpenRuleStream) {
    if (snapshot) checkRuleStreamSnapshot(snapshot);
    const own = rules.filter((rule) => rule.condition.metric === metric);
    const runnable = own.filter((rule) => !usesBaseline(rule) || isUsableBaseline(baseline));
    this.userId = userId;
    this.metric = metric;
    this.waitingForBaseline = own.filter((rule) => !runnable.includes(rule)).map((rule) => rule.id);
    this.rules = runnable.map((rule) => compileRule(rule, baseline));
    this.latenessMs = (options.latenessMinutes ?? DEFAULT_LATENESS_MINUTES) * MINUTE_MS;
    this.evidenceLimit = options.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT;
    this.ring = snapshot ? SampleRing.fromColumns(this.evidenceLimit, snapshot.evaluated, snapshot.pending) : new SampleRing(this.evidenceLimit);
    this.episodes = new Episodes(this.rules, userId, metric, this.evidenceLimit, snapshot?.episodes ?? {}, this.ring.firstPending);
    if (snapshot) {
      this.watermark = snapshot.watermark;
      this.newestSeen = snapshot.newestSeen;
      this.lastEvaluatedAt = snapshot.lastEvaluatedAt;
      this.droppedLate = snapshot.droppedLate;
      this.droppedInvalid = snapshot.droppedInvalid;
    }
    this.valueBoundaries = valueBoundaries(this.rules);
    this.minuteBoundaries = minuteBoundaries(this.rules);
    this.tightestGapMs = Math.min(...this.rules.map((rule) => rule.maxGapMs));
  }

  /**
   * One reading: epoch ms `t`, the value in the metric's canonical unit, its context flags
   * (AT_REST | ASLEEP) and local offset. Events of the readings it releases go to `out`.
   * Allocates nothing unless an event is emitted.
   */
  observe(t: number, value: number, flags: number, utcOffsetMinutes: number, out: RuleEvent[]): void {
    if (!isInstant(t) || !Number.isFinite(value)) {
      this.droppedInvalid += 1;
      return;
    }
    if (t < this.watermark) {
      this.droppedLate += 1;
      return;
    }
    this.ring.insert(t, value, packContext(flags, localMinuteOfDay(t, utcOffsetMinutes)));
    if (t > this.newestSeen) {
      this.newestSeen = t;
      this.watermark = Math.max(this.watermark, t - this.latenessMs);
    }
    this.release(out);
  }

  /** The caller vouches that no reading before `watermark` will still come (e.g. its clock minus the lateness). */
  advanceWatermark(watermark: number, out: RuleEvent[]): void {
    if (!isInstant(watermark) || watermark <= this.watermark) return;
    this.watermark = watermark;
    this.release(out);
  }

  /** Evaluates every pending reading, e.g. at the end of a backfill; later readings at or before the newest seen count as late. */
  flush(out: RuleEvent[]): void {
    this.advanceWatermark(nextUp(this.newestSeen), out);
  }

  snapshot(): RuleStreamSnapshot {
    const { ring } = this;
    return {
      version: RULE_STREAM_SNAPSHOT_VERSION,
      watermark: this.watermark,
      newestSeen: this.newestSeen,
      lastEvaluatedAt: this.lastEvaluatedAt,
      droppedLate: this.droppedLate,
      droppedInvalid: this.droppedInvalid,
      evaluated: ring.columns(Math.max(ring.head, ring.firstPending - this.evidenceLimit), ring.firstPending),
      pending: ring.columns(ring.firstPending, ring.tail),
      episodes: this.episodes.snapshot(ring.firstPending),
    };
  }

  private release(out: RuleEvent[]): void {
    const { ring } = this;
    while (ring.firstPending < ring.tail) {
      const seq = ring.firstPending;
      const t = ring.timeAt(seq);
      if (t >= this.watermark) return;
      const value = ring.valueAt(seq);
      const context = ring.contextAt(seq);
      if (!this.isQuiet(t, value, context)) this.settleQuiet(value, context, this.episodes.step(ring, seq, this.lastEvaluatedAt, out));
      this.lastEvaluatedAt = t;
      ring.firstPending = seq + 1;
    }
  }

  private isQuiet(t: number, value: number, context: number): boolean {
    return (
      value >= this.quietValueFrom &&
      value < this.quietValueTo &&
      context >= this.quietContextFrom &&
      context < this.quietContextTo &&
      t < this.quietUntil &&
      t - this.lastEvaluatedAt <= this.tightestGapMs
    );
  }

  private settleQuiet(value: number, context: number, quietUntil: number): void {
    const flags = flagsOf(context);
    const minute = localMinuteOf(context);
    this.quietValueFrom = segmentStart(this.valueBoundaries, value);
    this.quietValueTo = segmentEnd(this.valueBoundaries, value);
    this.quietContextFrom = packContext(flags, segmentStart(this.minuteBoundaries, minute));
    this.quietContextTo = packContext(flags, segmentEnd(this.minuteBoundaries, minute));
    this.quietUntil = quietUntil;
  }
}
