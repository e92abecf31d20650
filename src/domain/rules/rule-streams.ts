import { compileRule, isUsableBaseline } from './compile-rule.ts';
import { Episodes } from './episodes.ts';
import { EARLIEST, isInstant, MINUTE_MS } from './instants.ts';
import { nextUp } from './next-up.ts';
import { usesBaseline, type Baseline, type WatchRule } from './rule.ts';
import type { RuleEvent } from './rule-event.ts';
import { checkRuleStreamSnapshot, RULE_STREAM_SNAPSHOT_VERSION, type RuleStreamSnapshot } from './rule-stream-snapshot.ts';
import { CONTEXT_FLAGS, flagsOf, localMinuteOf, packContext, type SampleColumns } from './sample-context.ts';
import { SampleRings, type ReadingColumns } from './sample-rings.ts';
import { localMinuteOfDay, utcOffsetOfDay } from './time-of-day.ts';

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

// A row per stream of what every reading reads or writes.
const WATERMARK = 0;
const NEWEST_SEEN = 1;
const LAST_EVALUATED_AT = 2;
/** The quiet region: empty until a reading has been evaluated in full. */
const QUIET_VALUE_FROM = 3;
const QUIET_VALUE_TO = 4;
const QUIET_FLAGS = 5;
const QUIET_OFFSET = 6;
const QUIET_UNTIL = 7;
const TIGHTEST_GAP_MS = 8;
const LATENESS_MS = 9;
/** 1 while some rule is in a run: every reading evaluated is then kept as evidence. */
const RECORDING = 10;
const HOT = 16;

/** What only a reading that may change something reads. */
interface ColdState {
  readonly waitingForBaseline: readonly string[];
  readonly episodes: Episodes;
  readonly evidenceLimit: number;
  droppedLate: number;
  droppedInvalid: number;
}

/**
 * The rules of one metric watching one person's readings, incrementally, for many streams at
 * once: add() opens a stream and returns its index.
 *
 * Readings may arrive out of order: each waits in a reorder buffer until the watermark (the
 * newest time seen minus the lateness, or a time the caller vouches for) passes it, and is
 * then evaluated in time order, so the events are those of the sorted stream. A reading
 * older than the watermark on arrival is counted in droppedLate and otherwise ignored.
 *
 * Evaluating a reading is O(rules) in general and O(1) while it changes nothing: each stream
 * keeps the "quiet" region around its last reading (its value between the same two rule
 * boundaries, same flags and local offset, no window boundary of the local time passed, no
 * hole longer than any rule bridges, no run due to fire) inside which no rule's state can
 * change.
 *
 * What every reading touches lies in typed arrays shared by all streams (this table's rows
 * and the pending readings' rings), so thousands of interleaved streams cost a reading a few
 * memory reads, not a walk through objects that other streams have pushed out of the caches.
 * An alert's evidence is kept apart, and only while some rule is in a run: the readings that
 * change nothing leave no trace. Stream i has ring i in both ring sets.
 */
export class RuleStreams {
  private hot = new Float64Array(HOT * 16);
  private readonly cold: ColdState[] = [];
  /** Readings waiting for the watermark, in time order. */
  private readonly pending = new SampleRings();
  /** Readings evaluated while some rule was in a run, the latest `evidenceLimit` of them. */
  private readonly evidence = new SampleRings();

