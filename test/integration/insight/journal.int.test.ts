// The journal through the API: entries written, read, changed, searched and deleted by their
// author only; the text sealed at rest; bad input refused with a 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { journalTextAad } from '../../../src/app/insight/journal/journal-entry.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import type { JournalEntry } from '../../../src/app/insight/journal/journal-entry.ts';
import { getJson, type Caller } from '../ingest/ingest-helpers.ts';
import { clinic, daysAgo, person, type Person } from './insight-helpers.ts';

type Entry = JournalEntry;

for (const kind of databaseKinds) {
  describe(`journal on ${kind}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind);
    });
    after(() => api.close());

    const as = (p: Person, tenantId?: string): Caller => ({ token: p.token, ...(tenantId ? { tenantId } : {}) });
    async function write(caller: Caller, body: object): Promise<Entry> {
      const res = await api.call('POST', '/api/v1/journal', { token: caller.token, tenantId: caller.tenantId, body });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as Entry;
    }

    it('writes, reads, changes and deletes an entry; tags are normalized and null clears a field', async () => {
      const me = as(await person(api, 'journal-crud'));
      const created = await write(me, { date: daysAgo(1), text: 'Slept badly after the wedding', mood: 2, energy: 3, stress: 4, tags: ['Alcohol', 'late meal', 'late-meal'], emoji: '😴' });
      assert.deepEqual(
        { ...created, id: undefined },
        { id: undefined, date: daysAgo(1), text: 'Slept badly after the wedding', mood: 2, energy: 3, stress: 4, tags: ['alcohol', 'late_meal'], emoji: '😴', createdAt: created.createdAt, updatedAt: created.updatedAt } as object,
      );
      assert.deepEqual(await getJson(api, me, `/api/v1/journal/${created.id}`), created);

      const patched = await api.call('PATCH', `/api/v1/journal/${created.id}`, { token: me.token, body: { mood: 4, stress: null, text: 'Better than I thought' } });
      assert.equal(patched.statusCode, 200, patched.body);
      const changed = patched.json() as Entry & { updatedAt: string };
      assert.equal(changed.mood, 4);
      assert.equal(changed.stress, undefined);
      assert.equal(changed.energy, 3);
      assert.equal(changed.text, 'Better than I thought');
      assert.deepEqual(changed.tags, ['alcohol', 'late_meal']);

      const list = await getJson<{ items: Entry[]; next: string | null }>(api, me, '/api/v1/journal');
      assert.deepEqual(list.items.map((e) => e.id), [created.id]);
      assert.equal(list.next, null);

      const deleted = await api.call('DELETE', `/api/v1/journal/${created.id}`, { token: me.token });
      assert.equal(deleted.statusCode, 204);
      assert.equal((await api.call('GET', `/api/v1/journal/${created.id}`, { token: me.token })).statusCode, 404);
      assert.equal((await api.call('DELETE', `/api/v1/journal/${created.id}`, { token: me.token })).statusCode, 404);
    });

    it('keeps the text sealed at rest, bound to its entry', async () => {
      const author = await person(api, 'journal-sealed');
      const first = await write(as(author), { date: daysAgo(2), text: 'A secret about my knee' });
      const second = await write(as(author), { date: daysAgo(1), mood: 3 });
      const [row] = await api.services.tx.withSystem('test reads a sealed entry', (sql) =>
        sql.query<{ text_sealed: string }>('select text_sealed from journal_entries where id = $1', [first.id]),
      );
      assert.ok(row && !row.text_sealed.includes('secret') && !row.text_sealed.includes('knee'), row?.text_sealed);
      const box = api.services.insight.secretBox;
      const ref = { tenantId: author.personalTenantId, userId: author.userId };
      assert.equal(box.open(row.text_sealed, journalTextAad(ref, first.id)), 'A secret about my knee');
      assert.throws(() => box.open(row.text_sealed, journalTextAad(ref, second.id)), 'moved to another entry, the text no longer opens');
    });

    it('searches text and tags by word prefix, ignoring case and accents, and pages through', async () => {
      const me = as(await person(api, 'journal-search'));
      const sauna = await write(me, { date: daysAgo(5), text: 'Sauna after a long RUN', tags: ['sauna'] });
      const cafe = await write(me, { date: daysAgo(4), text: 'Café with Anna, then running errands' });
      const meal = await write(me, { date: daysAgo(3), mood: 2, tags: ['late meal'] });
      await write(me, { date: daysAgo(2), text: 'Nothing special' });
      const search = async (q: string, extra = '') => (await getJson<{ items: Entry[]; next: string | null }>(api, me, `/api/v1/journal?q=${encodeURIComponent(q)}${extra}`));
      assert.deepEqual((await search('run')).items.map((e) => e.id), [cafe.id, sauna.id]);
      assert.deepEqual((await search('CAFE anna')).items.map((e) => e.id), [cafe.id]);
      assert.deepEqual((await search('late')).items.map((e) => e.id), [meal.id]);
      assert.deepEqual((await search('sauna')).items.map((e) => e.id), [sauna.id]);
      assert.deepEqual((await search('marathon')).items, []);
      const firstPage = await search('run', '&limit=1');
      assert.deepEqual(firstPage.items.map((e) => e.id), [cafe.id]);
      assert.ok(firstPage.next);
      const secondPage = await search('run', `&limit=1&cursor=${firstPage.next}`);
      assert.deepEqual(secondPage.items.map((e) => e.id), [sauna.id]);
      const byTag = await getJson<{ items: Entry[] }>(api, me, '/api/v1/journal?tag=Late%20Meal');
      assert.deepEqual(byTag.items.map((e) => e.id), [meal.id]);
      const inRange = await getJson<{ items: Entry[] }>(api, me, `/api/v1/journal?from=${daysAgo(4)}&to=${daysAgo(3)}`);
      assert.deepEqual(inRange.items.map((e) => e.id), [meal.id, cafe.id]);
    });

    it('refuses bad input with a 400 problem, and writes nothing', async () => {
      const me = as(await person(api, 'journal-bad'));
      const entry = await write(me, { date: daysAgo(1), mood: 3 });
      const bad: Array<[string, string, object?]> = [
        ['POST', '/api/v1/journal', { date: daysAgo(1), mood: 6 }],
        ['POST', '/api/v1/journal', { date: daysAgo(1), mood: 0 }],
        ['POST', '/api/v1/journal', { date: daysAgo(1), mood: 2.5 }],
        ['POST', '/api/v1/journal', { date: '2024-02-30', mood: 3 }],
        ['POST', '/api/v1/journal', { date: '2999-01-01', mood: 3 }],
        ['POST', '/api/v1/journal', { date: '1850-01-01', mood: 3 }],
        ['POST', '/api/v1/journal', { date: daysAgo(1) }],
        ['POST', '/api/v1/journal', { date: daysAgo(1), text: '   ' }],
        ['POST', '/api/v1/journal', { date: daysAgo(1), tags: ['!!!'] }],
        ['POST', '/api/v1/journal', { date: daysAgo(1), tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
        ['POST', '/api/v1/journal', { date: daysAgo(1), emoji: 'happy' }],
        ['POST', '/api/v1/journal', { date: daysAgo(1), mood: 3, mystery: true }],
        ['PATCH', `/api/v1/journal/${entry.id}`, {}],
        ['PATCH', `/api/v1/journal/${entry.id}`, { mood: null }],
        ['PATCH', `/api/v1/journal/${entry.id}`, { date: 'yesterday' }],
        ['GET', '/api/v1/journal/not-a-uuid'],
        ['GET', '/api/v1/journal?cursor=bm9wZQ'],
        ['GET', '/api/v1/journal?q=%21%21%21'],
        ['GET', '/api/v1/journal?tag=%3F%3F'],
        ['GET', '/api/v1/journal?limit=1000'],
      ];
      for (const [method, url, body] of bad) {
        const res = await api.call(method, url, { token: me.token, ...(body ? { body } : {}) });
        assert.equal(res.statusCode, 400, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      }
      const list = await getJson<{ items: Entry[] }>(api, me, '/api/v1/journal');
      assert.deepEqual(list.items, [entry], 'nothing written or changed');
    });

    it("is private: another member, the author's clinician and another tenant all get 404", async () => {
      const author = await person(api, 'journal-author');
      const stranger = await person(api, 'journal-stranger');
      const clinician = await person(api, 'journal-clinician');
      const tenantId = await clinic(api, [[author, 'member'], [stranger, 'member'], [clinician, 'clinician']], { clinician, member: author });
      const atClinic = await write(as(author, tenantId), { date: daysAgo(1), text: 'Private', mood: 2 });
      const atHome = await write(as(author), { date: daysAgo(1), text: 'Also private', mood: 3 });

      for (const intruder of [as(stranger, tenantId), as(clinician, tenantId), as(stranger), as(author, tenantId)]) {
        const target = intruder.tenantId === tenantId && intruder.token === author.token ? atHome : atClinic;
        for (const [method, body] of [['GET'], ['PATCH', { mood: 5 }], ['DELETE']] as Array<[string, object?]>) {
          const res = await api.call(method, `/api/v1/journal/${target.id}`, { token: intruder.token, tenantId: intruder.tenantId, ...(body ? { body } : {}) });
          assert.equal(res.statusCode, 404, `${method}: ${res.body}`);
          assert.equal(res.json().code, 'not_found');
        }
      }
      for (const intruder of [as(stranger, tenantId), as(clinician, tenantId)]) {
        const list = await getJson<{ items: Entry[] }>(api, intruder, '/api/v1/journal');
        assert.deepEqual(list.items, []);
        const search = await getJson<{ items: Entry[] }>(api, intruder, '/api/v1/journal?q=private');
        assert.deepEqual(search.items, []);
      }
      assert.deepEqual((await getJson<Entry>(api, as(author, tenantId), `/api/v1/journal/${atClinic.id}`)).mood, 2, 'unchanged');
      assert.deepEqual((await getJson<{ items: Entry[] }>(api, as(author), '/api/v1/journal')).items.map((e) => e.id), [atHome.id], 'each tenant holds its own entries');
    });
  });
}
