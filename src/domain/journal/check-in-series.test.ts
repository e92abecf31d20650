import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkInVariables, MIN_TAGGED_DAYS, type CheckIn } from './check-in-series.ts';

const entry = (date: string, fields: Partial<CheckIn> = {}): CheckIn => ({ date, mood: null, energy: null, stress: null, tags: [], ...fields });

describe('journal check-ins as correlation drivers', () => {
  it("average a day's entries per field and leave days without entries unknown", () => {
    const variables = checkInVariables([
      entry('2024-05-02', { mood: 2, stress: 5 }),
      entry('2024-05-01', { mood: 4 }),
      entry('2024-05-02', { mood: 5 }),
      entry('2024-05-04', { energy: 3 }),
    ]);
    assert.deepEqual(variables, [
      { id: 'journal:mood', series: [{ date: '2024-05-01', value: 4 }, { date: '2024-05-02', value: 3.5 }, { date: '2024-05-04', value: null }] },
      { id: 'journal:energy', series: [{ date: '2024-05-01', value: null }, { date: '2024-05-02', value: null }, { date: '2024-05-04', value: 3 }] },
      { id: 'journal:stress', series: [{ date: '2024-05-01', value: null }, { date: '2024-05-02', value: 5 }, { date: '2024-05-04', value: null }] },
    ]);
  });

  it(`turn a tag used on at least ${MIN_TAGGED_DAYS} days into 1 on tagged days and 0 on other journal days`, () => {
    const dates = Array.from({ length: 8 }, (_, i) => `2024-05-0${i + 1}`);
    const checkIns = dates.flatMap((date, i) => [
      entry(date, { tags: i < MIN_TAGGED_DAYS ? ['alcohol'] : [] }),
      // A second entry the same day with the tag again counts the day once.
      ...(i === 0 ? [entry(date, { tags: ['alcohol', 'sauna'] })] : []),
    ]);
    const variables = checkInVariables(checkIns);
    assert.deepEqual(variables.map((v) => v.id), ['tag:alcohol'], 'sauna, on one day only, is left out');
    assert.deepEqual(variables[0]!.series.map((p) => p.value), [1, 1, 1, 1, 1, 0, 0, 0]);
  });
});
