import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { normalizeSample, type RawSample } from '../../../domain/ingest/index.ts';
import { FileImportError } from '../csv/errors.ts';
import { importFitbit, type FitbitImportOptions, type FitbitImportResult } from './import-fitbit.ts';

const DAILY_HEADER =
  'Id,ActivityDate,TotalSteps,TotalDistance,TrackerDistance,LoggedActivitiesDistance,VeryActiveDistance,ModeratelyActiveDistance,LightActiveDistance,SedentaryActiveDistance,VeryActiveMinutes,FairlyActiveMinutes,LightlyActiveMinutes,SedentaryMinutes,Calories';

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function run(text: string, options: FitbitImportOptions = {}): Promise<{ result: FitbitImportResult; samples: RawSample[]; batches: number }> {
  // Small chunks: records cross chunk boundaries everywhere.
  const bytes = Buffer.from(text, 'utf8');
  const chunks = Array.from({ length: Math.ceil(bytes.length / 11) }, (_, i) => bytes.subarray(i * 11, i * 11 + 11));
  const result = await importFitbit(Readable.from(chunks), options);
  const samples: RawSample[] = [];
  let batches = 0;
  for await (const batch of result.samples) {
    batches++;
    samples.push(...batch);
  }
  return { result, samples, batches };
}

async function refused(text: string, options: FitbitImportOptions = {}): Promise<{ error: FileImportError; yielded: number }> {
  let yielded = 0;
  try {
    const result = await importFitbit(Readable.from([Buffer.from(text)]), options);
    for await (const batch of result.samples) yielded += batch.length;
  } catch (error) {
    assert.ok(error instanceof FileImportError, String(error));
    return { error, yielded };
  }
  assert.fail('the file was not refused');
}

const brief = (s: RawSample) => `${s.metric} ${s.value} ${s.unit} @${s.start}${s.end ? `..${s.end}` : ''}${s.notWorn ? ' notWorn' : ''}`;

