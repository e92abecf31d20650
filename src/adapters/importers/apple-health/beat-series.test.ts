import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { beatSeries } from './beat-series.ts';
import { hrvRecord } from './testing/records.ts';

describe('beatSeries', () => {
  it('places each beat on the record’s local day, as a UTC instant', () => {
    const series = beatSeries(hrvRecord('2024-03-09 23:14:05 -0800', '2024-03-09 23:15:06 -0800', ['11:14:07.12 PM', '11:14:08.10 PM']));
    assert.deepEqual(series, {
      ok: true,
      beats: [
        { t: '2024-03-10T07:14:07.120Z', bpm: 60 },
        { t: '2024-03-10T07:14:08.100Z', bpm: 61 },
      ],
    });
  });

  it('carries a series that runs past local midnight onto the next day', () => {
    const series = beatSeries(hrvRecord('2024-03-10 23:59:58 -0700', '2024-03-11 00:00:59 -0700', ['11:59:59.50 PM', '12:00:00.40 AM', '00:00:01.30']));
    assert.ok(series.ok);
    assert.deepEqual(
      series.beats.map((b) => b.t),
      ['2024-03-11T06:59:59.500Z', '2024-03-11T07:00:00.400Z', '2024-03-11T07:00:01.300Z'],
    );
  });

  it('places a beat written just before a record that starts after midnight on the day before', () => {
    const series = beatSeries(hrvRecord('2024-03-11 00:00:01 +0100', '2024-03-11 00:01:01 +0100', ['23:59:59.90']));
    assert.ok(series.ok);
    assert.deepEqual(series.beats, [{ t: '2024-03-10T22:59:59.900Z', bpm: 60 }]);
  });

  it('names the time it cannot read instead of guessing the series', () => {
    assert.deepEqual(beatSeries(hrvRecord('2024-03-09 23:14:05 -0800', '2024-03-09 23:15:06 -0800', ['11:14:07 PM', 'soon'])), { ok: false, time: 'soon' });
  });
});
