import type { ScoredDay } from './score-scale.ts';

export type ScoreResult<Version extends string> =
  | ({ readonly ok: true; readonly version: Version; readonly date: string } & ScoredDay)
  | { readonly ok: false; readonly version: Version; readonly date: string; readonly reason: 'warming up'; readonly nightsWithData: number; readonly nightsNeeded: number }
  | { readonly ok: false; readonly version: Version; readonly date: string; readonly reason: 'no data for the day'; readonly missing: readonly string[] };
