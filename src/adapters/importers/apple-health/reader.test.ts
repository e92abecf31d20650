// Fixtures in test/fixtures/apple-health/: export.xml (every element the reader knows),
// bad-records.xml (one broken record after another, between good ones), and zips made once with
// the `zip` command from export.xml:
//   export.zip          apple_health_export/{export.xml, export_cda.xml, workout-routes/route_….gpx}
//   export-renamed.zip  "Health Export 2024-03-12/Export.XML" plus a __MACOSX/…/export.xml decoy
//   not-an-export.zip   photos/readme.txt
// After editing export.xml, rebuild the zips the same way (the zip tests compare with export.xml).
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  AppleHealthExportError,
  AppleHealthScanner,
  MAX_ELEMENT_BYTES,
  readAppleHealthExport,
  type AppleHealthCorrelation,
  type AppleHealthInput,
  type AppleHealthRecord,
  type AppleHealthSample,
  type AppleHealthSkippedRecord,
  type AppleHealthWorkout,
  type ReadAppleHealthOptions,
} from './index.ts';
import { activitySummary } from './testing/records.ts';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/apple-health/', import.meta.url));
const fixture = (name: string): string => path.join(fixtures, name);
let scratch = '';
before(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'vitalis-apple-health-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

async function readAll(input: AppleHealthInput, options: ReadAppleHealthOptions = {}): Promise<{ records: AppleHealthRecord[]; skipped: AppleHealthSkippedRecord[] }> {
  const records: AppleHealthRecord[] = [];
  const skipped: AppleHealthSkippedRecord[] = [];
  for await (const batch of readAppleHealthExport(input, options)) {
    records.push(...batch.records);
    skipped.push(...batch.skipped);
  }
  return { records, skipped };
}

/** The scanner fed `chunk` bytes at a time. */
function scanInChunks(bytes: Buffer, chunk: number): { records: AppleHealthRecord[]; skipped: AppleHealthSkippedRecord[] } {
  const scanner = new AppleHealthScanner();
  const records: AppleHealthRecord[] = [];
  const skipped: AppleHealthSkippedRecord[] = [];
  const drain = (): void => {
    const taken = scanner.take();
    records.push(...taken.records);
    skipped.push(...taken.skipped);
  };
  for (let at = 0; at < bytes.length; at += chunk) {
    scanner.push(bytes.subarray(at, at + chunk));
    drain();
  }
  scanner.finish();
  drain();
  return { records, skipped };
}

const samples = (records: AppleHealthRecord[], type: string): AppleHealthSample[] =>
  records.filter((r): r is AppleHealthSample => r.kind === 'sample' && r.type === type);

async function refusal(input: AppleHealthInput): Promise<AppleHealthExportError> {
  try {
    await readAll(input);
  } catch (error) {
    assert.ok(error instanceof AppleHealthExportError, `expected AppleHealthExportError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the export to be refused');
}

describe('Apple Health export.xml', () => {
  it('reads every kind of element, numbered in document order', async () => {
    const { records, skipped } = await readAll(fixture('export.xml'));
    assert.deepEqual(skipped, []);
    assert.deepEqual(records.map((r) => r.ordinal), Array.from({ length: 40 }, (_, i) => i + 1));
    const kinds = new Map<string, number>();
    for (const r of records) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(kinds), { exportDate: 1, me: 1, sample: 30, correlation: 1, workout: 4, activitySummary: 2, other: 1 });
    assert.equal(samples(records, 'ignored').length, 0, 'markup inside a comment is not a record');
  });

  it('reads export date, characteristics and other elements', async () => {
    const { records } = await readAll(fixture('export.xml'));
    assert.deepEqual(records[0], { kind: 'exportDate', ordinal: 1, value: { instant: '2024-03-12T16:15:02.000Z', epochMs: Date.UTC(2024, 2, 12, 16, 15, 2), offsetMinutes: -420 } });
    const me = records[1];
    assert.ok(me?.kind === 'me');
    assert.equal(me.dateOfBirth, '1988-04-02');
    assert.equal(me.biologicalSex, 'HKBiologicalSexFemale');
    assert.equal(me.attributes.HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse, 'None');
    const clinical = records.find((r) => r.kind === 'other');
    assert.ok(clinical?.kind === 'other');
    assert.equal(clinical.element, 'ClinicalRecord');
    assert.equal(clinical.attributes.resourceFilePath, '/clinical-records/Observation-ab12.json');
  });

  it('reads a heart-rate sample with its metadata, dates and address-free device', async () => {
    const { records } = await readAll(fixture('export.xml'));
    const [first, second] = samples(records, 'HKQuantityTypeIdentifierHeartRate');
    assert.ok(first && second);
    assert.equal(first.value, '72');
    assert.equal(first.numericValue, 72);
    assert.equal(first.unit, 'count/min');
    assert.equal(first.sourceName, 'Jane’s Apple Watch');
    assert.equal(first.sourceVersion, '10.3');
    assert.deepEqual(first.startDate, { instant: '2024-03-09T15:12:44.000Z', epochMs: Date.UTC(2024, 2, 9, 15, 12, 44), offsetMinutes: -480 });
    assert.equal(first.creationDate?.instant, '2024-03-09T15:14:02.000Z');
    assert.deepEqual(first.metadata, [{ key: 'HKMetadataKeyHeartRateMotionContext', value: '0' }]);
    assert.equal(first.device?.text, 'name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.3');
    assert.equal(first.device?.hardware, 'Watch6,1');
    assert.deepEqual(second.device, first.device, 'one watch, printed at two addresses');
    assert.doesNotMatch(JSON.stringify(records), /0x[0-9a-f]{6,}/, 'no memory address anywhere');
    assert.equal(second.numericValue, 75.5);
  });

  it('keeps the overlapping iPhone and Apple Watch steps as they are, source by source', async () => {
    const { records } = await readAll(fixture('export.xml'));
    const morning = samples(records, 'HKQuantityTypeIdentifierStepCount').filter((s) => s.startDate.instant.startsWith('2024-03-09T16'));
    assert.deepEqual(
      morning.map((s) => [s.sourceName, s.device?.name, s.startDate.instant.slice(11, 16), s.endDate.instant.slice(11, 16), s.numericValue]),
      [
        ['Jane’s iPhone', 'iPhone', '16:00', '16:10', 520],
        ['Jane’s iPhone', 'iPhone', '16:10', '16:20', 480],
        ['Jane’s Apple Watch', 'Apple Watch', '16:02', '16:12', 610],
        ['Jane’s Apple Watch', 'Apple Watch', '16:12', '16:19', 430],
      ],
    );
  });

  it('reads a night across midnight and across the change from -0800 to -0700', async () => {
    const { records } = await readAll(fixture('export.xml'));
    const night = samples(records, 'HKCategoryTypeIdentifierSleepAnalysis').filter((s) => s.startDate.instant.startsWith('2024-03-10'));
    assert.deepEqual(
      night.map((s) => s.sleepValue),
      ['inBed', 'asleepCore', 'asleepDeep', 'asleepCore', 'asleepREM', 'awake', 'asleepCore', 'asleepREM', 'asleepCore', 'awake'],
    );
    const inBed = night[0] as AppleHealthSample;
    assert.deepEqual([inBed.startDate.instant, inBed.startDate.offsetMinutes], ['2024-03-10T06:40:00.000Z', -480]);
    assert.deepEqual([inBed.endDate.instant, inBed.endDate.offsetMinutes], ['2024-03-10T13:50:00.000Z', -420]);
    assert.equal(inBed.numericValue, undefined);
    const acrossTheChange = night[6] as AppleHealthSample;
    assert.deepEqual([acrossTheChange.startDate.offsetMinutes, acrossTheChange.endDate.offsetMinutes], [-480, -420]);
    assert.equal((acrossTheChange.endDate.epochMs - acrossTheChange.startDate.epochMs) / 60_000, 40);
    const older = samples(records, 'HKCategoryTypeIdentifierSleepAnalysis').filter((s) => s.sourceName === 'Sleep++');
    assert.deepEqual(older.map((s) => s.sleepValue), ['asleepUnspecified', 'asleepUnspecified'], 'the pre-iOS 16 "Asleep" is AsleepUnspecified');
    const later = records.filter((r): r is AppleHealthSample => r.kind === 'sample' && r.startDate.epochMs > Date.UTC(2024, 2, 10, 16));
    assert.ok(later.length > 0 && later.every((s) => s.startDate.offsetMinutes === -420));
  });

  it('keeps the beat-to-beat series of a heart-rate-variability sample', async () => {
    const { records } = await readAll(fixture('export.xml'));
    const [hrv] = samples(records, 'HKQuantityTypeIdentifierHeartRateVariabilitySDNN');
    assert.ok(hrv);
    assert.equal(hrv.numericValue, 48.2311);
    assert.deepEqual(hrv.beats, [
      { bpm: 58, time: '11:14:07.12 PM', timeOfDayMs: 83_647_120 },
      { bpm: 61, time: '11:14:08.10 PM', timeOfDayMs: 83_648_100 },
      { bpm: 57, time: '11:14:09.15 PM', timeOfDayMs: 83_649_150 },
      { bpm: 60, time: '11:14:10.16 PM', timeOfDayMs: 83_650_160 },
    ]);
    assert.equal(samples(records, 'HKQuantityTypeIdentifierHeartRate')[0]?.beats, undefined);
  });

  it('reads a blood-pressure correlation with its two samples', async () => {
    const { records } = await readAll(fixture('export.xml'));
    const bp = records.find((r): r is AppleHealthCorrelation => r.kind === 'correlation');
    assert.ok(bp);
    assert.equal(bp.type, 'HKCorrelationTypeIdentifierBloodPressure');
    assert.equal(bp.device?.name, 'BPM Connect');
    assert.deepEqual(bp.metadata, [{ key: 'HKWasUserEntered', value: '0' }]);
    assert.deepEqual(bp.samples.map((s) => [s.type, s.numericValue, s.unit, s.ordinal]), [
      ['HKQuantityTypeIdentifierBloodPressureSystolic', 121, 'mmHg', bp.ordinal],
      ['HKQuantityTypeIdentifierBloodPressureDiastolic', 79, 'mmHg', bp.ordinal],
    ]);
    assert.deepEqual(bp.samples[1]?.metadata, [{ key: 'HKMetadataKeyBloodPressureCuffPosition', value: 'left arm' }]);
  });

  it('reads workouts with statistics, events, metadata and route files', async () => {
    const { records } = await readAll(fixture('export.xml'));
    const [run, ride] = records.filter((r): r is AppleHealthWorkout => r.kind === 'workout');
    assert.ok(run && ride);
    assert.equal(run.activityType, 'HKWorkoutActivityTypeRunning');
    assert.equal(run.duration, 34.41666666666666);
    assert.equal(run.durationUnit, 'min');
    assert.deepEqual(run.metadata.map((m) => m.key), ['HKIndoorWorkout', 'HKTimeZone', 'HKWeatherTemperature']);
    assert.deepEqual(run.events.map((e) => e.type), ['HKWorkoutEventTypeSegment', 'HKWorkoutEventTypePause', 'HKWorkoutEventTypeResume', 'HKWorkoutEventTypeLap']);
    assert.equal(run.events[0]?.duration, 8.1);
    assert.equal(run.events[1]?.date.instant, '2024-03-09T15:45:00.000Z');
    assert.deepEqual(run.events[3]?.metadata, [{ key: 'HKLapLength', value: '1 km' }]);
    assert.deepEqual(run.statistics.map((s) => [s.type, s.sum, s.average, s.minimum, s.maximum, s.unit]), [
      ['HKQuantityTypeIdentifierActiveEnergyBurned', 312.4, undefined, undefined, undefined, 'kcal'],
      ['HKQuantityTypeIdentifierDistanceWalkingRunning', 5.21, undefined, undefined, undefined, 'km'],
      ['HKQuantityTypeIdentifierHeartRate', undefined, 152.3, 98, 171, 'count/min'],
    ]);
    assert.deepEqual(run.routeFiles, ['/workout-routes/route_2024-03-09_7.31am.gpx']);
    assert.deepEqual([ride.totalDistance, ride.totalDistanceUnit, ride.totalEnergyBurned, ride.totalEnergyBurnedUnit], [18.2, 'km', 401, 'kcal']);
    assert.deepEqual([ride.statistics, ride.events, ride.routeFiles], [[], [], []]);
  });

  it('reads activity summaries', async () => {
    const { records } = await readAll(fixture('export.xml'));
    const [day] = records.filter((r) => r.kind === 'activitySummary');
    assert.deepEqual(day, activitySummary(35, '2024-03-09', 512.318));
  });

  it('decodes entities and UTF-8 in attribute values', async () => {
    const { records } = await readAll(fixture('export.xml'));
    const [scale] = samples(records, 'HKQuantityTypeIdentifierBodyMass');
    assert.ok(scale);
    assert.equal(scale.sourceName, "Dr. Smith & Co's Scale ⚖");
    assert.deepEqual(scale.metadata[1], { key: 'Note', value: '<b>after run</b> "fasted" \'yes\' 😀 é' });
    assert.equal(scale.device?.localIdentifier, '00:24:e4:7a:10:3f');
    assert.equal(scale.unit, 'lb');
  });

  it('gives the same records whatever the size of the pieces it is fed', async () => {
    for (const name of ['export.xml', 'bad-records.xml']) {
      const bytes = await readFile(fixture(name));
      const whole = scanInChunks(bytes, bytes.length);
      assert.ok(whole.records.length > 0);
      for (const chunk of [1, 7, 4096, 65_536]) assert.deepEqual(scanInChunks(bytes, chunk), whole, `${name} in pieces of ${chunk}`);
      for (const chunk of [1, 7, 4096]) assert.deepEqual(await readAll(fixture(name), { readChunkBytes: chunk }), whole, `${name} read ${chunk} bytes at a time`);
    }
  });

  it('reads a stream, also one in string mode', async () => {
    const expected = await readAll(fixture('export.xml'));
    assert.deepEqual(await readAll(createReadStream(fixture('export.xml'), { highWaterMark: 5 })), expected);
    assert.deepEqual(await readAll(createReadStream(fixture('export.xml'), { encoding: 'utf8', highWaterMark: 11 })), expected);
  });

  it('hands out batches of at most batchSize records, with progress', async () => {
    const total = (await readFile(fixture('export.xml'))).length;
    const batches = [];
    for await (const batch of readAppleHealthExport(fixture('export.xml'), { batchSize: 5, readChunkBytes: 1024 })) batches.push(batch);
    assert.ok(batches.length >= 8);
    assert.ok(batches.every((b) => b.records.length <= 5 && b.progress.totalBytes === total));
    assert.deepEqual(batches.flatMap((b) => b.records.map((r) => r.ordinal)), Array.from({ length: 40 }, (_, i) => i + 1));
    const read = batches.map((b) => b.progress.bytesRead);
    assert.deepEqual(read, [...read].sort((a, b) => a - b));
    assert.equal(read.at(-1), total);
    assert.equal(await readAll(fixture('export.xml'), { batchSize: 0 }).catch((e: unknown) => e instanceof RangeError), true);
  });

  it('stops reading when the consumer stops', async () => {
    for (const name of ['export.xml', 'export.zip']) {
      let batches = 0;
      for await (const batch of readAppleHealthExport(fixture(name), { batchSize: 3 })) {
        batches += batch.records.length > 0 ? 1 : 0;
        break;
      }
      assert.equal(batches, 1);
    }
  });
});

describe('Apple Health export.zip', () => {
  it('streams apple_health_export/export.xml out of the zip', async () => {
    const fromXml = await readAll(fixture('export.xml'));
    const fromZip = await readAll(fixture('export.zip'));
    assert.deepEqual(fromZip, fromXml);
  });

  it('finds export.xml whatever its folder and case, and not a __MACOSX copy', async () => {
    assert.deepEqual(await readAll(fixture('export-renamed.zip')), await readAll(fixture('export.xml')));
  });

  it('reports progress in bytes of the XML inside', async () => {
    const size = (await readFile(fixture('export.xml'))).length;
    for await (const batch of readAppleHealthExport(fixture('export.zip'))) assert.equal(batch.progress.totalBytes, size);
  });

  it('refuses a damaged or cut-short zip', async () => {
    const zip = await readFile(fixture('export.zip'));
    const cut = path.join(scratch, 'cut.zip');
    await writeFile(cut, zip.subarray(0, Math.floor(zip.length * 0.6)));
    assert.equal((await refusal(cut)).refusal, 'damaged');
    // A flipped byte inside export.xml's compressed data: inflate fails or the CRC does not match.
    const header = zip.indexOf('apple_health_export/export.xml') - 30;
    const dataStart = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
    const middle = dataStart + Math.floor(zip.readUInt32LE(header + 18) / 2);
    const flipped = Buffer.from(zip);
    flipped[middle] = (flipped[middle] as number) ^ 0xff;
    const bad = path.join(scratch, 'flipped.zip');
    await writeFile(bad, flipped);
    assert.equal((await refusal(bad)).refusal, 'damaged');
  });
});

describe('bad records and bad files', () => {
  it('skips a malformed record with its number and reason, and reads on', async () => {
    const { records, skipped } = await readAll(fixture('bad-records.xml'));
    assert.deepEqual(records.map((r) => r.ordinal), [1, 2, 3, 12, 18, 19]);
    assert.deepEqual(records.filter((r) => r.kind === 'sample').map((r) => (r as AppleHealthSample).value), ['71', '76', '78']);
    const summary = records.at(-1);
    assert.ok(summary?.kind === 'activitySummary');
    assert.deepEqual(summary.otherAttributes, { newRing: '7' });
    assert.deepEqual(
      skipped.map((s) => [s.ordinal, s.element]),
      [[4, 'Record'], [5, 'Record'], [6, 'Record'], [7, 'Record'], [8, 'Record'], [9, 'Record'], [10, 'Record'], [11, 'Record'], [13, 'Record'], [14, 'Record'], [15, 'Correlation'], [16, 'Workout'], [17, 'ActivitySummary']],
    );
    const reasons = new Map(skipped.map((s) => [s.ordinal, s.reason]));
    const expected: [number, RegExp][] = [
      [4, /^startDate "2024-13-09 07:12:44 -0800" is not a date/],
      [5, /^no type attribute$/],
      [6, /^value "abc" of HKQuantityTypeIdentifierStepCount is not a number$/],
      [7, /malformed <Record> tag: attribute "value" without a quoted value/],
      [8, /unknown entity "&nbsp;"/],
      [9, /^endDate .* is before startDate/],
      [10, /MetadataEntry without a key/],
      [11, /runs into the next tag \(an unclosed quote\)/],
      [13, /bpm "fast" is not a number/],
      [14, /<MetadataEntry> is not closed before <\/Record>/],
      [15, /needs one systolic and one diastolic Record, it has 1 and 0/],
      [16, /sum "n\/a" is not a number/],
      [17, /dateComponents "2024-02-30" is not a date/],
    ];
    for (const [ordinal, pattern] of expected) assert.match(reasons.get(ordinal) ?? '', pattern, `record ${ordinal}`);
  });

  it('refuses a file cut short, wherever it is cut', async () => {
    const bytes = await readFile(fixture('export.xml'));
    const root = bytes.indexOf('<HealthData');
    // Until "<!DOCTYPE HealthData" is all there, nothing says the file was meant to be an export.
    const named = bytes.indexOf('<!DOCTYPE HealthData') + '<!DOCTYPE HealthData'.length;
    const cuts = [10, 45, named, 400, 3000, root - 1, root + 5, ...Array.from({ length: 90 }, (_, i) => root + 20 + Math.floor(((bytes.length - root - 40) * i) / 90)), bytes.length - 3, bytes.length - 2];
    for (const cut of cuts) {
      const error = await refusal(Readable.from([bytes.subarray(0, cut)]));
      assert.equal(error.refusal, cut < named ? 'not_an_export' : 'truncated', `cut at ${cut}: ${error.message}`);
      if (cut >= named) assert.match(error.message, /truncated/);
    }
    // White space after the end is no cut.
    assert.equal((await readAll(Readable.from([bytes, Buffer.from('\n\n')]))).records.length, 40);
  });

  it('refuses files that are not Apple Health exports, saying what they are', async () => {
    const write = async (name: string, content: string | Buffer): Promise<string> => {
      const file = path.join(scratch, name);
      await writeFile(file, content);
      return file;
    };
    const csv = await refusal(await write('steps.csv', 'date,steps\n2024-03-09,1000\n'));
    assert.equal(csv.refusal, 'not_an_export');
    assert.match(csv.message, /Not an Apple Health export.*not XML/);
    assert.match((await refusal(await write('route.gpx', '<?xml version="1.0"?>\n<gpx version="1.1"><trk/></gpx>'))).message, /root element is <gpx>, expected <HealthData>/);
    assert.match((await refusal(await write('empty.xml', ''))).message, /no <HealthData> element/);
    assert.match((await refusal(await write('export.xml.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])))).message, /gzip/);
    assert.match((await refusal(fixture('not-an-export.zip'))).message, /zip archive without apple_health_export\/export\.xml \(it holds 2 entries, e\.g\. photos\/, photos\/readme\.txt\)/);
    assert.match((await refusal(createReadStream(fixture('export.zip')))).message, /a zip archive \(pass export\.zip as a file path/);
    assert.match((await refusal(scratch)).message, /is not a file/);
    for (const error of [csv]) assert.equal(error.code, 'unsupported_media_type');
  });

  it('refuses content after the root and an element that never ends', async () => {
    const after = await refusal(Readable.from([Buffer.from('<HealthData locale="en_US"><ExportDate value="2024-03-12 09:15:02 -0700"/></HealthData>\n<HealthData/>')]));
    assert.equal(after.refusal, 'not_well_formed');
    const huge = Buffer.alloc(MAX_ELEMENT_BYTES + 1024, 0x61);
    const endless = await refusal(Readable.from([Buffer.from('<HealthData><Record type="'), huge]));
    assert.equal(endless.refusal, 'not_well_formed');
    assert.match(endless.message, /longer than/);
  });

  it('reads the same record whatever its attribute layout', () => {
    const canonical =
      '<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" sourceVersion="10.3" device="&lt;&lt;HKDevice: 0x283b1c3c0&gt;, name:Apple Watch&gt;" unit="count/min" creationDate="2024-03-09 07:14:02 -0800" startDate="2024-03-09 07:12:44 -0800" endDate="2024-03-09 07:12:44 -0800" value="72"><MetadataEntry key="k" value="v"/></Record>';
    const shuffled =
      "<Record\n  value = '72'\tunit='count/min' endDate=\"2024-03-09 07:12:44 -0800\"\n  startDate='2024-03-09 07:12:44 -0800' creationDate=\"2024-03-09 07:14:02 -0800\" device='&lt;&lt;HKDevice: 0x2ffff0000&gt;, name:Apple Watch&gt;' sourceVersion=\"10.3\" sourceName='Watch' type=\"HKQuantityTypeIdentifierHeartRate\" ><MetadataEntry value='v' key = \"k\" /></Record >";
    const read = (record: string): AppleHealthRecord[] => scanInChunks(Buffer.from(`<HealthData>${record}</HealthData>`), 1 << 20).records;
    const [a] = read(canonical);
    const [b] = read(shuffled);
    assert.ok(a?.kind === 'sample' && b?.kind === 'sample');
    assert.deepEqual(b, a);
    assert.equal(a.device?.name, 'Apple Watch');
  });

  it('skips the DOCTYPE internal subset, quoted ">" and "]" included', async () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE HealthData [',
      '<!-- a comment with ]> inside -->',
      '<!ELEMENT HealthData (Record*)>',
      "<!ATTLIST Record note CDATA \"a > b ] c\" other CDATA 'x>y'>",
      '<?pi with > inside?>',
      ']>',
      '<HealthData locale="en_US"><Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" startDate="2024-03-09 08:00:00 -0800" endDate="2024-03-09 08:10:00 -0800" value="5"/></HealthData>',
    ].join('\n');
    for (const chunk of [1, 3, 1000]) {
      const { records } = scanInChunks(Buffer.from(xml), chunk);
      assert.deepEqual(records.map((r) => r.kind === 'sample' && r.numericValue), [5], `pieces of ${chunk}`);
    }
  });
});
