import { checkIllnessOnset, type IllnessFlag } from './illness-onset.ts';
import { checkOverreaching, type OverreachingFlag } from './overreaching.ts';
import type { FlagCheck } from './risk-flag.ts';
import { checkSleepDebt, type SleepDebtOptions, type SleepDebtFlag } from './sleep-debt.ts';
import type { DailySeries } from '../series/daily-series.ts';

export interface RiskFlagInputs {
  readonly restingHeartRate: DailySeries;
  readonly hrv: DailySeries;
  readonly sleepDuration: DailySeries;
  /** Daily training load (steps, active energy, strain...). */
  readonly load: DailySeries;
  readonly temperatureDeviation?: DailySeries;
}

export interface RiskFlagChecks {
  readonly illnessOnset: FlagCheck<IllnessFlag>;
  readonly overreaching: FlagCheck<OverreachingFlag>;
  readonly sleepDebt: FlagCheck<SleepDebtFlag>;
}

/** Every rule for one day, each answering raised with its flag, or not with why not. */
export function checkRiskFlags(inputs: RiskFlagInputs, date: string, options: SleepDebtOptions = {}): RiskFlagChecks {
  return {
    illnessOnset: checkIllnessOnset(inputs, date),
    overreaching: checkOverreaching(inputs, date),
    sleepDebt: checkSleepDebt(inputs.sleepDuration, date, options),
  };
}
