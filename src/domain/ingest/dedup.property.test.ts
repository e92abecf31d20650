import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { latestRevisions, type RevisionFields } from './dedup.ts';

const revision: fc.Arbitrary<RevisionFields> = fc.record(
  {
    metric: fc.constantFrom('steps', 'sleep_session'),
    source: fc.constantFrom('Watch', 'iPhone', 'Oura'),
    start: fc.constantFrom('2024-01-10T10:00:00.000Z', '2024-01-10T10:05:00.000Z', '2024-01-10T11:00:00.000Z'),
    end: fc.constantFrom('2024-01-10T11:00:00.000Z', '2024-01-10T12:00:00.000Z'),
    value: fc.integer({ min: 0, max: 3 }),
    externalId: fc.constantFrom('a', 'b'),
    recordedAt: fc.constantFrom('2024-01-10T12:00:00.000Z', '2024-01-11T12:00:00.000Z'),
  },
  { requiredKeys: ['metric', 'source', 'start', 'end', 'value'] },
);
const key = (s: RevisionFields) => `${s.metric}|${s.source}|${s.start}`;
const idKey = (s: RevisionFields) => (s.externalId === undefined ? undefined : `${s.metric}|${s.source}|${s.externalId}`);

describe('latestRevisions properties', () => {
  it('keeps one revision per key and per id, in key order, and accounts for every other as superseded', () => {
    fc.assert(
      fc.property(fc.array(revision, { maxLength: 30 }), (samples) => {
        const { kept, superseded } = latestRevisions(samples);
        assert.equal(kept.length + superseded.length, samples.length);
        assert.deepEqual([...kept].sort((a, b) => samples.indexOf(a) - samples.indexOf(b)).length, new Set(kept).size);
        assert.deepEqual(kept.map(key), [...new Set(kept.map(key))].sort());
        const ids = kept.map(idKey).filter((k) => k !== undefined);
        assert.equal(ids.length, new Set(ids).size);
        for (const s of samples) assert.ok(kept.includes(s) !== superseded.includes(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers the same whatever the order the batch came in, sorted or not', () => {
    fc.assert(
      fc.property(
        fc.array(revision, { maxLength: 30 }).chain((samples) => fc.tuple(fc.constant(samples), fc.shuffledSubarray(samples, { minLength: samples.length, maxLength: samples.length }))),
        ([samples, shuffled]) => {
          const content = (list: RevisionFields[]) => list.map((s) => JSON.stringify(s));
          assert.deepEqual(content(latestRevisions(shuffled).kept), content(latestRevisions(samples).kept));
          const sorted = [...samples].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
          assert.deepEqual(content(latestRevisions(sorted).kept), content(latestRevisions(samples).kept));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
