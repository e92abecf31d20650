import type { Baseline, WatchRule } from './rule.ts';
import type { RuleEvent } from './rule-event.ts';
import { RuleStream } from './rule-stream.ts';
import type { RuleStreamOptions } from './rule-streams.ts';
import type { RuleStreamSnapshot } from './rule-stream-snapshot.ts';
import { contextFlags, type SampleContext } from './sample-context.ts';

/** A reading as the rules engine takes it: the metric's canonical unit, epoch ms, the local offset at that time. */
export interface RuleSample extends SampleContext {
  readonly metric: string;
  readonly t: number;
  readonly value: number;
  readonly utcOffsetMinutes: number;
}

export interface PersonRulesSnapshot {
  readonly streams: Readonly<Record<string, RuleStreamSnapshot>>;
}

export interface OpenPersonRuleStreams {
  readonly userId: string;
  /** The enabled rules in scope for this person. */
  readonly rules: readonly WatchRule[];
  /** The person's baselines by metric id, for rules relative to one. */
  readonly baselines?: Readonly<Record<string, Baseline>>;
  readonly snapshot?: PersonRulesSnapshot;
  readonly options?: RuleStreamOptions;
}

/** One person's rules over all the metrics they watch: a RuleStream per metric, readings routed by metric. */
export class PersonRuleStreams {
  private readonly streams: ReadonlyMap<string, RuleStream>;

  constructor({ userId, rules, baselines = {}, snapshot, options }: OpenPersonRuleStreams) {
    const metrics = [...new Set(rules.map((rule) => rule.condition.metric))];
    this.streams = new Map(
      metrics.map((metric) => [metric, new RuleStream({ userId, metric, rules, baseline: baselines[metric], snapshot: snapshot?.streams[metric], options })]),
    );
  }

  /** A reading of a metric no rule watches is ignored. */
  observe(sample: RuleSample, out: RuleEvent[]): void {
    this.streams.get(sample.metric)?.observe(sample.t, sample.value, contextFlags(sample), sample.utcOffsetMinutes, out);
  }

  advanceWatermark(watermark: number, out: RuleEvent[]): void {
    for (const stream of this.streams.values()) stream.advanceWatermark(watermark, out);
  }

  flush(out: RuleEvent[]): void {
    for (const stream of this.streams.values()) stream.flush(out);
  }

  get waitingForBaseline(): string[] {
    return [...this.streams.values()].flatMap((stream) => stream.waitingForBaseline);
  }

  get droppedLate(): number {
    return this.sum((stream) => stream.droppedLate);
  }

  get droppedInvalid(): number {
    return this.sum((stream) => stream.droppedInvalid);
  }

  snapshot(): PersonRulesSnapshot {
    return { streams: Object.fromEntries([...this.streams].map(([metric, stream]) => [metric, stream.snapshot()])) };
  }

  private sum(count: (stream: RuleStream) => number): number {
    return [...this.streams.values()].reduce((total, stream) => total + count(stream), 0);
  }
}
