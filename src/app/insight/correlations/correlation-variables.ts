import { READINESS_SERIES_ID } from '../../../domain/analytics/index.ts';
import { HRV, RESTING_HR, SLEEP, STEPS } from '../series/analytics-inputs.ts';

/** Behaviour metrics tested as drivers, beside the journal's check-ins and tags. */
export const BEHAVIOUR_DRIVERS = [STEPS, 'active_energy', 'exercise_minutes', SLEEP] as const;

/** What the person wants to understand: sleep, HRV, resting heart rate and readiness. */
export const CORRELATION_OUTCOMES = [SLEEP, HRV, RESTING_HR, READINESS_SERIES_ID] as const;
export type CorrelationOutcome = (typeof CORRELATION_OUTCOMES)[number];

/** The days analysed: the year up to the person's latest data. */
export const CORRELATION_WINDOW_DAYS = 365;

/** Names the method of a stored report (see docs/scores.md, Correlations). */
export const CORRELATION_REPORT_VERSION = 'correlations.spearman-bh.v1';
