import type { CompiledRule } from './compile-rule.ts';
import { EARLIEST, MINUTE_MS } from './instants.ts';
import { alertKey, type RuleEvent } from './rule-event.ts';
import type { EpisodeSnapshot } from './rule-stream-snapshot.ts';
import type { SampleRings } from './sample-rings.ts';
import { inWindow, localMinuteOfDay, MINUTES_PER_DAY } from './time-of-day.ts';

// A row per rule: its compiled test, then its episode.
const LO = 0;
const HI_EXCLUSIVE = 1;
const OUTSIDE = 2;
const REQUIRED_FLAGS = 3;
const FORBIDDEN_FLAGS = 4;
const WINDOW_START = 5;
const WINDOW_END = 6;
const DURATION_MS = 7;
const MAX_GAP_MS = 8;
const COOLDOWN_MS = 9;
/** 1 while the rule is in a run of consecutive matching readings. */
const IN_RUN = 10;
/** The evidence ring's sequence number and the time of the run's first reading. */
const RUN_START_SEQ = 11;
const RUN_START = 12;
/** 1 once the current run has fired. */
const FIRED = 13;
const LAST_FIRED_AT = 14;
const ROW = 15;

/**
 * The episodes of one stream's rules: for each rule, the run of consecutive matching readings
 * it is in, if any, and when it last fired. A run ends at a reading that does not match or
 * after a hole longer than the rule's maxGap, and fires once, when it spans the rule's
 * duration and the cooldown since the last fire is over.
 *
 * Rules and episodes sit side by side in one Float64Array: stepping every rule reads a few
 * consecutive cache lines, rather than two objects and their boxed numbers per rule, which a
 * stream's reading pays for in full when other streams have run in between.
 *
 * A run's readings are read back from the stream's evidence ring, which records every reading
 * stepped, and every other one while some rule is in a run.
 */
export interface OpenEpisodes {
  /** The stream's evidence is ring `ring` of `evidence`. */
  readonly evidence: SampleRings;
  readonly ring: number;
  readonly rules: readonly CompiledRule[];
  readonly userId: string;
  readonly metric: string;
  readonly evidenceLimit: number;
  /** By rule id, as snapshot() gave it when the evidence ring's tail was `evidenceTail`. */
  readonly saved: Readonly<Record<string, EpisodeSnapshot>>;
  readonly evidenceTail: number;
}

export class Episodes {
  /** How many rules are in a run. */
  running = 0;
  /** Around the last reading stepped, the values for which every rule's range test answers the same: [from, to). */
  quietValueFrom = -Infinity;
  quietValueTo = Infinity;
  private readonly rows: Float64Array;

  private readonly evidence: SampleRings;
  private readonly ring: number;
  private readonly rules: readonly CompiledRule[];
  private readonly userId: string;
  private readonly metric: string;
  private readonly evidenceLimit: number;

  constructor({ evidence, ring, rules, userId, metric, evidenceLimit, saved, evidenceTail }: OpenEpisodes) {
    this.evidence = evidence;
    this.ring = ring;
    this.rules = rules;
    this.userId = userId;
    this.metric = metric;
    this.evidenceLimit = evidenceLimit;
    this.rows = new Float64Array(rules.length * ROW);
    const { rows } = this;
    rules.forEach((rule, i) => {
      const row = i * ROW;
      rows[row + LO] = rule.lo;
      rows[row + HI_EXCLUSIVE] = rule.hiExclusive;
      rows[row + OUTSIDE] = rule.outside ? 1 : 0;
      rows[row + REQUIRED_FLAGS] = rule.requiredFlags;
      rows[row + FORBIDDEN_FLAGS] = rule.forbiddenFlags;
      rows[row + WINDOW_START] = rule.windowStart;
      rows[row + WINDOW_END] = rule.windowEnd;
      rows[row + DURATION_MS] = rule.durationMs;
      rows[row + MAX_GAP_MS] = rule.maxGapMs;
      rows[row + COOLDOWN_MS] = rule.cooldownMs;
      // An episode saved under another revision of its rule is not carried on.
      const resumed = saved[rule.id]?.revision === rule.revision ? saved[rule.id] : undefined;
      const runLength = resumed?.runLength ?? 0;
      rows[row + IN_RUN] = runLength > 0 ? 1 : 0;
      if (runLength > 0) this.running += 1;
      rows[row + RUN_START_SEQ] = evidenceTail - runLength;
      rows[row + RUN_START] = resumed?.runStart ?? EARLIEST;
      rows[row + FIRED] = resumed?.fired ? 1 : 0;
      rows[row + LAST_FIRED_AT] = resumed?.lastFiredAt ?? EARLIEST;
    });
  }

