import assert from 'node:assert/strict';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { normalizeSample, type CanonicalSample, type RawSample } from '../../../domain/ingest/index.ts';
import { FileImportError } from '../csv/errors.ts';
import { importFitbit, type FitbitImportOptions, type FitbitImportResult } from './import-fitbit.ts';

/**
 * The real Fitabase export (../shared/data/fitabase, see its README), imported person by person
 * and checked against values computed here from the CSV text with nothing but split(',').
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataDir = path.resolve(repoRoot, '../shared/data/fitabase');
const FILES = {
  daily: 'dailyActivity_merged.csv',
  hourlySteps: 'hourlySteps_merged.csv',
  hourlyCalories: 'hourlyCalories_merged.csv',
  sleep: 'sleepDay_merged.csv',
  weight: 'weightLogInfo_merged.csv',
} as const;
const absent = Object.values(FILES).find((f) => !existsSync(path.join(dataDir, f)));
const skip = absent === undefined ? false : `${path.join(dataDir, absent)} is absent (the shared Fitabase data is not on this machine)`;

/** People with rows in all five files; 1927972279 has 13 not-worn days and a 0-step day that is not one. */
const PEOPLE = ['1503960366', '1927972279', '4319703577', '5577150313', '6962181067'];
/** The local dates must equal the CSV's dates whatever the person's zone. */
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati'];

type Row = Record<string, string>;