describe('Fitbit import: dailyActivity', () => {
  it('gives steps, distance, energy and exercise minutes as whole-day samples', async () => {
    const { result, samples } = await run(
      csv(DAILY_HEADER, '1503960366,4/12/16,13162,8.5,8.5,0,1.879999995,0.550000012,6.059999943,0,25,13,328,728,1985'),
    );
    assert.equal(result.kind, 'dailyActivity');
    assert.deepEqual(samples.map(brief), ['steps 13162 {steps} @2016-04-12', 'distance 8.5 km @2016-04-12', 'total_energy 1985 kcal @2016-04-12', 'exercise_minutes 38 min @2016-04-12']);
    assert.ok(samples.every((s) => s.source === 'fitbit' && s.externalId === '1503960366:dailyActivity:2016-04-12'));
    assert.deepEqual(
      result.ignoredColumns.map((c) => c.column),
      ['TrackerDistance', 'LoggedActivitiesDistance', 'VeryActiveDistance', 'ModeratelyActiveDistance', 'LightActiveDistance', 'SedentaryActiveDistance', 'LightlyActiveMinutes'],
    );
    for (const sample of samples) {
      const normalized = normalizeSample(sample, { timeZone: 'America/Chicago' });
      assert.ok(normalized.ok, JSON.stringify(normalized));
      assert.equal(normalized.sample.localDate, '2016-04-12');
      assert.equal(normalized.sample.wholeDay, true);
    }
  });

  it('flags a day of 0 steps and 1,440 sedentary minutes as not worn, and only such a day', async () => {
    const { result, samples } = await run(
      csv(
        DAILY_HEADER,
        '1927972279,4/30/16,0,0,0,0,0,0,0,0,0,0,0,1440,2220',
        '1927972279,5/12/16,0,0,0,0,0,0,0,0,0,0,0,966,1383',
        '1927972279,5/1/16,12,0.01,0.01,0,0,0,0.01,0,0,0,1,1439,2230',
      ),
    );
    assert.deepEqual(samples.filter((s) => s.notWorn).map(brief), [
      'steps 0 {steps} @2016-04-30 notWorn',
      'distance 0 km @2016-04-30 notWorn',
      'total_energy 2220 kcal @2016-04-30 notWorn',
      'exercise_minutes 0 min @2016-04-30 notWorn',
    ]);
    assert.equal(samples.length, 12, 'a not-worn day stays visible');
    assert.deepEqual(result.notWornDays, ['2016-04-30']);
    const normalized = normalizeSample(samples[0], { timeZone: 'UTC' });
    assert.ok(normalized.ok && normalized.sample.notWorn === true);
  });

  it('reports a bad cell with its line and keeps the rest of the row; a bad date loses the row', async () => {
    const { result, samples } = await run(
      csv(
        DAILY_HEADER,
        '1,4/12/16,abc,8.5,8.5,0,0,0,0,0,25,13,328,728,1985',
        '1,4/13/16,100,-1,0,0,0,0,0,0,,13,328,728,1985',
        '1,13/45/16,100,1,0,0,0,0,0,0,1,1,1,1,1',
        '1,4/15/2016 3:00,100,1,0,0,0,0,0,0,1,1,1,1,1',
        ',4/16/16,100,1,0,0,0,0,0,0,1,1,1,1,1',
      ),
    );
    assert.deepEqual(samples.map(brief), [
      'distance 8.5 km @2016-04-12',
      'total_energy 1985 kcal @2016-04-12',
      'exercise_minutes 38 min @2016-04-12',
      'steps 100 {steps} @2016-04-13',
      'total_energy 1985 kcal @2016-04-13',
    ]);
    assert.deepEqual(result.skipped, [
      { line: 2, reason: "TotalSteps 'abc' is not a number" },
      { line: 3, reason: 'TotalDistance -1 is negative' },
      { line: 3, reason: 'VeryActiveMinutes is empty' },
      { line: 4, reason: "ActivityDate: no such date: '13/45/16'" },
      { line: 5, reason: "ActivityDate '4/15/2016 3:00' is not a date (a time of day other than midnight)" },
      { line: 6, reason: 'Id is empty' },
    ]);
    assert.equal(result.skippedCount, 6);
    assert.equal(result.rowsRead, 5);
  });
});

