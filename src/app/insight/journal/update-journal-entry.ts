import { notFound } from '../../ingest/ingest-deps.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { personDataChanged } from '../person-data-changed.ts';
import { journalAuthor } from './journal-author.ts';
import { journalEntryOf, openJournalText, sealJournalText, type JournalEntry } from './journal-entry.ts';
import { checkJournalFields, type JournalInput } from './journal-fields.ts';

/** Fields to change; absent ones stay, `null` clears one. */
export type JournalPatch = Partial<JournalInput>;

/** Changes an entry of the caller's journal; the merged entry is checked as a new one would be. */
export async function updateJournalEntry(deps: InsightDeps, ctx: RequestContext, id: string, patch: JournalPatch): Promise<JournalEntry> {
  const author = journalAuthor(ctx);
  const now = deps.clock.now();
  const { record, text } = await deps.tx.withTenant(ctx, async (sql) => {
    const stored = await deps.insight.journal.get(sql, author, id);
    if (!stored) throw notFound();
    const storedText = openJournalText(deps.secretBox, author, stored);
    const { text: newText, ...fields } = checkJournalFields(
      {
        date: patch.date ?? stored.date,
        text: patch.text === undefined ? storedText : patch.text,
        mood: patch.mood === undefined ? stored.mood : patch.mood,
        energy: patch.energy === undefined ? stored.energy : patch.energy,
        stress: patch.stress === undefined ? stored.stress : patch.stress,
        tags: patch.tags ?? stored.tags,
        emoji: patch.emoji === undefined ? stored.emoji : patch.emoji,
      },
      now,
    );
    // An unchanged text keeps its ciphertext; a changed one is sealed afresh.
    const sealedText = newText === storedText ? stored.sealedText : sealJournalText(deps.secretBox, author, id, newText);
    const updated = await deps.insight.journal.update(sql, author, id, { ...fields, sealedText }, now);
    if (!updated) throw notFound();
    return { record: updated, text: newText };
  });
  await personDataChanged(deps, author);
  return journalEntryOf(record, text);
}
