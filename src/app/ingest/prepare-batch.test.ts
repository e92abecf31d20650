import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareBatch, REPORTED_REJECTIONS } from './prepare-batch.ts';

const context = { timeZone: 'Europe/Berlin', now: Date.UTC(2024, 6, 1) };
const hr = (value: unknown, start = '2024-05-01T08:00:00Z', extra: object = {}) => ({ metric: 'heart_rate', value, unit: 'count/min', start, source: 'Watch', ...extra });

describe('prepareBatch', () => {
  it('keeps the good samples and names each bad one by its 1-based place in the batch, with a reason', () => {
    const batch = prepareBatch([hr(60), hr(999, '2024-05-01T08:01:00Z'), { metric: 'heart_rate' }, hr(61, '2024-05-01T08:02:00Z'), 'not a sample'], context);
    assert.deepEqual(
      batch.kept.map((s) => s.value),
      [60, 61],
    );
    assert.equal(batch.rejected, 3);
    assert.deepEqual(batch.normalizedByMetric, { heart_rate: 2 });
    assert.deepEqual(
      batch.rejections.map((r) => [r.record, r.field, r.code]),
      [
        [2, 'value', 'implausible_value'],
        [3, 'source', 'malformed'],
        [5, 'sample', 'malformed'],
      ],
    );
    assert.match(batch.rejections[0]!.reason, /999/);
  });

  it('keeps one revision per key, the newest, and counts the others as superseded', () => {
    const batch = prepareBatch(
      [hr(60, '2024-05-01T08:00:00Z', { recordedAt: '2024-05-01T08:00:05Z' }), hr(62, '2024-05-01T08:00:00Z', { recordedAt: '2024-05-01T09:00:00Z' })],
      context,
    );
    assert.deepEqual(
      batch.kept.map((s) => s.value),
      [62],
    );
    assert.equal(batch.superseded, 1);
    assert.deepEqual(batch.normalizedByMetric, { heart_rate: 2 }, 'the older revision was normalized too');
  });

  it(`reports the first ${REPORTED_REJECTIONS} rejections and counts them all`, () => {
    const batch = prepareBatch(
      Array.from({ length: REPORTED_REJECTIONS + 25 }, () => hr('lots')),
      context,
    );
    assert.equal(batch.rejected, REPORTED_REJECTIONS + 25);
    assert.equal(batch.rejections.length, REPORTED_REJECTIONS);
    assert.equal(batch.rejections.at(-1)!.record, REPORTED_REJECTIONS);
    assert.deepEqual(batch.normalizedByMetric, {});
  });

  it('places a local timestamp in the person\'s zone', () => {
    const [sample] = prepareBatch([hr(60, '2024-05-01T00:30:00')], context).kept;
    assert.equal(sample!.start, '2024-04-30T22:30:00.000Z');
    assert.equal(sample!.localDate, '2024-05-01');
  });
});
