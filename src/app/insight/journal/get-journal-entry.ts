import { notFound } from '../../ingest/ingest-deps.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { journalAuthor } from './journal-author.ts';
import { journalEntryOf, openJournalText, type JournalEntry } from './journal-entry.ts';

/** One entry of the caller's journal; anyone else's id answers 404. */
export async function getJournalEntry(deps: InsightDeps, ctx: RequestContext, id: string): Promise<JournalEntry> {
  const author = journalAuthor(ctx);
  const record = await deps.tx.withTenant(ctx, (sql) => deps.insight.journal.get(sql, author, id));
  if (!record) throw notFound();
  return journalEntryOf(record, openJournalText(deps.secretBox, author, record));
}
