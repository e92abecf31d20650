import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDayReach } from '../../domain/ingest/local-day.ts';
import { METRICS } from '../../domain/metrics/index.ts';
import { byMonth, localDaysOfStarts, WIDEST_LOCAL_DAY_REACH } from './local-day-bounds.ts';

describe('localDaysOfStarts', () => {
  it('reaches as far as the widest metric of the batch', () => {
    assert.deepEqual(localDaysOfStarts(['heart_rate'], '2024-01-10T00:00:00.000Z', '2024-01-12T23:59:00.000Z'), ['2024-01-09', '2024-01-13']);
    assert.deepEqual(localDaysOfStarts(['heart_rate', 'sleep_session'], '2024-01-10T00:00:00.000Z', '2024-01-12T23:59:00.000Z'), ['2024-01-09', '2024-01-14']);
  });

  it('never reaches past WIDEST_LOCAL_DAY_REACH, the margin day reads rely on', () => {
    for (const metric of METRICS) {
      const { before, after } = localDayReach(metric);
      assert.ok(before <= WIDEST_LOCAL_DAY_REACH && after <= WIDEST_LOCAL_DAY_REACH, `${metric.id} reaches ${before} days before and ${after} after`);
    }
  });
});

describe('byMonth', () => {
  it('groups dates and instants by their month, keeping their order within it', () => {
    const dates = ['2024-01-31', '2024-02-01T00:00:00.000Z', '2023-01-15', '2024-01-01', '2024-02-29'];
    assert.deepEqual(byMonth(dates, (d) => d), [['2024-01-31', '2024-01-01'], ['2024-02-01T00:00:00.000Z', '2024-02-29'], ['2023-01-15']]);
    assert.deepEqual(byMonth([], (d: string) => d), []);
  });
});
