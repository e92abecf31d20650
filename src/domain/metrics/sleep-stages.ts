/**
 * Sleep stage categories. `light` covers Apple's "Core" (Apple's name for N1+N2) and the
 * light stage of Oura, Fitbit and WHOOP; `asleep` is sleep of unknown stage.
 */
export const SLEEP_STAGES = ['in_bed', 'awake', 'asleep', 'light', 'deep', 'rem'] as const;
export type SleepStage = (typeof SLEEP_STAGES)[number];

/** Stages that count as sleep (everything but in-bed and awake). */
export const ASLEEP_STAGES: readonly SleepStage[] = ['asleep', 'light', 'deep', 'rem'];

const SPELLINGS = new Map<string, SleepStage>([
  ['in_bed', 'in_bed'],
  ['inbed', 'in_bed'],
  ['in bed', 'in_bed'],
  ['awake', 'awake'],
  ['wake', 'awake'],
  ['asleep', 'asleep'],
  ['asleep_unspecified', 'asleep'],
  ['asleepunspecified', 'asleep'],
  ['light', 'light'],
  ['core', 'light'],
  ['asleep_core', 'light'],
  ['asleepcore', 'light'],
  ['deep', 'deep'],
  ['asleep_deep', 'deep'],
  ['asleepdeep', 'deep'],
  ['rem', 'rem'],
  ['asleep_rem', 'rem'],
  ['asleeprem', 'rem'],
  // HKCategoryTypeIdentifierSleepAnalysis values; "Asleep" is the pre-iOS 16 name.
  ['hkcategoryvaluesleepanalysisinbed', 'in_bed'],
  ['hkcategoryvaluesleepanalysisawake', 'awake'],
  ['hkcategoryvaluesleepanalysisasleep', 'asleep'],
  ['hkcategoryvaluesleepanalysisasleepunspecified', 'asleep'],
  ['hkcategoryvaluesleepanalysisasleepcore', 'light'],
  ['hkcategoryvaluesleepanalysisasleepdeep', 'deep'],
  ['hkcategoryvaluesleepanalysisasleeprem', 'rem'],
]);

export function parseSleepStage(value: string): SleepStage | undefined {
  return SPELLINGS.get(value.trim().toLowerCase());
}
