import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isNotWornDay } from '../ingest/not-worn.ts';
import { checkSleepDebt, findCorrelations, forecastNextDays, loggingStreaks, sleepScores, trend, type DailyPoint } from './index.ts';
import { nonFiniteNumbers } from './testing/fixtures.ts';

const folder = new URL('../../../../shared/data/fitabase/', import.meta.url);
const skip = existsSync(folder) ? false : 'shared/data/fitabase is absent';
const LAST_DAY = '2016-05-12';

function readCsv(name: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(new URL(name, folder), 'utf8').trim().split(/\r?\n/);
  const columns = (header ?? '').split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [columns[i], cell])));
}

/** `4/12/16` or `4/12/2016 12:00:00 AM` -> `2016-04-12`. */
function isoDay(text: string): string {
  const [month, day, year] = text.split(' ')[0]!.split('/').map(Number);
  return `${year! < 100 ? 2000 + year! : year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function byPerson(rows: Record<string, string>[], toPoint: (row: Record<string, string>) => DailyPoint): Map<string, DailyPoint[]> {
  const people = new Map<string, DailyPoint[]>();
  for (const row of rows) people.set(row.Id!, [...(people.get(row.Id!) ?? []), toPoint(row)]);
  return people;
}

describe('analytics on the real Fitabase export', { skip }, () => {
  const steps = byPerson(readCsv('dailyActivity_merged.csv'), (row) => ({
    date: isoDay(row.ActivityDate!),
    value: Number(row.TotalSteps),
    status: isNotWornDay({ steps: Number(row.TotalSteps), sedentaryMinutes: Number(row.SedentaryMinutes) }) ? 'not_worn' : 'ok',
  }));
  const sleep = byPerson(readCsv('sleepDay_merged.csv'), (row) => ({ date: isoDay(row.SleepDay!), value: Number(row.TotalMinutesAsleep) }));
  const weight = byPerson(readCsv('weightLogInfo_merged.csv'), (row) => ({ date: isoDay(row.Date!), value: Number(row.WeightKg) }));

  it('shows all 72 not-worn days in the streak calendars and never counts them as logged', () => {
    const streaks = [...steps.values()].map((series) => loggingStreaks(series, LAST_DAY));
    assert.equal(streaks.length, 33);
    assert.equal(streaks.flatMap((s) => s.calendar).filter((d) => d.state === 'not_worn').length, 72);
    for (const s of streaks) assert.ok((s.longest?.days ?? 0) <= 31);
  });

  it('gives every person finite trends, scores, forecasts, flags and correlations', () => {
    let forecasts = 0;
    let scored = 0;
    let tested = 0;
    for (const [id, stepSeries] of steps) {
      const sleepSeries = sleep.get(id) ?? [];
      const results = {
        trend: trend(stepSeries, '30d', LAST_DAY),
        sleepTrend: trend(sleepSeries, '7d', LAST_DAY),
        weight: forecastNextDays('weight', weight.get(id) ?? [], { today: LAST_DAY }),
        sleepForecast: forecastNextDays('sleep_duration', sleepSeries, { today: LAST_DAY }),
        sleepScores: sleepScores({ sleepDuration: sleepSeries }, '2016-04-12', LAST_DAY),
        sleepDebt: checkSleepDebt(sleepSeries, LAST_DAY),
        correlations: findCorrelations({ drivers: [{ id: 'steps', series: stepSeries }], outcomes: [{ id: 'sleep_duration', series: sleepSeries }] }),
      };
      assert.deepEqual(nonFiniteNumbers(results), [], `person ${id}`);
      if (results.sleepForecast.ok) forecasts += 1;
      scored += results.sleepScores.filter((s) => s.ok).length;
      tested += results.correlations.findings.length;
    }
    // 24 people logged sleep, about half of them most nights.
    assert.ok(forecasts >= 10, `${forecasts} sleep forecasts`);
    assert.ok(scored > 200, `${scored} sleep scores`);
    assert.ok(tested >= 20, `${tested} correlations`);
  });
});
