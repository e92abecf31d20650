import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { InsightDeps } from '../../app/insight/insight-deps.ts';
import { createJournalEntry } from '../../app/insight/journal/create-journal-entry.ts';
import { deleteJournalEntry } from '../../app/insight/journal/delete-journal-entry.ts';
import { getJournalEntry } from '../../app/insight/journal/get-journal-entry.ts';
import { listJournalEntries } from '../../app/insight/journal/list-journal-entries.ts';
import { updateJournalEntry } from '../../app/insight/journal/update-journal-entry.ts';
import * as c from '../../contracts/journal.ts';
import { readsSamples, writesSamples, type AuthGuard } from '../auth-guard.ts';

const tags = ['journal'];

/** The caller's own journal: private to its author (no care-team reads), the text encrypted at rest. */
export function registerJournalRoutes(app: FastifyInstance, deps: InsightDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/journal',
    { schema: { tags, summary: 'Write a journal entry: text, mood, energy and stress (1-5), tags, an emoji', body: c.journalCreateBody, response: { 201: c.journalEntry } } },
    async (request, reply) => reply.status(201).send(await createJournalEntry(deps, await guard.tenant(request, writesSamples), request.body)),
  );

  r.get(
    '/api/v1/journal',
    { schema: { tags, summary: 'My journal, newest first; q searches the text and tags', querystring: c.journalQuery, response: { 200: c.journalPage } } },
    async (request) => listJournalEntries(deps, await guard.tenant(request, readsSamples), request.query),
  );

  r.get(
    '/api/v1/journal/:id',
    { schema: { tags, summary: 'One entry of my journal', params: c.journalParams, response: { 200: c.journalEntry } } },
    async (request) => getJournalEntry(deps, await guard.tenant(request, readsSamples), request.params.id),
  );

  r.patch(
    '/api/v1/journal/:id',
    { schema: { tags, summary: 'Change an entry (null clears a field)', params: c.journalParams, body: c.journalPatchBody, response: { 200: c.journalEntry } } },
    async (request) => updateJournalEntry(deps, await guard.tenant(request, writesSamples), request.params.id, request.body),
  );

  r.delete(
    '/api/v1/journal/:id',
    { schema: { tags, summary: 'Delete an entry for good', params: c.journalParams } },
    async (request, reply) => {
      await deleteJournalEntry(deps, await guard.tenant(request, writesSamples), request.params.id);
      return reply.status(204).send();
    },
  );
}