describe('Fitbit import: hourly files', () => {
  it('reads hourlySteps with its extra Week_Day column as hour-long local intervals', async () => {
    const { result, samples } = await run(csv('Id,ActivityHour,StepTotal,Week_Day', '1,4/12/2016 0:00,373,3', '1,4/12/2016 13:00,0,3', '1,4/12/2016 23:00,12,3'));
    assert.equal(result.kind, 'hourlySteps');
    assert.deepEqual(samples.map(brief), [
      'steps 373 {steps} @2016-04-12T00:00:00..2016-04-12T01:00:00',
      'steps 0 {steps} @2016-04-12T13:00:00..2016-04-12T14:00:00',
      'steps 12 {steps} @2016-04-12T23:00:00..2016-04-13T00:00:00',
    ]);
    assert.deepEqual(
      samples.map((s) => s.externalId),
      ['1:hourlySteps:2016-04-12T00:00:00', '1:hourlySteps:2016-04-12T13:00:00', '1:hourlySteps:2016-04-12T23:00:00'],
    );
    assert.deepEqual(result.ignoredColumns, [{ column: 'Week_Day', reason: 'not imported from hourlySteps' }]);
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      for (const sample of samples) {
        const normalized = normalizeSample(sample, { timeZone: zone });
        assert.ok(normalized.ok, JSON.stringify(normalized));
        assert.equal(normalized.sample.localDate, '2016-04-12', `${zone}: local time stays on its date`);
      }
    }
  });

  it('reads hourlyCalories with two-digit years, the 12-hour clock and a bare date as midnight', async () => {
    const { result, samples } = await run(csv('Id,ActivityHour,Calories', '1,4/12/16 0:00,81', '1,4/12/2016 1:00:00 PM,61', '1,4/13/2016,70', '1,4/12/2016,5'));
    assert.equal(result.kind, 'hourlyCalories');
    assert.deepEqual(samples.map(brief), [
      'total_energy 81 kcal @2016-04-12T00:00:00..2016-04-12T01:00:00',
      'total_energy 61 kcal @2016-04-12T13:00:00..2016-04-12T14:00:00',
      'total_energy 70 kcal @2016-04-13T00:00:00..2016-04-13T01:00:00',
    ]);
    assert.deepEqual(result.skipped, [{ line: 5, reason: 'another row for the same ActivityHour (line 2) has different values; kept line 2' }]);
    assert.equal(result.duplicates, 0);
  });

  it('refuses an hour that is not on the hour', async () => {
    const { result, samples } = await run(csv('Id,ActivityHour,StepTotal', '1,4/12/2016 0:30,5'));
    assert.equal(samples.length, 0);
    assert.deepEqual(result.skipped, [{ line: 2, reason: "ActivityHour '4/12/2016 0:30' is not on the hour" }]);
  });

  it("flags the hours of a dailyActivity import's not-worn days", async () => {
    const daily = await run(csv(DAILY_HEADER, '7,4/30/16,0,0,0,0,0,0,0,0,0,0,0,1440,2220', '7,5/1/16,10,0,0,0,0,0,0,0,0,0,0,1430,2220'));
    const { samples } = await run(csv('Id,ActivityHour,StepTotal', '7,4/30/2016 5:00,0', '7,5/1/2016 5:00,10'), { notWornDays: daily.result.notWornDays });
    assert.deepEqual(samples.map(brief), ['steps 0 {steps} @2016-04-30T05:00:00..2016-04-30T06:00:00 notWorn', 'steps 10 {steps} @2016-05-01T05:00:00..2016-05-01T06:00:00']);
  });
});

