import { z } from 'zod';

/**
 * The fields of WHOOP v2 documents that Vitalis maps, as documented; anything else is ignored.
 * Times are UTC with the person's offset beside them in `timezone_offset`; a score is present
 * only when `score_state` is SCORED.
 */
const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'an ISO 8601 date-time');
/** `+hh:mm`, `-hh:mm` or `Z`. */
const zoneDesignator = z.string().regex(/^(Z|[+-]\d{2}:\d{2})$/);
const scoreState = z.enum(['SCORED', 'PENDING_SCORE', 'UNSCORABLE']);
const milli = z.number().nonnegative();

export const whoopCycle = z.object({
  id: z.number().int(),
  updated_at: instant,
  start: instant,
  /** Absent while the person is still in this cycle. */
  end: instant.nullish(),
  timezone_offset: zoneDesignator,
  score_state: scoreState,
  score: z.object({ strain: z.number(), kilojoule: z.number() }).nullish(),
});

export const whoopSleep = z.object({
  id: z.string().min(1),
  cycle_id: z.number().int().optional(),
  updated_at: instant,
  start: instant,
  end: instant,
  timezone_offset: zoneDesignator,
  nap: z.boolean(),
  score_state: scoreState,
  score: z
    .object({
      stage_summary: z.object({
        total_in_bed_time_milli: milli,
        total_awake_time_milli: milli,
        total_light_sleep_time_milli: milli,
        total_slow_wave_sleep_time_milli: milli,
        total_rem_sleep_time_milli: milli,
      }),
      respiratory_rate: z.number().nullish(),
      sleep_performance_percentage: z.number().nullish(),
    })
    .nullish(),
});

export const whoopRecovery = z.object({
  cycle_id: z.number().int(),
  sleep_id: z.string().min(1),
  updated_at: instant,
  score_state: scoreState,
  score: z
    .object({
      recovery_score: z.number(),
      resting_heart_rate: z.number(),
      /** RMSSD, not SDNN. */
      hrv_rmssd_milli: z.number(),
      spo2_percentage: z.number().nullish(),
      skin_temp_celsius: z.number().nullish(),
    })
    .nullish(),
});

/** A recovery has no time of its own: Vitalis keeps it with the sleep it was scored from. */
export const whoopRecoveryDocument = z.object({ recovery: whoopRecovery, sleep: whoopSleep });

export const whoopWorkout = z.object({
  id: z.string().min(1),
  updated_at: instant,
  start: instant,
  end: instant,
  timezone_offset: zoneDesignator,
  sport_name: z.string().optional(),
});
