import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { importAppleHealth } from './import-apple-health.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const steps = (minute: number) =>
  `<Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="2024-03-09 08:${String(minute).padStart(2, '0')}:00 -0800" endDate="2024-03-09 08:${String(minute).padStart(2, '0')}:30 -0800" value="10"/>`;

function hrvWithBeats(count: number): string {
  const beats = Array.from({ length: count }, (_, i) => `<InstantaneousBeatsPerMinute bpm="60" time="11:14:${String(i % 60).padStart(2, '0')}.00 PM"/>`);
  return `<Record type="HKQuantityTypeIdentifierHeartRateVariabilitySDNN" sourceName="Watch" unit="ms" startDate="2024-03-09 23:14:00 -0800" endDate="2024-03-09 23:15:00 -0800" value="48"><HeartRateVariabilityMetadataList>${beats.join('')}</HeartRateVariabilityMetadataList></Record>`;
}

async function exportOf(records: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-apple-batches-'));
  dirs.push(dir);
  const file = path.join(dir, 'export.xml');
  await writeFile(file, `<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_US">\n<ExportDate value="2024-03-12 10:00:00 -0700"/>\n${records.join('\n')}\n</HealthData>\n`);
  return file;
}

async function batchMetrics(file: string, batchSize: number): Promise<string[][]> {
  const opened = importAppleHealth(file, { batchSize });
  const batches: string[][] = [];
  for await (const batch of opened.samples) batches.push(batch.map((sample) => sample.metric));
  return batches;
}

describe('Apple Health import batches', () => {
  it('hold at most batchSize samples', async () => {
    const file = await exportOf([steps(0), steps(1), steps(2), steps(3), steps(4)]);
    assert.deepEqual((await batchMetrics(file, 2)).map((batch) => batch.length), [2, 2, 1]);
  });

  it('count an HRV reading with its beat series, so readings with long series come in smaller batches', async () => {
    const file = await exportOf([steps(0), steps(1), hrvWithBeats(40), steps(2), steps(3), steps(4)]);
    assert.deepEqual(await batchMetrics(file, 5), [['steps', 'steps', 'hrv_sdnn'], ['steps', 'steps', 'steps']]);
  });
});
