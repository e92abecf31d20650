import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countedDays, countedOn, dayEntry, indexByDate } from './daily-series.ts';

describe('daily series', () => {
  it('counts worn, finite values only; not-worn days stay visible', () => {
    const index = indexByDate([
      { date: '2024-05-01', value: 8000 },
      { date: '2024-05-02', value: 0, status: 'not_worn' },
      { date: '2024-05-03', value: null },
      { date: '2024-05-04', value: Number.NaN },
      { date: '2024-05-05', value: Number.POSITIVE_INFINITY },
      { date: '2024-05-06', value: Number.NaN, status: 'not_worn' },
    ]);
    assert.deepEqual(dayEntry(index, '2024-05-06'), { value: null, state: 'not_worn' });
    assert.equal(countedOn(index, '2024-05-01'), 8000);
    assert.equal(countedOn(index, '2024-05-02'), undefined);
    assert.deepEqual(dayEntry(index, '2024-05-02'), { value: 0, state: 'not_worn' });
    assert.equal(dayEntry(index, '2024-05-03').state, 'missing');
    assert.equal(dayEntry(index, '2024-05-04').state, 'missing');
    assert.equal(dayEntry(index, '2024-05-05').state, 'missing');
    assert.equal(dayEntry(index, '2024-06-01').state, 'missing');
    assert.deepEqual(countedDays(index, '2024-04-30', '2024-05-06'), [{ date: '2024-05-01', value: 8000 }]);
  });

  it('merges points of one date: counted beats not worn beats empty, later wins among equals', () => {
    const index = indexByDate([
      { date: '2024-05-01', value: 1, status: 'ok' },
      { date: '2024-05-01', value: 0, status: 'not_worn' },
      { date: '2024-05-01', value: null },
      { date: '2024-05-02', value: 0, status: 'not_worn' },
      { date: '2024-05-02', value: 5 },
      { date: '2024-05-02', value: 7 },
    ]);
    assert.equal(countedOn(index, '2024-05-01'), 1);
    assert.equal(countedOn(index, '2024-05-02'), 7);
  });
});
