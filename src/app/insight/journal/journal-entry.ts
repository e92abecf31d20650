import type { PersonRef, SecretBox } from '../../ports.ts';
import type { JournalEntryRecord } from '../insight-ports.ts';

/** A journal entry as its author reads it. */
export interface JournalEntry {
  id: string;
  date: string;
  text?: string;
  mood?: number;
  energy?: number;
  stress?: number;
  tags: string[];
  emoji?: string;
  createdAt: string;
  updatedAt: string;
}

/** Binds a sealed text to its tenant, author and entry: moved to another row, it no longer opens. */
export function journalTextAad(person: PersonRef, entryId: string): string {
  return `journal_entries:text:${person.tenantId}:${person.userId}:${entryId}`;
}

export function sealJournalText(box: SecretBox, person: PersonRef, entryId: string, text: string | null): string | null {
  return text === null ? null : box.seal(text, journalTextAad(person, entryId));
}

export function openJournalText(box: SecretBox, person: PersonRef, record: JournalEntryRecord): string | null {
  return record.sealedText === null ? null : box.open(record.sealedText, journalTextAad(person, record.id));
}

export function journalEntryOf(record: JournalEntryRecord, text: string | null): JournalEntry {
  return {
    id: record.id,
    date: record.date,
    ...(text === null ? {} : { text }),
    ...(record.mood === null ? {} : { mood: record.mood }),
    ...(record.energy === null ? {} : { energy: record.energy }),
    ...(record.stress === null ? {} : { stress: record.stress }),
    tags: record.tags,
    ...(record.emoji === null ? {} : { emoji: record.emoji }),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
