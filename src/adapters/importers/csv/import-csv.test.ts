import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { normalizeSample, type RawSample } from '../../../domain/ingest/index.ts';
import { FileImportError } from './errors.ts';
import { importCsv, type CsvImportOptions, type CsvImportResult } from './import-csv.ts';

const stream = (text: string | Buffer, chunkSize = 7): Readable => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks);
};

async function run(text: string, options: CsvImportOptions = {}): Promise<{ result: CsvImportResult; samples: RawSample[]; batches: number[] }> {
  const result = await importCsv(stream(text), options);
  const samples: RawSample[] = [];
  const batches: number[] = [];
  for await (const batch of result.samples) {
    batches.push(batch.length);
    samples.push(...batch);
  }
  return { result, samples, batches };
}

const brief = (s: RawSample) => `${s.metric} ${s.value} ${s.unit} @${s.start}`;

async function refusal(text: string, options: CsvImportOptions = {}): Promise<FileImportError> {
  try {
    await run(text, options);
  } catch (error) {
    assert.ok(error instanceof FileImportError, String(error));
    return error;
  }
  assert.fail('the file was not refused');
}

describe('generic CSV import', () => {
  it('imports date,weight,steps,sleep,calories,protein by name', async () => {
    const { result, samples } = await run(
      'date,weight,steps,sleep,calories,protein,notes\n' +
        '2024-03-01,72.5,8012,7.5,2100,120,felt good\n' +
        '2024-03-02,72.1,10455,6.75,1950,,\n',
    );
    assert.deepEqual(samples.map(brief), [
      'weight 72.5 kg @2024-03-01',
      'steps 8012 {steps} @2024-03-01',
      'sleep_duration 7.5 h @2024-03-01',
      'dietary_energy 2100 kcal @2024-03-01',
      'dietary_protein 120 g @2024-03-01',
      'weight 72.1 kg @2024-03-02',
      'steps 10455 {steps} @2024-03-02',
      'sleep_duration 6.75 h @2024-03-02',
      'dietary_energy 1950 kcal @2024-03-02',
    ]);
    assert.ok(samples.every((s) => s.source === 'csv' && s.externalId === undefined));
    assert.deepEqual(result.ignoredColumns, [{ column: 'notes', reason: 'no metric by this name' }]);
    assert.deepEqual(result.columns, [
      { column: 'weight', metric: 'weight', unit: 'kg' },
      { column: 'steps', metric: 'steps', unit: '{steps}' },
      { column: 'sleep', metric: 'sleep_duration', unit: 'h' },
      { column: 'calories', metric: 'dietary_energy', unit: 'kcal' },
      { column: 'protein', metric: 'dietary_protein', unit: 'g' },
    ]);
    assert.equal(result.dateColumn, 'date');
    assert.equal(result.skippedCount, 0, 'the empty protein cell is skipped silently');
    assert.deepEqual(result.counts, { weight: 2, steps: 2, sleep_duration: 2, dietary_energy: 2, dietary_protein: 1 });
    assert.equal(result.rowsRead, 2);
  });

  it('gives samples the domain accepts, in the unit it converts', async () => {
    const { samples } = await run('Date,Weight (lb),sleep_min,water_l,resting_hr,mood,hrv_rmssd\n2024-03-01,165,450,1.5,52,7,48\n');
    const canonical = samples.map((s) => {
      const normalized = normalizeSample(s, { timeZone: 'Europe/Berlin' });
      assert.ok(normalized.ok, JSON.stringify(normalized));
      return [normalized.sample.metric, Math.round(normalized.sample.value * 1000) / 1000, normalized.sample.localDate];
    });
    assert.deepEqual(canonical, [
      ['weight', 74.843, '2024-03-01'],
      ['sleep_duration', 450, '2024-03-01'],
      ['dietary_water', 1500, '2024-03-01'],
      ['resting_heart_rate', 52, '2024-03-01'],
      ['mood', 7, '2024-03-01'],
      ['hrv_rmssd', 48, '2024-03-01'],
    ]);
  });

  it('follows an explicit mapping with units', async () => {
    const { result, samples } = await run('Tag;Gewicht;Schritte;Notiz\n01.03.2024;72,5;8000;x\n', {
      dateColumn: 'Tag',
      columns: { Gewicht: { metric: 'weight', unit: 'kg' }, Schritte: { metric: 'steps' } },
    });
    assert.deepEqual(samples.map(brief), ['weight 72.5 kg @2024-03-01', 'steps 8000 {steps} @2024-03-01']);
    assert.equal(result.delimiter, ';');
    assert.deepEqual(result.ignoredColumns, [{ column: 'Notiz', reason: 'no metric by this name' }]);
  });

  it('reports unreadable cells and rows with their line, importing the rest', async () => {
    const { result, samples } = await run(
      [
        'date,weight,steps', // 1
        '2024-03-01,72.5,8000', // 2
        '2024-03-02,heavy,9000', // 3
        '', // 4
        'someday,70,100', // 5
        '2024-02-30,70,100', // 6
        ',71,', // 7
        ',,', // 8
        '2024-03-03,72 min,"1,000"', // 9
        '2024-03-04,"7', // 10: a quote never closed swallows the rest
        '2024-03-05,5',
      ].join('\r\n'),
    );
    assert.deepEqual(samples.map(brief), ['weight 72.5 kg @2024-03-01', 'steps 8000 {steps} @2024-03-01', 'steps 9000 {steps} @2024-03-02']);
    assert.deepEqual(
      result.skipped.map((s) => [s.line, s.reason]),
      [
        [3, "weight: 'heavy' is not a number"],
        [5, "date: 'someday' is not a date"],
        [6, "date: no such date: '2024-02-30'"],
        [7, 'date is empty'],
        [9, result.skipped[4]?.reason ?? ''],
        [9, "steps: '1,000' is not a number (a comma is not a decimal mark in a comma-separated file)"],
        [10, 'a quoted field opened on line 10 is never closed'],
      ],
    );
    assert.match(result.skipped[4]?.reason ?? '', /^weight: '72 min': .*weight/);
    assert.equal(result.skippedCount, 7);
  });

  it('caps the reasons kept but counts them all', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')},x${i}`);
    const { result } = await run(`date,weight\n${rows.join('\n')}\n`, { maxSkippedReasons: 10 });
    assert.equal(result.skipped.length, 10);
    assert.equal(result.skippedCount, 50);
    assert.deepEqual(result.skipped[9], { line: 11, reason: "weight: 'x9' is not a number" });
  });

  it('collapses exact duplicate rows, keeping rows that only share a date', async () => {
    const { result, samples } = await run('date,weight,water_ml\n2024-03-01,72,\n2024-03-01,,250\n2024-03-01,72,\n2024-03-01,72\n2024-03-02,71,\n');
    assert.deepEqual(samples.map(brief), ['weight 72 kg @2024-03-01', 'dietary_water 250 mL @2024-03-01', 'weight 71 kg @2024-03-02']);
    assert.equal(result.duplicates, 2, 'a row differing only by a trailing empty cell is the same row');
    assert.deepEqual(result.skipped, [
      { line: 4, reason: 'duplicate row' },
      { line: 5, reason: 'duplicate row' },
    ]);
  });

  it('reads sleep by the header hint, else as hours up to 24', async () => {
    const { result, samples } = await run('date,sleep\n2024-03-01,7.5\n2024-03-02,450\n2024-03-03,7:45\n');
    assert.deepEqual(samples.map(brief), ['sleep_duration 7.5 h @2024-03-01', 'sleep_duration 465 min @2024-03-03']);
    assert.equal(result.skipped[0]?.line, 3);
    assert.match(result.skipped[0]?.reason ?? '', /^sleep: 450 has no unit and is more than 24/);
    const minutes = await run('date,sleep_minutes\n2024-03-01,450\n');
    assert.deepEqual(minutes.samples.map(brief), ['sleep_duration 450 min @2024-03-01']);
  });

  it('reads times: a date-time column, a separate time column, offsets', async () => {
    const { samples } = await run('timestamp,heart_rate\n2024-03-01 07:30,61\n2024-03-01T08:00:00+01:00,65\n');
    assert.deepEqual(samples.map(brief), ['heart_rate 61 /min @2024-03-01T07:30:00', 'heart_rate 65 /min @2024-03-01T08:00:00+01:00']);
    const split = await run('date,time,systolic,diastolic\n2024-03-01,7:05 AM,121,79\n2024-03-02,,118,77\n');
    assert.deepEqual(split.samples.map(brief), [
      'blood_pressure_systolic 121 mm[Hg] @2024-03-01T07:05:00',
      'blood_pressure_diastolic 79 mm[Hg] @2024-03-01T07:05:00',
      'blood_pressure_systolic 118 mm[Hg] @2024-03-02',
      'blood_pressure_diastolic 77 mm[Hg] @2024-03-02',
    ]);
  });

  it('reads year-last dates in the order given, and refuses them without one', async () => {
    const us = await run('date,weight\n4/12/2016,70\n', { dateFormat: 'mdy' });
    assert.deepEqual(us.samples.map(brief), ['weight 70 kg @2016-04-12']);
    const eu = await run('date,weight\n4/12/2016,70\n', { dateFormat: 'dmy' });
    assert.deepEqual(eu.samples.map(brief), ['weight 70 kg @2016-12-04']);
    const error = await refusal('date,weight\n4/12/2016,70\n');
    assert.equal(error.refusal, 'ambiguous_dates');
    assert.match(error.message, /pass dateFormat 'mdy' or 'dmy'/);
  });

  it('refuses files it cannot read as a table of dated metrics', async () => {
    assert.equal((await refusal('')).refusal, 'empty');
    assert.equal((await refusal('\n\n')).refusal, 'empty');
    assert.equal((await refusal('weight,steps\n70,1000\n')).refusal, 'no_date_column');
    const noMetric = await refusal('date,notes,hrv\n2024-01-01,x,50\n');
    assert.equal(noMetric.refusal, 'no_metric_columns');
    assert.match(noMetric.message, /notes: no metric by this name; hrv: HRV could be RMSSD or SDNN/);
    const fitbit = await refusal('Id,ActivityHour,StepTotal\n1,4/12/2016 0:00,5\n');
    assert.equal(fitbit.refusal, 'no_date_column');
    assert.match(fitbit.message, /This is a Fitbit file/);
    const binary = await refusal('\u0000\u0001\u0002garbage');
    assert.equal(binary.refusal, 'not_text');
    assert.equal(binary.code, 'unsupported_media_type');
  });

  it('streams batches of at most batchSize, and counts progress', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `2024-01-01T${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${60 + (i % 40)}`);
    const text = `time,heart_rate\n${rows.join('\n')}\n`;
    const { result, batches, samples } = await run(text, { batchSize: 500 });
    assert.deepEqual(batches, [500, 500, 200]);
    assert.equal(samples.length, 1200);
    assert.equal(result.bytesRead, Buffer.byteLength(text));
    assert.equal(result.rowsRead, 1200);
    await assert.rejects(importCsv(stream(text), { batchSize: 5001 }), RangeError);
  });

  it('takes source and device from the options', async () => {
    const { samples } = await run('date,weight\n2024-01-01,70\n', { source: 'myfitnesspal', device: 'Withings Body+' });
    assert.deepEqual(samples[0], { metric: 'weight', value: 70, unit: 'kg', start: '2024-01-01', source: 'myfitnesspal', device: 'Withings Body+', line: 2 });
  });

  it('closes the input when the caller stops early', async () => {
    const input = stream(`date,steps\n${Array.from({ length: 100 }, (_, i) => `2024-01-01T00:${String(i % 60).padStart(2, '0')},${i}`).join('\n')}`, 16);
    const result = await importCsv(input, { batchSize: 1 });
    for await (const batch of result.samples) {
      assert.equal(batch.length, 1);
      break;
    }
    assert.equal(input.destroyed, true);
    const unread = stream('date,steps\n2024-01-01,5\n');
    await (await importCsv(unread)).close();
    assert.equal(unread.destroyed, true);
  });
});
