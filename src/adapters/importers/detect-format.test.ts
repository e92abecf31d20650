import assert from 'node:assert/strict';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DETECT_FORMAT_BYTES, detectFormat } from './detect-format.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fitabase = path.resolve(repoRoot, '../shared/data/fitabase');

function head(file: string, bytes = DETECT_FORMAT_BYTES): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

const text = (s: string) => Buffer.from(s, 'utf8');

const APPLE_XML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
]>
<HealthData locale="en_US">
 <ExportDate value="2024-03-10 07:12:44 -0800"/>`;

describe('detectFormat', () => {
  it('knows an Apple Health export: a zip, or XML with HealthData', () => {
    assert.equal(detectFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00])), 'apple-health');
    assert.equal(detectFormat(text(APPLE_XML)), 'apple-health');
    assert.equal(detectFormat(text(`\ufeff${APPLE_XML}`)), 'apple-health');
    assert.equal(detectFormat(text('<HealthData locale="en_US">\n<Record type="x"/>')), 'apple-health');
  });

  it('refuses other XML, JSON and binary content', () => {
    assert.equal(detectFormat(text('<?xml version="1.0"?>\n<gpx version="1.1"><trk/></gpx>')), undefined);
    assert.equal(detectFormat(text('<!DOCTYPE html><html></html>'), 'export.xml'), undefined);
    assert.equal(detectFormat(text('{"activities-steps":[{"dateTime":"2016-04-12","value":"13162"}]}'), 'steps.csv'), undefined);
    assert.equal(detectFormat(text('[{"date":"2024-01-01"}]')), undefined);
    assert.equal(detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), undefined, 'a PNG');
    assert.equal(detectFormat(Buffer.from([0x50, 0x4b, 0x4c, 0x4d])), undefined, 'PK but not a zip header');
    assert.equal(detectFormat(Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 7) % 32))), undefined, 'control characters');
  });

  it('knows a Fitbit file by its columns, not its name', () => {
    const headers = [
      'Id,ActivityDate,TotalSteps,TotalDistance,TrackerDistance,LoggedActivitiesDistance,VeryActiveDistance,ModeratelyActiveDistance,LightActiveDistance,SedentaryActiveDistance,VeryActiveMinutes,FairlyActiveMinutes,LightlyActiveMinutes,SedentaryMinutes,Calories',
      'Id,ActivityHour,StepTotal,Week_Day',
      'Id,ActivityHour,Calories',
      'Id,SleepDay,TotalSleepRecords,TotalMinutesAsleep,TotalTimeInBed',
      'Id,Date,WeightKg,WeightPounds,Fat,BMI,IsManualReport,LogId',
      'id;activityhour;steptotal',
    ];
    for (const header of headers) assert.equal(detectFormat(text(`${header}\r\n1,2,3\r\n`), 'data.csv'), 'fitbit', header);
    assert.equal(detectFormat(text('Id,ActivityHour,StepTotal,Calories\n')), 'fitbit', 'the importer then says why it cannot read it');
  });

  it('still knows a Fitbit header cut short by the bytes given', () => {
    assert.equal(detectFormat(text('Id,SleepDay,TotalSleepRecords,TotalMinutesAsleep,TotalTimeInBed,Ext')), 'fitbit');
  });

  it('takes other delimited text as a generic CSV', () => {
    assert.equal(detectFormat(text('date,weight,steps,sleep,calories,protein\n2024-03-01,72.5,8012,7.5,2100,120\n')), 'csv');
    assert.equal(detectFormat(text('Datum;Gewicht\n01.03.2024;72,5\n')), 'csv');
    assert.equal(detectFormat(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date\tweight\n2024-01-01\t70\n', 'utf16le')])), 'csv');
    assert.equal(detectFormat(text('just one column\nvalue\n')), undefined);
  });

  it('uses the name only when the bytes cannot tell', () => {
    assert.equal(detectFormat(Buffer.alloc(0), 'export.zip'), 'apple-health');
    assert.equal(detectFormat(Buffer.alloc(0), 'weights.CSV'), 'csv');
    assert.equal(detectFormat(Buffer.alloc(0)), undefined);
    assert.equal(detectFormat(text('<?xml version="1.0" encoding="UTF-8"?>\n'), 'apple_health_export/export.xml'), 'apple-health');
    assert.equal(detectFormat(text('<?xml version="1.0" encoding="UTF-8"?>\n'), 'track.xml'), undefined);
    assert.equal(detectFormat(text('date,weight\n2024-01-01,70\n'), 'export.zip'), 'csv', 'the bytes win over the name');
  });

  it('detects the Apple Health fixture and the real Fitabase files', { skip: existsSync(fitabase) ? false : `${fitabase} is absent` }, () => {
    const fixture = path.resolve(repoRoot, 'test/fixtures/apple-health/export.xml');
    if (existsSync(fixture)) assert.equal(detectFormat(head(fixture, 4096)), 'apple-health');
    for (const file of ['dailyActivity_merged.csv', 'hourlySteps_merged.csv', 'hourlyCalories_merged.csv', 'sleepDay_merged.csv', 'weightLogInfo_merged.csv']) {
      assert.equal(detectFormat(head(path.join(fitabase, file), 4096)), 'fitbit', file);
    }
  });
});
