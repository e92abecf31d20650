export const MAX_TAGS_PER_ENTRY = 20;
export const MAX_TAG_LENGTH = 40;

const TAG = new RegExp(`^[\\p{L}\\p{N}_]{1,${MAX_TAG_LENGTH}}$`, 'u');

/**
 * A tag as stored and correlated: `Late meal` and `late-meal` are both `late_meal` (shown as
 * "late meal"). Undefined when nothing usable is left (punctuation, emoji, too long).
 */
export function normalizeTag(raw: string): string | undefined {
  const tag = raw.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/gu, '_');
  return TAG.test(tag) ? tag : undefined;
}
