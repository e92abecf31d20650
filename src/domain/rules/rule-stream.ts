import type { RuleEvent } from './rule-event.ts';
import type { RuleStreamSnapshot } from './rule-stream-snapshot.ts';
import { RuleStreams, type OpenRuleStream } from './rule-streams.ts';

/** One stream of RuleStreams on its own: the rules of one metric watching one person's readings (see RuleStreams). */
export class RuleStream {
  readonly userId: string;
  readonly metric: string;
  private readonly table = new RuleStreams();
  private readonly stream: number;

  constructor(open: OpenRuleStream) {
    this.stream = this.table.add(open);
    this.userId = open.userId;
    this.metric = open.metric;
  }

  /** Rules relative to a baseline, left out for want of a usable one. */
  get waitingForBaseline(): readonly string[] {
    return this.table.waitingForBaseline(this.stream);
  }

  get droppedLate(): number {
    return this.table.droppedLate(this.stream);
  }

  get droppedInvalid(): number {
    return this.table.droppedInvalid(this.stream);
  }

  observe(t: number, value: number, flags: number, utcOffsetMinutes: number, out: RuleEvent[]): void {
    this.table.observe(this.stream, t, value, flags, utcOffsetMinutes, out);
  }

  advanceWatermark(watermark: number, out: RuleEvent[]): void {
    this.table.advanceWatermark(this.stream, watermark, out);
  }

  flush(out: RuleEvent[]): void {
    this.table.flush(this.stream, out);
  }

  snapshot(): RuleStreamSnapshot {
    return this.table.snapshot(this.stream);
  }
}
