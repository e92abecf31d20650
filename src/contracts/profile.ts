import { z } from 'zod';

export const PROFILE_SEXES = ['female', 'male', 'prefer_not_to_say'] as const;

/**
 * The birth year and sex population norms are published by. Both are sent each time; null
 * leaves one unsaid. `prefer_not_to_say` is an answer: benchmarks then say they are unavailable.
 */
export const profileBody = z
  .object({
    birthYear: z.number().int().min(1900).max(2200).nullable(),
    sex: z.enum(PROFILE_SEXES).nullable(),
  })
  .strict();

export const profileResponse = profileBody;