  add({ userId, metric, rules, baseline, snapshot, options = {} }: OpenRuleStream): number {
    if (snapshot) checkRuleStreamSnapshot(snapshot);
    const own = rules.filter((rule) => rule.condition.metric === metric);
    const runnable = own.filter((rule) => !usesBaseline(rule) || isUsableBaseline(baseline));
    const compiled = runnable.map((rule) => compileRule(rule, baseline));
    const evidenceLimit = options.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT;
    const stream = this.pending.add(Infinity, readingColumns(snapshot?.pending));
    this.evidence.add(evidenceLimit, readingColumns(snapshot?.evaluated));
    const { evidence } = this;
    const episodes = new Episodes({ evidence, ring: stream, rules: compiled, userId, metric, evidenceLimit, saved: snapshot?.episodes ?? {}, evidenceTail: evidence.tail(stream) });
    this.cold.push({
      waitingForBaseline: own.filter((rule) => !runnable.includes(rule)).map((rule) => rule.id),
      episodes,
      evidenceLimit,
      droppedLate: snapshot?.droppedLate ?? 0,
      droppedInvalid: snapshot?.droppedInvalid ?? 0,
    });
    if ((stream + 1) * HOT > this.hot.length) {
      const grown = new Float64Array(this.hot.length * 2);
      grown.set(this.hot);
      this.hot = grown;
    }
    const row = stream * HOT;
    const { hot } = this;
    hot[row + WATERMARK] = snapshot?.watermark ?? EARLIEST;
    hot[row + NEWEST_SEEN] = snapshot?.newestSeen ?? EARLIEST;
    hot[row + LAST_EVALUATED_AT] = snapshot?.lastEvaluatedAt ?? EARLIEST;
    hot[row + QUIET_VALUE_FROM] = Infinity;
    hot[row + QUIET_VALUE_TO] = -Infinity;
    hot[row + QUIET_UNTIL] = EARLIEST;
    hot[row + TIGHTEST_GAP_MS] = Math.min(...compiled.map((rule) => rule.maxGapMs));
    hot[row + LATENESS_MS] = (options.latenessMinutes ?? DEFAULT_LATENESS_MINUTES) * MINUTE_MS;
    hot[row + RECORDING] = episodes.running > 0 ? 1 : 0;
    return stream;
  }

  /**
   * One reading of a stream: epoch ms `t`, the value in the metric's canonical unit, its
   * context flags (AT_REST | ASLEEP) and local offset. Events of the readings it releases go to
   * `out`. Allocates nothing unless an event is emitted.
   */
  observe(stream: number, t: number, value: number, flags: number, utcOffsetMinutes: number, out: RuleEvent[]): void {
    if (!isInstant(t) || !Number.isFinite(value)) {
      this.cold[stream]!.droppedInvalid += 1;
      return;
    }
    const { hot } = this;
    const row = stream * HOT;
    if (t < hot[row + WATERMARK]!) {
      this.cold[stream]!.droppedLate += 1;
      return;
    }
    this.pending.insert(stream, t, value, flags & CONTEXT_FLAGS, utcOffsetMinutes);
    if (t > hot[row + NEWEST_SEEN]!) {
      hot[row + NEWEST_SEEN] = t;
      hot[row + WATERMARK] = Math.max(hot[row + WATERMARK]!, t - hot[row + LATENESS_MS]!);
    }
    this.release(stream, out);
  }

  /** The caller vouches that no reading of the stream before `watermark` will still come (e.g. its clock minus the lateness). */
  advanceWatermark(stream: number, watermark: number, out: RuleEvent[]): void {
    const row = stream * HOT;
    if (!isInstant(watermark) || watermark <= this.hot[row + WATERMARK]!) return;
    this.hot[row + WATERMARK] = watermark;
    this.release(stream, out);
  }

  /** Evaluates every pending reading, e.g. at the end of a backfill; later readings at or before the newest seen count as late. */
  flush(stream: number, out: RuleEvent[]): void {
    this.advanceWatermark(stream, nextUp(this.hot[stream * HOT + NEWEST_SEEN]!), out);
  }

  /** Rules relative to a baseline, left out for want of a usable one. */
  waitingForBaseline(stream: number): readonly string[] {
    return this.cold[stream]!.waitingForBaseline;
  }

  droppedLate(stream: number): number {
    return this.cold[stream]!.droppedLate;
  }

  droppedInvalid(stream: number): number {
    return this.cold[stream]!.droppedInvalid;
  }