describe('Fitbit import: sleepDay and weightLogInfo', () => {
  it('gives the night’s minutes asleep and in bed on its date, collapsing exact duplicate rows', async () => {
    const { result, samples } = await run(
      csv(
        'Id,SleepDay,TotalSleepRecords,TotalMinutesAsleep,TotalTimeInBed',
        '4388161847,5/4/2016 12:00:00 AM,1,400,420',
        '4388161847,5/5/2016 12:00:00 AM,1,471,495',
        '4388161847,5/5/2016 12:00:00 AM,1,471,495',
        '4388161847,5/6/2016 12:00:00 AM,1,300,330',
        '4388161847,5/6/2016 12:00:00 AM,2,310,330',
      ),
    );
    assert.equal(result.kind, 'sleepDay');
    assert.deepEqual(samples.map(brief), [
      'sleep_duration 400 min @2016-05-04',
      'time_in_bed 420 min @2016-05-04',
      'sleep_duration 471 min @2016-05-05',
      'time_in_bed 495 min @2016-05-05',
      'sleep_duration 300 min @2016-05-06',
      'time_in_bed 330 min @2016-05-06',
    ]);
    assert.equal(result.duplicates, 1);
    assert.deepEqual(result.skipped, [
      { line: 4, reason: 'duplicate row' },
      { line: 6, reason: 'another row for the same SleepDay (line 5) has different values; kept line 5' },
    ]);
    assert.equal(result.skippedCount, 2);
    for (const sample of samples) {
      const normalized = normalizeSample(sample, { timeZone: 'Asia/Tokyo' });
      assert.ok(normalized.ok, JSON.stringify(normalized));
      assert.equal(normalized.sample.localDate, sample.start, 'the night stays on the date Fitbit gives it');
    }
  });

  it('gives weight, body fat when present and BMI, keeping LogId as the external id', async () => {
    const header = 'Id,Date,WeightKg,WeightPounds,Fat,BMI,IsManualReport,LogId';
    const { result, samples } = await run(
      csv(header, '1503960366,5/2/2016 11:59:59 PM,52.5999984741211,115.963146545323,22,22.6499996185303,True,1462233599000', '1503960366,5/3/2016 11:59:59 PM,52.5999984741211,115.963146545323,,22.6499996185303,TRUE,1462319999000'),
    );
    assert.equal(result.kind, 'weightLogInfo');
    const at = { start: '2016-05-02T23:59:59', source: 'fitbit', externalId: '1462233599000', device: 'manual entry', line: 2 };
    assert.deepEqual(samples.slice(0, 3), [
      { metric: 'weight', value: 52.5999984741211, unit: 'kg', ...at },
      { metric: 'body_fat', value: 22, unit: '%', ...at },
      { metric: 'bmi', value: 22.6499996185303, unit: 'kg/m2', ...at },
    ]);
    assert.deepEqual(samples.slice(3).map(brief), ['weight 52.5999984741211 kg @2016-05-03T23:59:59', 'bmi 22.6499996185303 kg/m2 @2016-05-03T23:59:59'], 'an empty Fat is no sample');
    assert.equal(result.skippedCount, 0);
    assert.deepEqual(result.ignoredColumns, [], 'every column is read (WeightPounds when WeightKg is empty)');
    for (const sample of samples) assert.ok(normalizeSample(sample, { timeZone: 'UTC' }).ok);
  });

  it('reads pounds when WeightKg is empty, False as not manual, and reports an unreadable flag', async () => {
    const header = 'Id,Date,WeightKg,WeightPounds,Fat,BMI,IsManualReport,LogId';
    const { result, samples } = await run(csv(header, '2,4/14/2016 7:00:00 AM,,200,,,False,1460617200000', '2,4/15/2016 7:00:00 AM,80,,,,maybe,', '2,4/16/2016,,,,25,true,9'));
    assert.deepEqual(samples, [
      { metric: 'weight', value: 200, unit: '[lb_av]', start: '2016-04-14T07:00:00', source: 'fitbit', externalId: '1460617200000', line: 2 },
      { metric: 'weight', value: 80, unit: 'kg', start: '2016-04-15T07:00:00', source: 'fitbit', externalId: '2:weightLogInfo:2016-04-15T07:00:00', line: 3 },
      { metric: 'bmi', value: 25, unit: 'kg/m2', start: '2016-04-16', source: 'fitbit', externalId: '9', device: 'manual entry', line: 4 },
    ]);
    assert.deepEqual(result.skipped, [
      { line: 3, reason: "IsManualReport 'maybe' is not true or false" },
      { line: 4, reason: 'no weight: WeightKg and WeightPounds are empty' },
    ]);
    const pounds = normalizeSample(samples[0], { timeZone: 'UTC' });
    assert.ok(pounds.ok);
    assert.equal(Math.round(pounds.sample.value * 1000) / 1000, 90.718);
  });
});

