import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalSample } from '../../domain/ingest/index.ts';
import { sampleMonths } from './sample-months.ts';

const startingAt = (start: string) => ({ start }) as CanonicalSample;

describe('sampleMonths', () => {
  it('names each month the samples start in once, in whatever order they come', () => {
    const starts = ['2024-01-31T23:59:59.999Z', '2024-02-01T00:00:00.000Z', '2024-02-03T00:00:00.000Z', '2024-01-02T00:00:00.000Z', '2023-12-31T10:00:00.000Z'];
    assert.deepEqual([...sampleMonths(starts.map(startingAt))], ['2024-01', '2024-02', '2023-12']);
    assert.deepEqual([...sampleMonths([])], []);
  });
});
