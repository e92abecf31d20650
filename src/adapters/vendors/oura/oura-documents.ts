import { z } from 'zod';

/**
 * The fields of Oura v2 documents that Vitalis maps, as documented; anything else the vendor
 * sends is ignored. Values Oura may leave out are nullish: a missing score drops one sample,
 * not the document.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'an ISO 8601 date-time');
const amount = z.number().nullish();

export const ouraDailyActivity = z.object({
  id: z.string().min(1),
  day,
  /** Start of Oura's activity day, with the person's offset. */
  timestamp: instant.nullish(),
  score: amount,
  steps: amount,
  active_calories: amount,
  total_calories: amount,
});

export const ouraDailySleep = z.object({ id: z.string().min(1), day, timestamp: instant.nullish(), score: amount });

export const ouraDailyReadiness = z.object({
  id: z.string().min(1),
  day,
  timestamp: instant.nullish(),
  score: amount,
  /** Degrees Celsius from the person's baseline. */
  temperature_deviation: amount,
});

export const ouraDailySpo2 = z.object({ id: z.string().min(1), day, spo2_percentage: z.object({ average: amount }).nullish() });

export const ouraSleep = z.object({
  id: z.string().min(1),
  day,
  /** deleted | sleep | long_sleep | late_nap | rest. */
  type: z.string(),
  bedtime_start: instant,
  bedtime_end: instant,
  /** Durations in seconds. */
  total_sleep_duration: amount,
  time_in_bed: amount,
  awake_time: amount,
  light_sleep_duration: amount,
  deep_sleep_duration: amount,
  rem_sleep_duration: amount,
  /** RMSSD, ms. */
  average_hrv: amount,
  lowest_heart_rate: amount,
  /** Breaths per minute. */
  average_breath: amount,
  /** One character per 5 minutes from bedtime_start: 1 deep, 2 light, 3 REM, 4 awake. */
  sleep_phase_5_min: z.string().nullish(),
});

export const ouraHeartRate = z.object({ bpm: z.number(), source: z.string(), timestamp: instant });

export const ouraWorkout = z.object({ id: z.string().min(1), activity: z.string(), start_datetime: instant, end_datetime: instant });