describe('Fitbit import: which file, whose rows', () => {
  it('knows a file by its columns, whatever their case, order, extra or empty columns', async () => {
    const { result, samples } = await run(
      csv('  stepTotal ,,ACTIVITYHOUR,id,Week_Day,', '5,,4/12/2016 1:00,42,3,', '6,,4/12/2016 2:00,42,3,'),
    );
    assert.equal(result.kind, 'hourlySteps');
    assert.deepEqual(samples.map(brief), ['steps 5 {steps} @2016-04-12T01:00:00..2016-04-12T02:00:00', 'steps 6 {steps} @2016-04-12T02:00:00..2016-04-12T03:00:00']);
    assert.deepEqual(
      result.ignoredColumns.map((c) => c.column),
      ['(unnamed column)', 'Week_Day', '(unnamed column)'],
    );
    assert.equal(result.personId, '42');
    assert.deepEqual(result.people, ['42']);
  });

  it('reads a file with a byte order mark', async () => {
    const { result, samples } = await run(`\ufeff${csv('Id,ActivityHour,StepTotal', '1,4/12/2016 0:00,5')}`);
    assert.equal(result.kind, 'hourlySteps');
    assert.equal(samples.length, 1);
  });

  it('refuses a file that is none of the five shapes, saying what it expected', async () => {
    const { error } = await refused(csv('Id,ActivityHour,TotalIntensity,AverageIntensity', '1,4/12/2016 0:00,20,0.33'));
    assert.equal(error.refusal, 'unknown_shape');
    assert.equal(error.code, 'unsupported_media_type');
    assert.match(error.message, /Columns found: Id, ActivityHour, TotalIntensity, AverageIntensity/);
    assert.match(error.message, /hourlySteps \(Id, ActivityHour, StepTotal\)/);
    assert.match(error.message, /weightLogInfo \(Id, Date, WeightKg or WeightPounds\)/);
    const merged = await refused(csv('Id,ActivityHour,StepTotal,Calories', '1,4/12/2016 0:00,20,80'));
    assert.match(merged.error.message, /fits several Fitbit files \(hourlySteps, hourlyCalories\)/);
    assert.equal((await refused('date,weight\n2024-01-01,70\n')).error.refusal, 'unknown_shape');
    assert.equal((await refused('')).error.refusal, 'empty');
  });

  it('refuses a file of several people when none is chosen, naming them, before yielding anything', async () => {
    const text = csv('Id,ActivityHour,StepTotal', '111,4/12/2016 0:00,5', '111,4/12/2016 1:00,6', '222,4/12/2016 0:00,7', '333,4/12/2016 0:00,8', '111,4/12/2016 2:00,9');
    const { error, yielded } = await refused(text, { batchSize: 1 });
    assert.equal(yielded, 0);
    assert.equal(error.refusal, 'several_people');
    assert.equal(error.message, 'this Fitbit file holds 3 people (Id 111, 222, 333): choose one with personId');
    assert.deepEqual(error.details?.people, ['111', '222', '333']);
  });

  it("imports the chosen person's rows only, listing everyone", async () => {
    const text = csv('Id,ActivityHour,StepTotal', '111,4/12/2016 0:00,5', '222,4/12/2016 0:00,7', '222,bad date,1', '111,4/12/2016 1:00,6');
    const { result, samples } = await run(text, { personId: '222' });
    assert.deepEqual(samples.map(brief), ['steps 7 {steps} @2016-04-12T00:00:00..2016-04-12T01:00:00']);
    assert.ok(samples.every((s) => String(s.externalId).startsWith('222:')));
    assert.deepEqual(result.people, ['111', '222']);
    assert.equal(result.personId, '222');
    assert.equal(result.otherPeopleRows, 2);
    assert.deepEqual(result.skipped, [{ line: 4, reason: "ActivityHour: 'bad date' is not a date" }]);
    const missing = await refused(text, { personId: '999' });
    assert.equal(missing.error.refusal, 'person_not_found');
    assert.match(missing.error.message, /no row of this file has Id 999; it holds 111, 222/);
  });

  it('refuses to hold more than maxHeldSamples without a chosen person, and streams once one is chosen', async () => {
    const rows = Array.from({ length: 30 }, (_, h) => `1,4/${12 + Math.floor(h / 24)}/2016 ${h % 24}:00,${h}`);
    const text = csv('Id,ActivityHour,StepTotal', ...rows);
    const held = await refused(text, { batchSize: 5, maxHeldSamples: 10 });
    assert.equal(held.error.refusal, 'too_many_held');
    assert.equal(held.yielded, 0);
    assert.match(held.error.message, /choose the person \(personId\)/);
    const { samples, batches } = await run(text, { batchSize: 5, maxHeldSamples: 10, personId: '1' });
    assert.equal(samples.length, 30);
    assert.equal(batches, 6);
  });

  it('gives the same samples on a second import of the same file (stable external ids)', async () => {
    const text = csv(DAILY_HEADER, '1,4/12/16,100,1,1,0,0,0,0,0,1,2,3,4,5');
    const first = await run(text);
    const second = await run(text);
    assert.deepEqual(first.samples, second.samples);
  });
});
