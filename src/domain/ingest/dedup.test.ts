import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latestRevisions } from './dedup.ts';

const sample = (over: Partial<Parameters<typeof latestRevisions>[0][number]> = {}) => ({
  metric: 'steps',
  source: 'Watch',
  start: '2024-01-10T10:00:00.000Z',
  end: '2024-01-10T10:05:00.000Z',
  value: 100,
  ...over,
});

describe('latestRevisions', () => {
  it('keeps the newest revision of the same (metric, source, start)', () => {
    const old = sample({ recordedAt: '2024-01-10T10:06:00.000Z' });
    const revised = sample({ value: 120, recordedAt: '2024-01-11T08:00:00.000Z' });
    const { kept, superseded } = latestRevisions([revised, old]);
    assert.deepEqual(kept, [revised]);
    assert.deepEqual(superseded, [old]);
  });

  it('treats a missing recordedAt as the oldest', () => {
    const undated = sample({ value: 90 });
    const dated = sample({ recordedAt: '2020-01-01T00:00:00.000Z' });
    assert.deepEqual(latestRevisions([dated, undated]).kept, [dated]);
  });

  it('keeps different sources, metrics and starts apart', () => {
    const all = [sample(), sample({ source: 'iPhone' }), sample({ metric: 'distance' }), sample({ start: '2024-01-10T10:05:00.000Z' })];
    assert.equal(latestRevisions(all).kept.length, 4);
  });

  it('keeps a daily total apart from the intraday value that starts at the same midnight', () => {
    const midnight = { start: '2016-04-12T00:00:00.000Z', source: 'fitbit' };
    const day = sample({ ...midnight, end: '2016-04-13T00:00:00.000Z', value: 13162, wholeDay: true });
    const firstHour = sample({ ...midnight, end: '2016-04-12T01:00:00.000Z', value: 373 });
    assert.equal(latestRevisions([day, firstHour]).kept.length, 2);
  });

  it('follows a vendor document that moved its start under the same id', () => {
    const first = sample({ metric: 'sleep_session', externalId: 'oura-1', start: '2024-01-10T04:10:00.000Z', recordedAt: '2024-01-10T12:00:00.000Z' });
    const rescored = sample({ metric: 'sleep_session', externalId: 'oura-1', start: '2024-01-10T04:05:00.000Z', recordedAt: '2024-01-10T13:00:00.000Z' });
    assert.deepEqual(latestRevisions([first, rescored]).kept, [rescored]);
  });

  it('gives the same answer whatever the input order, even on ties', () => {
    const a = sample({ value: 1 });
    const b = sample({ value: 2 });
    assert.deepEqual(latestRevisions([a, b]).kept, latestRevisions([b, a]).kept);
  });
});
