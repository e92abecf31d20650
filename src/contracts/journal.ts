import { z } from 'zod';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** Mood, energy and stress: 1 (lowest) to 5 (highest). */
const level = z.number().int().min(1).max(5);
const text = z.string().max(20_000);
const tags = z.array(z.string().max(100)).max(20);
/** One emoji (a sequence joined by ZWJ, with modifiers, counts as one). */
const emoji = z
  .string()
  .min(1)
  .max(32)
  .regex(/^(?=.*[\p{Extended_Pictographic}\p{Regional_Indicator}])(?:[\p{Extended_Pictographic}\p{Emoji_Component}\u200d]|\ufe0f|\u20e3)+$/u, 'an emoji');

export const journalCreateBody = z
  .object({
    date: localDate,
    text: text.optional(),
    mood: level.optional(),
    energy: level.optional(),
    stress: level.optional(),
    tags: tags.optional(),
    emoji: emoji.optional(),
  })
  .strict();

/** Absent fields stay as they are; `null` clears one. */
export const journalPatchBody = z
  .object({
    date: localDate.optional(),
    text: text.nullable().optional(),
    mood: level.nullable().optional(),
    energy: level.nullable().optional(),
    stress: level.nullable().optional(),
    tags: tags.optional(),
    emoji: emoji.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change.');

export const journalParams = z.object({ id: z.string().uuid() });

export const journalQuery = z.object({
  /** Words that must all begin a word of the entry's text or tags. */
  q: z.string().trim().min(1).max(200).optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  tag: z.string().min(1).max(100).optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const journalEntry = z.object({
  id: z.string().uuid(),
  date: z.string(),
  text: z.string().optional(),
  mood: z.number().int().optional(),
  energy: z.number().int().optional(),
  stress: z.number().int().optional(),
  tags: z.array(z.string()),
  emoji: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const journalPage = z.object({ items: z.array(journalEntry), next: z.string().nullable() });
