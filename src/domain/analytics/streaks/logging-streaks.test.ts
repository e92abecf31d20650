import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriesFrom } from '../testing/fixtures.ts';
import { loggingStreaks } from './logging-streaks.ts';

describe('logging streaks', () => {
  it('counts the current run through today and the longest run, across a month end and a clock change', () => {
    const series = seriesFrom('2024-03-25', [1, 1, 1, 1, 1, 1, 1, 1, null, 1, 1, 1]);
    const streaks = loggingStreaks(series, '2024-04-05');
    assert.deepEqual(streaks.current, { days: 3, from: '2024-04-03', to: '2024-04-05' });
    assert.deepEqual(streaks.longest, { days: 8, from: '2024-03-25', to: '2024-04-01' });
  });

  it('keeps the streak alive through yesterday while today is not logged yet, and ends it after a missed day', () => {
    const series = seriesFrom('2024-01-01', [1, 1, 1]);
    assert.deepEqual(loggingStreaks(series, '2024-01-04').current, { days: 3, from: '2024-01-01', to: '2024-01-03' });
    assert.equal(loggingStreaks(series, '2024-01-05').current, null);
  });

  it('treats a not-worn day as not logged, but shows it as such in the calendar', () => {
    const series = seriesFrom('2024-01-01', [1, 1, 'not_worn', 1]);
    const streaks = loggingStreaks(series, '2024-01-04');
    assert.deepEqual(streaks.current, { days: 1, from: '2024-01-04', to: '2024-01-04' });
    assert.deepEqual(streaks.longest, { days: 2, from: '2024-01-01', to: '2024-01-02' });
    assert.equal(streaks.calendar.length, 90);
    assert.equal(streaks.calendar[89]!.date, '2024-01-04');
    assert.equal(streaks.calendar[0]!.date, '2023-10-07');
    assert.deepEqual(streaks.calendar.slice(-5).map((d) => d.state), ['missing', 'ok', 'ok', 'not_worn', 'ok']);
  });

  it('merges several metrics per day and ignores days after today', () => {
    const steps = seriesFrom('2024-01-01', [1, null, 'not_worn']);
    const weight = seriesFrom('2024-01-02', [70, null, 71, 72]);
    const streaks = loggingStreaks([...steps, ...weight], '2024-01-03');
    assert.deepEqual(streaks.longest, { days: 2, from: '2024-01-01', to: '2024-01-02' });
    assert.equal(streaks.calendar.at(-1)!.state, 'not_worn');
  });

  it('has no streak at all for no data or a single day long ago', () => {
    assert.deepEqual(loggingStreaks([], '2024-01-01'), { current: null, longest: null, calendar: loggingStreaks([], '2024-01-01').calendar });
    const single = loggingStreaks(seriesFrom('2023-01-01', [5]), '2024-01-01');
    assert.equal(single.current, null);
    assert.deepEqual(single.longest, { days: 1, from: '2023-01-01', to: '2023-01-01' });
    assert.ok(single.calendar.every((d) => d.state === 'missing'));
  });
});
