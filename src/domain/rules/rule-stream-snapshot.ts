import type { SampleColumns } from './sample-context.ts';

export const RULE_STREAM_SNAPSHOT_VERSION = 1;

export interface EpisodeSnapshot {
  readonly revision: number;
  /** Readings in the current run; 0 when there is none. */
  readonly runLength: number;
  readonly runStart: number;
  readonly fired: boolean;
  readonly lastFiredAt: number;
}

/** A stream's whole state as plain JSON data: what a caller stores between batches or across restarts. */
export interface RuleStreamSnapshot {
  readonly version: typeof RULE_STREAM_SNAPSHOT_VERSION;
  readonly watermark: number;
  readonly newestSeen: number;
  readonly lastEvaluatedAt: number;
  readonly droppedLate: number;
  readonly droppedInvalid: number;
  /** The last readings evaluated, kept as evidence for an alert still to come. */
  readonly evaluated: SampleColumns;
  /** Readings waiting for the watermark, in time order. */
  readonly pending: SampleColumns;
  readonly episodes: Readonly<Record<string, EpisodeSnapshot>>;
}

/** Refuses what a stream cannot resume from, rather than resuming wrongly. */
export function checkRuleStreamSnapshot(snapshot: RuleStreamSnapshot): void {
  if (snapshot.version !== RULE_STREAM_SNAPSHOT_VERSION) {
    throw new Error(`rule stream snapshot version ${String(snapshot.version)} is not ${RULE_STREAM_SNAPSHOT_VERSION}`);
  }
  for (const [name, columns] of [['evaluated', snapshot.evaluated], ['pending', snapshot.pending]] as const) {
    if (columns.value.length !== columns.t.length || columns.context.length !== columns.t.length) {
      throw new Error(`rule stream snapshot: the ${name} columns differ in length`);
    }
  }
}
