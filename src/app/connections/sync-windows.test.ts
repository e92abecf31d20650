import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backfillWindow, catchUpWindow } from './sync-windows.ts';

const now = new Date('2024-06-10T12:00:00Z');
const iso = (window: { from: Date; to: Date } | undefined) => window && [window.from.toISOString(), window.to.toISOString()];

describe('sync windows', () => {
  it('a backfill reads the last N days up to now', () => {
    assert.deepEqual(iso(backfillWindow(now, 90)), ['2024-03-12T12:00:00.000Z', '2024-06-10T12:00:00.000Z']);
  });

  it('a vendor catch-up reads from where the last run ended, and at least the overlap again', () => {
    const options = { backfillDays: 90, overlapMs: 2 * 86_400_000 };
    assert.deepEqual(iso(catchUpWindow(now, '2024-06-10T11:00:00Z', options)), ['2024-06-08T12:00:00.000Z', '2024-06-10T12:00:00.000Z']);
    // Down for five days: the gap is read, not only the overlap.
    assert.deepEqual(iso(catchUpWindow(now, '2024-06-05T00:00:00Z', options)), ['2024-06-05T00:00:00.000Z', '2024-06-10T12:00:00.000Z']);
    // Never further back than a backfill, and a backfill when nothing was read yet.
    assert.deepEqual(iso(catchUpWindow(now, '2023-01-01T00:00:00Z', options)), ['2024-03-12T12:00:00.000Z', '2024-06-10T12:00:00.000Z']);
    assert.deepEqual(iso(catchUpWindow(now, undefined, options)), ['2024-03-12T12:00:00.000Z', '2024-06-10T12:00:00.000Z']);
  });

  it('the simulator (no overlap) reads exactly what fell due since, and nothing when nothing did', () => {
    const options = { backfillDays: 90, overlapMs: 0 };
    assert.deepEqual(iso(catchUpWindow(now, '2024-06-10T11:59:00Z', options)), ['2024-06-10T11:59:00.000Z', '2024-06-10T12:00:00.000Z']);
    assert.equal(catchUpWindow(now, now.toISOString(), options), undefined);
  });
});
