import type { NormSource } from './norm-tables.ts';

/** Where the bands for daily steps come from (adult guidance, not by age or sex). */
export const STEP_BANDS_SOURCE = 'tudor-locke-2004-step-index';

export type BenchmarkSource = NormSource | typeof STEP_BANDS_SOURCE;

/** The publication behind each source; docs/population-norms.md gives its caveats. */
export const SOURCE_CITATIONS: Readonly<Record<BenchmarkSource, string>> = {
  'friend-2015-treadmill':
    'Kaminsky LA, Arena R, Myers J. Reference Standards for Cardiorespiratory Fitness Measured With Cardiopulmonary Exercise Testing: Data From the Fitness Registry and the Importance of Exercise National Database. Mayo Clin Proc. 2015;90(11):1515-1523.',
  'nhanes-1999-2008-resting-pulse':
    'Ostchega Y, Porter KS, Hughes J, Dillon CF, Nwankwo T. Resting Pulse Rate Reference Data for Children, Adolescents, and Adults: United States, 1999-2008. National Health Statistics Reports No. 41. NCHS; 2011.',
  'tudor-locke-2004-step-index': 'Tudor-Locke C, Bassett DR Jr. How many steps/day are enough? Preliminary pedometer indices for public health. Sports Med. 2004;34(1):1-8.',
};
