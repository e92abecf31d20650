import { addDays } from '../../../domain/analytics/index.ts';
import { isoDate } from '../../../domain/ingest/iso-format.ts';
import { MAX_TAGS_PER_ENTRY, normalizeTag } from '../../../domain/journal/journal-tags.ts';
import { AppError } from '../../errors.ts';
import { localDateInput } from '../series/local-date-input.ts';

/** What an author sends; `null` clears a field on PATCH. */
export interface JournalInput {
  date: string;
  text?: string | null;
  mood?: number | null;
  energy?: number | null;
  stress?: number | null;
  tags?: string[];
  emoji?: string | null;
}

/** An entry's fields in the clear, checked and normalized. */
export interface CheckedJournalFields {
  date: string;
  text: string | null;
  mood: number | null;
  energy: number | null;
  stress: number | null;
  tags: string[];
  emoji: string | null;
}

const EARLIEST_DATE = '1900-01-01';

/** Tags normalized (`Late meal` -> `late_meal`) and deduplicated; one that normalizes to nothing is refused. */
function checkedTags(tags: readonly string[]): string[] {
  const normalized = tags.map((raw) => {
    const tag = normalizeTag(raw);
    if (tag === undefined) throw new AppError('validation_failed', `"${raw}" is not a usable tag: letters, digits, spaces, - and _ only, at most 40.`);
    return tag;
  });
  const unique = [...new Set(normalized)];
  if (unique.length > MAX_TAGS_PER_ENTRY) throw new AppError('validation_failed', `An entry takes at most ${MAX_TAGS_PER_ENTRY} tags.`);
  return unique;
}

/**
 * Checks an entry as it will be stored: a real date no later than tomorrow (UTC; anyone's local
 * today is at most that), non-blank text, and something besides the date.
 */
export function checkJournalFields(fields: JournalInput, now: Date): CheckedJournalFields {
  const date = localDateInput(fields.date, 'date');
  if (date < EARLIEST_DATE || date > addDays(isoDate(now.getTime()), 1)) throw new AppError('validation_failed', `date ${date} is out of range.`);
  const text = fields.text?.trim() ? fields.text : null;
  const checked: CheckedJournalFields = {
    date,
    text,
    mood: fields.mood ?? null,
    energy: fields.energy ?? null,
    stress: fields.stress ?? null,
    tags: checkedTags(fields.tags ?? []),
    emoji: fields.emoji ?? null,
  };
  const { date: _date, tags, ...rest } = checked;
  if (tags.length === 0 && Object.values(rest).every((value) => value === null)) {
    throw new AppError('validation_failed', 'An entry needs text, a mood, energy, stress, a tag or an emoji.');
  }
  return checked;
}
