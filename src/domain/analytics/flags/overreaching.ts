import { addDays, datesBetween } from '../series/calendar-date.ts';
import { countedOn, countedValues, indexByDate, type DailySeries } from '../series/daily-series.ts';
import { describe, meanOf } from '../stats/descriptives.ts';
import { NOT_ENOUGH_DATA, WITHIN_NORMAL_RANGE, plainNumber, type FlagCheck, type RiskFlag } from './risk-flag.ts';

export const OVERREACHING_RULE = {
  acuteDays: 7,
  /** The chronic window is the 28 days before the acute week (an "uncoupled" ratio). */
  chronicDays: 28,
  minAcuteDays: 4,
  minChronicDays: 14,
  /** Acute:chronic load ratio from which load counts as rising. */
  loadRatio: 1.3,
  /** Ratio from which the flag is `likely`. */
  likelyLoadRatio: 1.5,
  /** The acute HRV mean must sit this many chronic SDs below the chronic mean (the "smallest worthwhile change"). */
  hrvDropSd: 0.5,
  hrvSdFloor: 3,
} as const;

export interface OverreachingInputs {
  /** Any daily training-load measure: steps, active energy, exercise minutes, strain. */
  readonly load: DailySeries;
  readonly hrv: DailySeries;
}

export interface OverreachingEvidence {
  readonly acuteLoad: number;
  readonly chronicLoad: number;
  readonly loadRatio: number;
  readonly acuteHrv: number;
  readonly chronicHrv: number;
  readonly hrvSdBelow: number;
}

export type OverreachingFlag = RiskFlag<'overreaching', OverreachingEvidence>;

function meanOfAtLeast(values: readonly number[], minCount: number): number | undefined {
  return values.length >= minCount ? meanOf(values) : undefined;
}

/**
 * Overreaching on `date`: the last 7 days' load is at least 1.3 times the 28 days before, while
 * the last 7 days' HRV mean has fallen at least half a baseline SD below that earlier period.
 */
export function checkOverreaching(inputs: OverreachingInputs, date: string): FlagCheck<OverreachingFlag> {
  const rule = OVERREACHING_RULE;
  const load = indexByDate(inputs.load);
  const hrv = indexByDate(inputs.hrv);
  const acuteFrom = addDays(date, 1 - rule.acuteDays);
  const chronicFrom = addDays(acuteFrom, -rule.chronicDays);
  const chronicTo = addDays(acuteFrom, -1);
  const acuteLoad = meanOfAtLeast(countedValues(load, acuteFrom, date), rule.minAcuteDays);
  const chronicLoad = meanOfAtLeast(countedValues(load, chronicFrom, chronicTo), rule.minChronicDays);
  const acuteHrv = meanOfAtLeast(countedValues(hrv, acuteFrom, date), rule.minAcuteDays);
  const chronicHrv = describe(countedValues(hrv, chronicFrom, chronicTo));
  if (acuteLoad === undefined || chronicLoad === undefined || chronicLoad <= 0 || acuteHrv === undefined || !chronicHrv.ok || chronicHrv.n < rule.minChronicDays) {
    return NOT_ENOUGH_DATA;
  }
  const loadRatio = acuteLoad / chronicLoad;
  const hrvSdBelow = (chronicHrv.mean - acuteHrv) / Math.max(chronicHrv.sd, rule.hrvSdFloor);
  if (loadRatio < rule.loadRatio || hrvSdBelow < rule.hrvDropSd) return WITHIN_NORMAL_RANGE;
  const sentence =
    `Your load over the last ${rule.acuteDays} days is ${plainNumber((loadRatio - 1) * 100, 0)}% above the ${rule.chronicDays} days before, ` +
    `while your HRV averaged ${plainNumber(hrvSdBelow)} SD below that period: a sign you may be training harder than you are recovering.`;
  const days = datesBetween(acuteFrom, date).filter((d) => countedOn(load, d) !== undefined || countedOn(hrv, d) !== undefined);
  return {
    raised: true,
    flag: {
      kind: 'overreaching',
      version: 'overreaching.v1',
      date,
      strength: loadRatio >= rule.likelyLoadRatio ? 'likely' : 'possible',
      sentence,
      days,
      evidence: { acuteLoad, chronicLoad, loadRatio, acuteHrv, chronicHrv: chronicHrv.mean, hrvSdBelow },
    },
  };
}
