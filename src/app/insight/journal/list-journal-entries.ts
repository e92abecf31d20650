import { matchesSearch, searchWords } from '../../../domain/journal/search-words.ts';
import { normalizeTag } from '../../../domain/journal/journal-tags.ts';
import { AppError } from '../../errors.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { JournalEntryRecord, JournalPosition } from '../insight-ports.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { localDateInput } from '../series/local-date-input.ts';
import { journalAuthor } from './journal-author.ts';
import { journalEntryOf, openJournalText, type JournalEntry } from './journal-entry.ts';

export const DEFAULT_JOURNAL_PAGE = 50;
/**
 * Entries one search request opens at most. The text is sealed, so search decrypts and filters
 * the author's entries (newest first) rather than keep any index derived from the words; past
 * this many, the answer stops early and `next` continues the search further back.
 */
export const SEARCH_SCAN_LIMIT = 2000;
const SCAN_BATCH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface JournalListQuery {
  /** Words that must all begin a word of the entry's text or tags. */
  q?: string;
  from?: string;
  to?: string;
  tag?: string;
  cursor?: string;
  limit?: number;
}

export interface JournalPage {
  items: JournalEntry[];
  /** Where to continue (newer entries come first); null when nothing is left. */
  next: string | null;
}

function encodeCursor(position: JournalPosition): string {
  return Buffer.from(JSON.stringify([position.date, position.id])).toString('base64url');
}

function decodeCursor(cursor: string): JournalPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && UUID.test(value[1])) {
      return { date: localDateInput(value[0], 'cursor'), id: value[1] };
    }
  } catch {
    // falls through to the refusal
  }
  throw new AppError('validation_failed', 'The cursor is not one this API gave out; start again without it.');
}

/** The caller's entries, newest first, optionally only those matching a search. */
export async function listJournalEntries(deps: InsightDeps, ctx: RequestContext, query: JournalListQuery): Promise<JournalPage> {
  const author = journalAuthor(ctx);
  const limit = query.limit ?? DEFAULT_JOURNAL_PAGE;
  const queryWords = query.q === undefined ? [] : searchWords(query.q);
  if (query.q !== undefined && queryWords.length === 0) throw new AppError('validation_failed', 'Search for at least one word.');
  const tag = query.tag === undefined ? undefined : normalizeTag(query.tag);
  if (query.tag !== undefined && tag === undefined) throw new AppError('validation_failed', `"${query.tag}" is not a tag.`);
  const range = {
    ...(query.from === undefined ? {} : { from: localDateInput(query.from, 'from') }),
    ...(query.to === undefined ? {} : { to: localDateInput(query.to, 'to') }),
    ...(tag === undefined ? {} : { tag }),
  };

  return deps.tx.withTenant(ctx, async (sql) => {
    const items: JournalEntry[] = [];
    let after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    let scanned = 0;
    for (;;) {
      const batchSize = queryWords.length === 0 ? limit + 1 : Math.min(SCAN_BATCH, SEARCH_SCAN_LIMIT - scanned);
      const batch: JournalEntryRecord[] = await deps.insight.journal.page(sql, author, { ...range, ...(after ? { after } : {}), limit: batchSize });
      for (const record of batch) {
        if (items.length === limit) return { items, next: encodeCursor(after!) };
        scanned += 1;
        after = { date: record.date, id: record.id };
        const text = openJournalText(deps.secretBox, author, record);
        if (queryWords.length === 0 || matchesSearch(searchWords(`${text ?? ''} ${record.tags.join(' ')}`), queryWords)) {
          items.push(journalEntryOf(record, text));
        }
      }
      if (batch.length < batchSize) return { items, next: null };
      if (scanned >= SEARCH_SCAN_LIMIT) return { items, next: encodeCursor(after!) };
    }
  });
}