  snapshot(stream: number): RuleStreamSnapshot {
    const { pending, evidence } = this;
    const row = stream * HOT;
    const evidenceTail = evidence.tail(stream);
    return {
      version: RULE_STREAM_SNAPSHOT_VERSION,
      watermark: this.hot[row + WATERMARK]!,
      newestSeen: this.hot[row + NEWEST_SEEN]!,
      lastEvaluatedAt: this.hot[row + LAST_EVALUATED_AT]!,
      droppedLate: this.droppedLate(stream),
      droppedInvalid: this.droppedInvalid(stream),
      evaluated: sampleColumns(evidence.columns(stream, Math.max(evidence.head(stream), evidenceTail - this.cold[stream]!.evidenceLimit), evidenceTail)),
      pending: sampleColumns(pending.columns(stream, pending.head(stream), pending.tail(stream))),
      episodes: this.cold[stream]!.episodes.snapshot(evidenceTail),
    };
  }

  private release(stream: number, out: RuleEvent[]): void {
    const { hot, pending } = this;
    const row = stream * HOT;
    const watermark = hot[row + WATERMARK]!;
    // Evaluating inserts only into the evidence rings: the pending slots stay where they are.
    const slots = pending.slots();
    const tail = pending.tail(stream);
    let seq = pending.head(stream);
    for (; seq < tail; seq += 1) {
      const slot = pending.slotOf(stream, seq);
      const t = slots[slot]!;
      if (t >= watermark) break;
      const value = slots[slot + 1]!;
      const flags = slots[slot + 2]!;
      const offset = slots[slot + 3]!;
      if (!this.isQuiet(row, t, value, flags, offset)) this.evaluate(stream, t, value, flags, offset, out);
      else if (hot[row + RECORDING] === 1) this.evidence.insert(stream, t, value, flags, offset);
      hot[row + LAST_EVALUATED_AT] = t;
    }
    pending.dropBefore(stream, seq);
  }

  private isQuiet(row: number, t: number, value: number, flags: number, offset: number): boolean {
    const { hot } = this;
    return (
      value >= hot[row + QUIET_VALUE_FROM]! &&
      value < hot[row + QUIET_VALUE_TO]! &&
      flags === hot[row + QUIET_FLAGS] &&
      offset === hot[row + QUIET_OFFSET] &&
      t < hot[row + QUIET_UNTIL]! &&
      t - hot[row + LAST_EVALUATED_AT]! <= hot[row + TIGHTEST_GAP_MS]!
    );
  }

  /** Steps every rule with a reading that may change something, and settles the quiet region around it. */
  private evaluate(stream: number, t: number, value: number, flags: number, offset: number, out: RuleEvent[]): void {
    const { evidence, hot } = this;
    const { episodes } = this.cold[stream]!;
    const row = stream * HOT;
    evidence.insert(stream, t, value, flags, offset);
    hot[row + QUIET_UNTIL] = episodes.step(evidence.tail(stream) - 1, hot[row + LAST_EVALUATED_AT]!, out);
    hot[row + QUIET_VALUE_FROM] = episodes.quietValueFrom;
    hot[row + QUIET_VALUE_TO] = episodes.quietValueTo;
    hot[row + QUIET_FLAGS] = flags;
    hot[row + QUIET_OFFSET] = offset;
    const recording = episodes.running > 0;
    if (!recording) evidence.dropBefore(stream, evidence.tail(stream));
    hot[row + RECORDING] = recording ? 1 : 0;
  }
}

/** Readings of a snapshot as the rings hold them. The local offset is recovered modulo a day, all a local minute needs. */
function readingColumns(columns: SampleColumns = { t: [], value: [], context: [] }): ReadingColumns {
  return {
    t: columns.t,
    value: columns.value,
    flags: columns.context.map(flagsOf),
    offset: columns.context.map((context, i) => utcOffsetOfDay(columns.t[i]!, localMinuteOf(context))),
  };
}

/** Readings as a snapshot keeps them, with their local minute of the day. */
function sampleColumns({ t, value, flags, offset }: ReadingColumns): SampleColumns {
  return { t, value, context: flags.map((f, i) => packContext(f, localMinuteOfDay(t[i]!, offset[i]!))) };
}
