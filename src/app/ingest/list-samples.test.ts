import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../errors.ts';
import { decodeCursor, encodeCursor, instantRange } from './list-samples.ts';

const refusedAs = (code: string) => (error: unknown) => isAppError(error) && error.code === code;

describe('samples paging', () => {
  it('a cursor gives back the position it was made from, whatever the source is called', () => {
    for (const position of [
      { start: '2024-05-01T08:00:00.000Z', source: 'Apple Watch', wholeDay: false },
      { start: '2024-05-01T00:00:00.000Z', source: 'Ümlaut "quoted" source, with, commas', wholeDay: true },
    ]) {
      assert.deepEqual(decodeCursor(encodeCursor(position)), position);
    }
  });

  it('refuses a cursor it did not make', () => {
    for (const cursor of ['', 'bm90IGEgY3Vyc29y', encodeCursor({ start: 'yesterday', source: 'x', wholeDay: false }), Buffer.from('["2024-05-01T08:00:00.000Z","x"]').toString('base64url')]) {
      assert.throws(() => decodeCursor(cursor), refusedAs('validation_failed'), cursor);
    }
  });

  it('takes instants with any offset, and refuses an empty or reversed range', () => {
    assert.deepEqual(instantRange('2024-05-01T02:00:00+02:00', '2024-05-02T00:00:00Z'), { from: '2024-05-01T00:00:00.000Z', to: '2024-05-02T00:00:00.000Z' });
    assert.throws(() => instantRange('2024-05-02T00:00:00Z', '2024-05-02T00:00:00Z'), refusedAs('validation_failed'));
    assert.throws(() => instantRange('2024-05-03T00:00:00Z', '2024-05-02T00:00:00Z'), refusedAs('validation_failed'));
  });
});
