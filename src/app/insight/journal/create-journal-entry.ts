import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { personDataChanged } from '../person-data-changed.ts';
import { journalAuthor } from './journal-author.ts';
import { journalEntryOf, sealJournalText, type JournalEntry } from './journal-entry.ts';
import { checkJournalFields, type JournalInput } from './journal-fields.ts';

/** A new entry of the caller's journal, its text sealed before it reaches the database. */
export async function createJournalEntry(deps: InsightDeps, ctx: RequestContext, input: JournalInput): Promise<JournalEntry> {
  const author = journalAuthor(ctx);
  const now = deps.clock.now();
  const { text, ...fields } = checkJournalFields(input, now);
  const id = deps.ids.newId();
  const record = await deps.tx.withTenant(ctx, (sql) =>
    deps.insight.journal.insert(sql, author, { id, ...fields, sealedText: sealJournalText(deps.secretBox, author, id, text) }, now),
  );
  await personDataChanged(deps, author);
  return journalEntryOf(record, text);
}