  /**
   * Steps every rule with the reading at `seq` of the evidence ring, evaluated after one at `lastT`.
   * Returns the earliest time at which a later reading with the same flags and offset and a
   * value in [quietValueFrom, quietValueTo) may change something: when a run may fire, or the
   * local time enters or leaves a rule's window. Until then, such readings change nothing.
   */
  step(seq: number, lastT: number, out: RuleEvent[]): number {
    const { rows, evidence, ring } = this;
    const t = evidence.timeAt(ring, seq);
    const value = evidence.valueAt(ring, seq);
    const flags = evidence.flagsAt(ring, seq);
    const minute = localMinuteOfDay(t, evidence.offsetAt(ring, seq));
    let quietFrom = -Infinity;
    let quietTo = Infinity;
    let minuteUntil = MINUTES_PER_DAY;
    let nextDue = Infinity;
    for (let row = 0; row < rows.length; row += ROW) {
      const lo = rows[row + LO]!;
      const hi = rows[row + HI_EXCLUSIVE]!;
      const inRange = value >= lo && value < hi;
      // The values around this one for which the range test answers the same.
      if (inRange) {
        quietFrom = Math.max(quietFrom, lo);
        quietTo = Math.min(quietTo, hi);
      } else if (value < lo) quietTo = Math.min(quietTo, lo);
      else quietFrom = Math.max(quietFrom, hi);
      const windowStart = rows[row + WINDOW_START]!;
      const windowEnd = rows[row + WINDOW_END]!;
      if (windowStart > minute) minuteUntil = Math.min(minuteUntil, windowStart);
      if (windowEnd > minute) minuteUntil = Math.min(minuteUntil, windowEnd);
      const holds =
        inRange !== (rows[row + OUTSIDE] === 1) &&
        (flags & rows[row + REQUIRED_FLAGS]!) === rows[row + REQUIRED_FLAGS] &&
        (flags & rows[row + FORBIDDEN_FLAGS]!) === 0 &&
        inWindow(minute, windowStart, windowEnd);
      if (rows[row + IN_RUN] === 1 && (!holds || t - lastT > rows[row + MAX_GAP_MS]!)) {
        if (rows[row + FIRED] === 1) out.push(this.cleared(row, t, lastT, holds ? 'data_gap' : 'condition_cleared'));
        rows[row + IN_RUN] = 0;
        rows[row + FIRED] = 0;
        this.running -= 1;
      }
      if (!holds) continue;
      if (rows[row + IN_RUN] === 0) {
        rows[row + IN_RUN] = 1;
        this.running += 1;
        rows[row + RUN_START_SEQ] = seq;
        rows[row + RUN_START] = t;
      }
      if (rows[row + FIRED] === 1) continue;
      const due = Math.max(rows[row + RUN_START]! + rows[row + DURATION_MS]!, rows[row + LAST_FIRED_AT]! + rows[row + COOLDOWN_MS]!);
      if (t < due) {
        nextDue = Math.min(nextDue, due);
        continue;
      }
      rows[row + FIRED] = 1;
      rows[row + LAST_FIRED_AT] = t;
      out.push(this.fired(row, seq));
    }
    this.quietValueFrom = quietFrom;
    this.quietValueTo = quietTo;
    // The local minute moves with the UTC minute: the window boundary comes that many minutes on.
    return Math.min(nextDue, (Math.floor(t / MINUTE_MS) + minuteUntil - minute) * MINUTE_MS);
  }

  /** Every rule's episode by rule id; run lengths count back from the evidence ring's tail. */
  snapshot(evidenceTail: number): Record<string, EpisodeSnapshot> {
    return Object.fromEntries(
      this.rules.map((rule, i) => {
        const row = i * ROW;
        const inRun = this.rows[row + IN_RUN] === 1;
        const episode: EpisodeSnapshot = {
          revision: rule.revision,
          runLength: inRun ? evidenceTail - this.rows[row + RUN_START_SEQ]! : 0,
          runStart: this.rows[row + RUN_START]!,
          fired: this.rows[row + FIRED] === 1,
          lastFiredAt: this.rows[row + LAST_FIRED_AT]!,
        };
        return [rule.id, episode];
      }),
    );
  }

  private fired(row: number, seq: number): RuleEvent {
    const { evidence, ring } = this;
    const runStart = this.rows[row + RUN_START]!;
    const runStartSeq = this.rows[row + RUN_START_SEQ]!;
    const samples: { t: number; value: number }[] = [];
    for (let s = Math.max(runStartSeq, seq - this.evidenceLimit + 1, evidence.head(ring)); s <= seq; s += 1) {
      samples.push({ t: evidence.timeAt(ring, s), value: evidence.valueAt(ring, s) });
    }
    const t = evidence.timeAt(ring, seq);
    return {
      kind: 'fired',
      ...this.identify(row),
      at: t,
      evidence: { from: runStart, to: t, sampleCount: seq - runStartSeq + 1, samples },
    };
  }

  private cleared(row: number, t: number, lastMatchAt: number, reason: 'condition_cleared' | 'data_gap'): RuleEvent {
    return { kind: 'cleared', ...this.identify(row), at: t, episodeStart: this.rows[row + RUN_START]!, lastMatchAt, reason };
  }

  private identify(row: number): { alertKey: string; ruleId: string; userId: string; metric: string } {
    const ruleId = this.rules[row / ROW]!.id;
    return { alertKey: alertKey(ruleId, this.userId, this.rows[row + RUN_START]!), ruleId, userId: this.userId, metric: this.metric };
  }
}