function table(file: string): Row[] {
  const [header = '', ...lines] = readFileSync(path.join(dataDir, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** `4/12/16`, `4/12/2016 0:00`, `5/2/2016 11:59:59 PM` -> `2016-04-12` (month first). */
function csvDate(text: string): string {
  const [date = ''] = text.split(' ');
  const [m = 0, d = 0, y = 0] = date.split('/').map(Number);
  return `${y < 100 ? 2000 + y : y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Seconds after midnight of `... 11:59:59 PM` / `... 1:08:52 AM`, to order a day's weigh-ins. */
function csvSeconds(text: string): number {
  const [, time = '0:00', meridiem] = text.split(' ');
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  return ((meridiem === 'PM' ? 12 : 0) + (h % 12)) * 3600 + m * 60 + s;
}

const sumBy = <T>(items: T[], key: (t: T) => string, value: (t: T) => number): Map<string, number> => {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + value(item));
  return out;
};
const sorted = (map: Map<string, number>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));

async function importFile(file: string, options: FitbitImportOptions): Promise<{ result: FitbitImportResult; samples: RawSample[] }> {
  const result = await importFitbit(createReadStream(path.join(dataDir, file), { highWaterMark: 4096 }), options);
  const samples: RawSample[] = [];
  for await (const batch of result.samples) {
    assert.ok(batch.length <= 5000);
    samples.push(...batch);
  }
  return { result, samples };
}

function normalizeAll(samples: RawSample[], timeZone: string): CanonicalSample[] {
  return samples.map((raw) => {
    const normalized = normalizeSample(raw, { timeZone });
    assert.ok(normalized.ok, `${JSON.stringify(raw)} -> ${JSON.stringify(normalized)}`);
    return normalized.sample;
  });
}

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);

describe('Fitabase, the real Fitbit export', { skip }, () => {
  const daily = skip ? [] : table(FILES.daily);
  const hourlySteps = skip ? [] : table(FILES.hourlySteps);
  const hourlyCalories = skip ? [] : table(FILES.hourlyCalories);
  const sleep = skip ? [] : table(FILES.sleep);
  const weight = skip ? [] : table(FILES.weight);

  for (const person of PEOPLE) {
    it(`imports all five files of person ${person} and matches every daily value of the CSV`, async () => {
      const imported = await Promise.all(Object.values(FILES).map((file) => importFile(file, { personId: person })));
      const [dailyImport, stepsImport, caloriesImport, sleepImport, weightImport] = imported;
      assert.ok(dailyImport && stepsImport && caloriesImport && sleepImport && weightImport);
      assert.deepEqual(
        imported.map((i) => i.result.kind),
        ['dailyActivity', 'hourlySteps', 'hourlyCalories', 'sleepDay', 'weightLogInfo'],
      );
      for (const { result } of imported) {
        assert.equal(result.skippedCount - result.duplicates, 0, `${result.kind}: ${JSON.stringify(result.skipped)}`);
        assert.equal(result.personId, person);
      }

      const days = daily.filter((r) => r.Id === person);
      const hours = hourlySteps.filter((r) => r.Id === person);
      const calorieHours = hourlyCalories.filter((r) => r.Id === person);
      const nightRows = sleep.filter((r) => r.Id === person);
      const nights = [...new Map(nightRows.map((r) => [Object.values(r).join(','), r])).values()];
      const weighIns = weight.filter((r) => r.Id === person);
      assert.ok(days.length >= 30 && hours.length >= 700 && nights.length >= 5 && weighIns.length >= 1);
      assert.equal(sleepImport.result.duplicates, nightRows.length - nights.length);

      for (const zone of ZONES) {
        const all = normalizeAll(
          imported.flatMap((i) => i.samples),
          zone,
        );
        const whole = (metric: string) => all.filter((s) => s.metric === metric && s.wholeDay);
        const byDate = (samples: CanonicalSample[]) => sorted(sumBy(samples, (s) => s.localDate, (s) => s.value));
        const at = `${person} in ${zone}`;

        assert.deepEqual(byDate(whole('steps')), sorted(new Map(days.map((r) => [csvDate(r.ActivityDate ?? ''), Number(r.TotalSteps)]))), `${at}: daily steps`);
        assert.deepEqual(byDate(whole('total_energy')), sorted(new Map(days.map((r) => [csvDate(r.ActivityDate ?? ''), Number(r.Calories)]))), `${at}: daily calories`);
        assert.deepEqual(
          byDate(whole('exercise_minutes')),
          sorted(new Map(days.map((r) => [csvDate(r.ActivityDate ?? ''), Number(r.VeryActiveMinutes) + Number(r.FairlyActiveMinutes)]))),
          `${at}: exercise minutes`,
        );
        const distance = new Map(days.map((r) => [csvDate(r.ActivityDate ?? ''), Number(r.TotalDistance) * 1000]));
        const distances = whole('distance');
        assert.equal(distances.length, distance.size);
        for (const s of distances) close(s.value, distance.get(s.localDate) ?? NaN, `${at}: distance on ${s.localDate}`);

        const notWorn = days.filter((r) => r.TotalSteps === '0' && r.SedentaryMinutes === '1440').map((r) => csvDate(r.ActivityDate ?? ''));
        for (const metric of ['steps', 'distance', 'total_energy', 'exercise_minutes']) {
          assert.deepEqual(
            whole(metric)
              .filter((s) => s.notWorn)
              .map((s) => s.localDate)
              .sort(),
            notWorn.sort(),
            `${at}: not-worn days of ${metric}`,
          );
        }

        const hourly = (metric: string) => all.filter((s) => s.metric === metric && !s.wholeDay);
        assert.equal(hourly('steps').length, hours.length);
        assert.deepEqual(
          byDate(hourly('steps')),
          sorted(sumBy(hours, (r) => csvDate(r.ActivityHour ?? ''), (r) => Number(r.StepTotal))),
          `${at}: hourly steps summed per day`,
        );
        assert.ok(hourly('steps').every((s) => Date.parse(s.end) - Date.parse(s.start) === 3_600_000));
        assert.deepEqual(
          byDate(hourly('total_energy')),
          sorted(sumBy(calorieHours, (r) => csvDate(r.ActivityHour ?? ''), (r) => Number(r.Calories))),
          `${at}: hourly calories summed per day`,
        );

        assert.deepEqual(byDate(whole('sleep_duration')), sorted(new Map(nights.map((r) => [csvDate(r.SleepDay ?? ''), Number(r.TotalMinutesAsleep)]))), `${at}: sleep minutes`);
        assert.deepEqual(byDate(whole('time_in_bed')), sorted(new Map(nights.map((r) => [csvDate(r.SleepDay ?? ''), Number(r.TotalTimeInBed)]))), `${at}: time in bed`);

        // The day's weight is its last reading.
        const lastWeighIn = new Map<string, Row>();
        for (const r of [...weighIns].sort((a, b) => csvSeconds(a.Date ?? '') - csvSeconds(b.Date ?? ''))) lastWeighIn.set(csvDate(r.Date ?? ''), r);
        const lastSample = new Map<string, CanonicalSample>();
        for (const s of all.filter((x) => x.metric === 'weight').sort((a, b) => a.start.localeCompare(b.start))) lastSample.set(s.localDate, s);
        assert.deepEqual([...lastSample.keys()].sort(), [...lastWeighIn.keys()].sort(), `${at}: weigh-in days`);
        for (const [date, row] of lastWeighIn) close(lastSample.get(date)?.value ?? NaN, Number(row.WeightKg), `${at}: weight on ${date}`);
        const fat = weighIns.filter((r) => r.Fat !== '');
        assert.deepEqual(
          all.filter((s) => s.metric === 'body_fat').map((s) => [s.localDate, s.value]),
          fat.map((r) => [csvDate(r.Date ?? ''), Number(r.Fat)]),
          `${at}: body fat`,
        );
        assert.equal(all.filter((s) => s.metric === 'bmi').length, weighIns.length);
        assert.deepEqual(
          all.filter((s) => s.metric === 'weight').map((s) => s.externalId),
          weighIns.map((r) => r.LogId),
        );
      }
    });
  }

  it('keeps the daily total and the hourly values as the file has them, also where they disagree', async () => {
    let disagreeing = 0;
    for (const person of PEOPLE) {
      const { samples: dailySamples } = await importFile(FILES.daily, { personId: person });
      const { samples: hourlySamples } = await importFile(FILES.hourlySteps, { personId: person });
      const dailyTotals = new Map(dailySamples.filter((s) => s.metric === 'steps').map((s) => [s.start, s.value]));
      const hourlySums = sumBy(hourlySamples, (s) => String(s.start).slice(0, 10), (s) => Number(s.value));
      for (const [date, sum] of hourlySums) if (dailyTotals.has(date) && dailyTotals.get(date) !== sum) disagreeing++;
    }
    assert.ok(disagreeing > 0, 'the sample people include days whose hourly steps do not add up to the daily total');
  });

  it('collapses the three duplicate sleepDay rows, one per person', async () => {
    const expected = [
      ['4388161847', 163, '2016-05-05', 471],
      ['4702921684', 225, '2016-05-07', 520],
      ['8378563200', 382, '2016-04-25', 388],
    ] as const;
    let total = 0;
    for (const [person, line, date, minutes] of expected) {
      const { result, samples } = await importFile(FILES.sleep, { personId: person });
      total += result.duplicates;
      assert.deepEqual(result.skipped, [{ line, reason: 'duplicate row' }]);
      assert.deepEqual(
        samples.filter((s) => s.metric === 'sleep_duration' && s.start === date).map((s) => s.value),
        [minutes],
      );
    }
    assert.equal(total, 3);
  });

  it('finds the 72 not-worn days of all 33 people, and not the 5 zero-step days that were worn a while', async () => {
    const people = [...new Set(daily.map((r) => r.Id ?? ''))];
    assert.equal(people.length, 33);
    let notWorn = 0;
    let zeroSteps = 0;
    for (const person of people) {
      const { result, samples } = await importFile(FILES.daily, { personId: person });
      notWorn += result.notWornDays.length;
      zeroSteps += samples.filter((s) => s.metric === 'steps' && s.value === 0).length;
    }
    assert.equal(notWorn, 72);
    assert.equal(zeroSteps, 77);
  });

  it('refuses each multi-person file without a chosen person, naming everyone in it', async () => {
    const counts = { [FILES.daily]: 33, [FILES.hourlySteps]: 33, [FILES.hourlyCalories]: 33, [FILES.sleep]: 24, [FILES.weight]: 8 };
    for (const [file, count] of Object.entries(counts)) {
      let yielded = 0;
      await assert.rejects(
        (async () => {
          const result = await importFitbit(createReadStream(path.join(dataDir, file)));
          for await (const batch of result.samples) yielded += batch.length;
        })(),
        (error: unknown) =>
          error instanceof FileImportError &&
          error.refusal === 'several_people' &&
          (error.details?.people as string[]).length === count &&
          error.message.includes(`holds ${count} people`) &&
          error.message.includes('1503960366'),
      );
      assert.equal(yielded, 0, `${file}: nothing leaves before the refusal`);
    }
  });
});
