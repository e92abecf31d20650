import { notFound } from '../../ingest/ingest-deps.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { personDataChanged } from '../person-data-changed.ts';
import { journalAuthor } from './journal-author.ts';

/** Deletes an entry of the caller's journal for good. */
export async function deleteJournalEntry(deps: InsightDeps, ctx: RequestContext, id: string): Promise<void> {
  const author = journalAuthor(ctx);
  const deleted = await deps.tx.withTenant(ctx, (sql) => deps.insight.journal.delete(sql, author, id));
  if (!deleted) throw notFound();
  await personDataChanged(deps, author);
}
