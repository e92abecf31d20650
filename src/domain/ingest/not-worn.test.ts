import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { averageOfDays } from './daily-value.ts';
import { isNotWornDay } from './not-worn.ts';

const dailyActivity = new URL('../../../../shared/data/fitabase/dailyActivity_merged.csv', import.meta.url);

describe('not-worn days', () => {
  it('is 0 steps with every minute sedentary, nothing less', () => {
    assert.equal(isNotWornDay({ steps: 0, sedentaryMinutes: 1440 }), true);
    assert.equal(isNotWornDay({ steps: 0, sedentaryMinutes: 48 }), false);
    assert.equal(isNotWornDay({ steps: 12, sedentaryMinutes: 1440 }), false);
  });

  it('stays out of averages but is still a day', () => {
    const days = [
      { value: 8000, status: 'ok' as const },
      { value: 0, status: 'not_worn' as const },
      { value: 10000, status: 'ok' as const },
    ];
    assert.equal(averageOfDays(days), 9000);
    assert.equal(averageOfDays([{ value: 0, status: 'not_worn' }]), undefined);
  });

  it('finds the not-worn days of the real Fitabase export', { skip: existsSync(dailyActivity) ? false : 'shared/data/fitabase is absent' }, () => {
    const [header, ...rows] = readFileSync(dailyActivity, 'utf8').trim().split(/\r?\n/);
    const columns = (header ?? '').split(',');
    const steps = columns.indexOf('TotalSteps');
    const sedentary = columns.indexOf('SedentaryMinutes');
    const days = rows.map((row) => row.split(',')).map((cells) => ({ steps: Number(cells[steps]), sedentaryMinutes: Number(cells[sedentary]) }));
    const zeroStep = days.filter((d) => d.steps === 0).length;
    const notWorn = days.filter(isNotWornDay).length;
    assert.equal(zeroStep, 77);
    assert.equal(notWorn, 72);
  });
});
