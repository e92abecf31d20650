// Reading an Apple Health export: a generated export.xml of >= 1 GB (deterministic, realistic
// mix of records) parsed (a) by saxes, a general SAX parser, just counting <Record> elements —
// the baseline — and (b) by the Vitalis reader, yielding every record as an object in batches.
// Each parse runs in its own child process so peak RSS belongs to one parser. Then (c) the full
// import as a worker runs it — parse, map, store raw, normalize, roll up — into a scratch
// Postgres database (DATABASE_URL), or PGlite when it is not set.
//
//   DATABASE_URL=postgres://... npm run bench -- apple-health
//   APPLE_HEALTH_BENCH_MB=200 npm run bench -- apple-health     (a smaller file, for a quick look)
//   APPLE_HEALTH_BENCH_ONLY=import npm run bench -- apple-health (the full import alone)
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATOR_VERSION = 1;
const MB = 1024 * 1024;
const READ_CHUNK = 256 * 1024;

interface ParseFigures {
  parser: string;
  bytes: number;
  seconds: number;
  records: number;
  maxRssBytes: number;
  /** The full import: CPU seconds of this process and of the database's Postgres backends (when on this host). */
  cpu?: { node: number; postgres: number | undefined };
}

// ---- the generated export ---------------------------------------------------------------------

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** US Pacific time, daylight saving from the second Sunday of March to the first Sunday of November. */
function offsetMinutesAt(utcMs: number): number {
  const d = new Date(utcMs);
  const year = d.getUTCFullYear();
  const nthSunday = (month: number, n: number): number => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + (n - 1) * 7;
  };
  const dstStart = Date.UTC(year, 2, nthSunday(2, 2), 10); // 02:00 PST
  const dstEnd = Date.UTC(year, 10, nthSunday(10, 1), 9); // 02:00 PDT
  return utcMs >= dstStart && utcMs < dstEnd ? -420 : -480;
}

/** `2024-03-10 07:12:44 -0800` for an instant, in Pacific time. */
function appleDate(utcMs: number): string {
  const offset = offsetMinutesAt(utcMs);
  const d = new Date(utcMs + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

function clock12(utcMs: number): string {
  const d = new Date(utcMs + offsetMinutesAt(utcMs) * 60_000);
  const h = d.getUTCHours();
  const cs = Math.floor(d.getUTCMilliseconds() / 10);
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(cs)} ${h < 12 ? 'AM' : 'PM'}`;
}

const WATCH = 'Jane’s Apple Watch';
const PHONE = 'Jane’s iPhone';
const DOCTYPE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
  note          CDATA "a default with > and ] inside"
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
]>
`;

class ExportWriter {
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;
  records = 0;
  private readonly random: () => number;

  constructor(
    private readonly out: NodeJS.WritableStream | undefined,
    seed: number,
  ) {
    this.random = prng(seed);
  }

  rand(): number {
    return this.random();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  address(): string {
    return `0x${(0x280000000 + Math.floor(this.random() * 0x3ffffff) * 16).toString(16)}`;
  }

  watch(): string {
    return `&lt;&lt;HKDevice: ${this.address()}&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.3&gt;`;
  }

  phone(): string {
    return `&lt;&lt;HKDevice: ${this.address()}&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.3.1&gt;`;
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.pending += text.length;
    this.bytes += Buffer.byteLength(text);
    if (this.pending >= 4 * MB) await this.flush();
  }

  async flush(): Promise<void> {
    const chunk = this.parts.join('');
    this.parts = [];
    this.pending = 0;
    if (this.out && !this.out.write(chunk)) await new Promise((resolve) => this.out?.once('drain', resolve));
  }

  record(type: string, source: string, version: string, device: string | undefined, unit: string | undefined, start: number, end: number, value: string, children = ''): string {
    this.records += 1;
    const attrs =
      `type="${type}" sourceName="${source}" sourceVersion="${version}"` +
      (device === undefined ? '' : ` device="${device}"`) +
      (unit === undefined ? '' : ` unit="${unit}"`) +
      ` creationDate="${appleDate(end + this.int(5, 300) * 1000)}" startDate="${appleDate(start)}" endDate="${appleDate(end)}" value="${value}"`;
    return children === '' ? ` <Record ${attrs}/>\n` : ` <Record ${attrs}>\n${children} </Record>\n`;
  }
}

const DAY = 86_400_000;
const START = Date.UTC(2016, 0, 4, 8);

/** One type's records for a span of days: each export lists records type by type, in time order. */
type TypeWriter = (w: ExportWriter, day: number) => Promise<void>;

const types: TypeWriter[] = [
  // Heart rate: every ~5 minutes, with the motion context Apple adds to each.
  async (w, day) => {
    for (let t = day; t < day + DAY; t += w.int(180, 420) * 1000) {
      const meta = `  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="${w.int(0, 2)}"/>\n`;
      await w.write(w.record('HKQuantityTypeIdentifierHeartRate', WATCH, '10.3', w.watch(), 'count/min', t, t, String(w.int(48, 165)), meta));
    }
  },
  // Steps from the phone and from the watch, overlapping.
  async (w, day) => {
    for (const [source, version, device] of [[PHONE, '17.3.1', 'phone'], [WATCH, '10.3', 'watch']] as const) {
      for (let t = day + 7 * 3_600_000; t < day + 22 * 3_600_000; t += w.int(8, 20) * 60_000) {
        const end = t + w.int(60, 600) * 1000;
        await w.write(w.record('HKQuantityTypeIdentifierStepCount', source, version, device === 'phone' ? w.phone() : w.watch(), 'count', t, end, String(w.int(12, 1400))));
      }
    }
  },
  async (w, day) => {
    for (let t = day + 7 * 3_600_000; t < day + 22 * 3_600_000; t += w.int(10, 25) * 60_000) {
      await w.write(w.record('HKQuantityTypeIdentifierDistanceWalkingRunning', PHONE, '17.3.1', w.phone(), 'km', t, t + w.int(60, 600) * 1000, (w.rand() * 1.2).toFixed(6)));
    }
  },
  // Active and basal energy: the watch writes them every few minutes all day.
  async (w, day) => {
    for (const type of ['HKQuantityTypeIdentifierActiveEnergyBurned', 'HKQuantityTypeIdentifierBasalEnergyBurned']) {
      for (let t = day; t < day + DAY; t += w.int(4, 12) * 60_000) {
        await w.write(w.record(type, WATCH, '10.3', w.watch(), 'Cal', t, t + w.int(50, 240) * 1000, (w.rand() * 12).toFixed(3)));
      }
    }
  },
  // HRV SDNN with the beat-to-beat list.
  async (w, day) => {
    for (let k = 0; k < 5; k += 1) {
      const start = day + w.int(0, 23) * 3_600_000 + w.int(0, 3000) * 1000;
      let beats = '  <HeartRateVariabilityMetadataList>\n';
      let t = start;
      const n = w.int(50, 90);
      for (let b = 0; b < n; b += 1) {
        t += w.int(700, 1200);
        beats += `   <InstantaneousBeatsPerMinute bpm="${w.int(50, 90)}" time="${clock12(t)}"/>\n`;
      }
      beats += '  </HeartRateVariabilityMetadataList>\n';
      await w.write(w.record('HKQuantityTypeIdentifierHeartRateVariabilitySDNN', WATCH, '10.3', w.watch(), 'ms', start, t, (20 + w.rand() * 60).toFixed(4), beats));
    }
  },
  // Sleep: in bed from the phone, stages from the watch, across midnight.
  async (w, day) => {
    const bed = day + 14 * 3_600_000 + w.int(0, 90) * 60_000; // ~22:00-23:30 local
    const up = bed + w.int(400, 540) * 60_000;
    await w.write(w.record('HKCategoryTypeIdentifierSleepAnalysis', PHONE, '17.3.1', undefined, undefined, bed, up, 'HKCategoryValueSleepAnalysisInBed'));
    const stages = ['AsleepCore', 'AsleepDeep', 'AsleepCore', 'AsleepREM', 'Awake', 'AsleepCore', 'AsleepREM', 'AsleepCore'];
    let t = bed + w.int(5, 20) * 60_000;
    for (const stage of stages) {
      const end = Math.min(up, t + w.int(10, 70) * 60_000);
      if (end <= t) break;
      await w.write(w.record('HKCategoryTypeIdentifierSleepAnalysis', WATCH, '10.3', w.watch(), undefined, t, end, `HKCategoryValueSleepAnalysis${stage}`));
      t = end;
    }
  },
  async (w, day) => {
    for (let t = day + 14 * 3_600_000; t < day + 22 * 3_600_000; t += w.int(15, 40) * 60_000) {
      await w.write(w.record('HKQuantityTypeIdentifierRespiratoryRate', WATCH, '10.3', w.watch(), 'count/min', t, t + 60_000, (12 + w.rand() * 6).toFixed(1)));
      await w.write(w.record('HKQuantityTypeIdentifierOxygenSaturation', WATCH, '10.3', w.watch(), '%', t, t, (0.93 + w.rand() * 0.06).toFixed(2)));
    }
    await w.write(w.record('HKQuantityTypeIdentifierRestingHeartRate', WATCH, '10.3', undefined, 'count/min', day, day + DAY - 60_000, String(w.int(48, 62))));
  },
  async (w, day) => {
    if (w.int(0, 2) !== 0) return;
    const t = day + w.int(0, 3) * 3_600_000;
    const meta = '  <MetadataEntry key="HKWasUserEntered" value="0"/>\n  <MetadataEntry key="Note" value="after run &amp; &quot;fasted&quot;"/>\n';
    await w.write(w.record('HKQuantityTypeIdentifierBodyMass', 'Health Mate', '6.3.1', '&lt;&lt;HKDevice: 0x28125a2b0&gt;, name:Body+, manufacturer:Withings, model:WBS05, firmware:1320&gt;', 'lb', t, t, (138 + w.rand() * 10).toFixed(1), meta));
  },
];

async function correlationsWorkoutsSummaries(w: ExportWriter, day: number): Promise<void> {
  if (w.int(0, 6) === 0) {
    const t = appleDate(day + 3_600_000);
    const bp = (type: string, value: number): string => {
      w.records += 1;
      return `  <Record type="${type}" sourceName="Health Mate" sourceVersion="6.3.1" unit="mmHg" creationDate="${t}" startDate="${t}" endDate="${t}" value="${value}"/>\n`;
    };
    await w.write(
      ` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Health Mate" sourceVersion="6.3.1" creationDate="${t}" startDate="${t}" endDate="${t}">\n` +
        `  <MetadataEntry key="HKWasUserEntered" value="0"/>\n${bp('HKQuantityTypeIdentifierBloodPressureSystolic', w.int(105, 135))}${bp('HKQuantityTypeIdentifierBloodPressureDiastolic', w.int(65, 88))} </Correlation>\n`,
    );
  }
  if (w.int(0, 1) === 0) {
    const start = day + w.int(0, 10) * 3_600_000;
    const end = start + w.int(20, 90) * 60_000;
    const s = appleDate(start);
    const e = appleDate(end);
    const local = new Date(start + offsetMinutesAt(start) * 60_000).toISOString().slice(0, 10);
    await w.write(
      ` <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="${((end - start) / 60_000).toFixed(4)}" durationUnit="min" sourceName="${WATCH}" sourceVersion="10.3" device="${w.watch()}" creationDate="${e}" startDate="${s}" endDate="${e}">\n` +
        `  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n  <MetadataEntry key="HKTimeZone" value="America/Los_Angeles"/>\n` +
        `  <WorkoutEvent type="HKWorkoutEventTypePause" date="${appleDate(start + 600_000)}"/>\n  <WorkoutEvent type="HKWorkoutEventTypeResume" date="${appleDate(start + 660_000)}"/>\n` +
        `  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="${s}" endDate="${e}" sum="${(w.rand() * 600).toFixed(2)}" unit="kcal"/>\n` +
        `  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="${s}" endDate="${e}" sum="${(w.rand() * 12).toFixed(3)}" unit="km"/>\n` +
        `  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="${s}" endDate="${e}" average="${w.int(120, 160)}" minimum="${w.int(80, 110)}" maximum="${w.int(160, 185)}" unit="count/min"/>\n` +
        `  <WorkoutRoute sourceName="${WATCH}" sourceVersion="10.3" creationDate="${e}" startDate="${s}" endDate="${e}">\n   <FileReference path="/workout-routes/route_${local}_${w.int(1, 9)}.gpx"/>\n  </WorkoutRoute>\n </Workout>\n`,
    );
  }
}

async function activitySummary(w: ExportWriter, day: number): Promise<void> {
  const local = new Date(day).toISOString().slice(0, 10);
  await w.write(
    ` <ActivitySummary dateComponents="${local}" activeEnergyBurned="${(w.rand() * 900).toFixed(3)}" activeEnergyBurnedGoal="500" activeEnergyBurnedUnit="Cal" appleMoveTime="0" appleMoveTimeGoal="0" appleExerciseTime="${w.int(0, 90)}" appleExerciseTimeGoal="30" appleStandHours="${w.int(2, 16)}" appleStandHoursGoal="12"/>\n`,
  );
}

async function writeExport(out: NodeJS.WritableStream | undefined, days: number): Promise<ExportWriter> {
  const w = new ExportWriter(out, 20240310);
  await w.write(`${DOCTYPE}<HealthData locale="en_US">\n <ExportDate value="${appleDate(START + days * DAY)}"/>\n`);
  await w.write(' <Me HKCharacteristicTypeIdentifierDateOfBirth="1988-04-02" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>\n');
  for (const type of types) for (let d = 0; d < days; d += 1) await type(w, START + d * DAY);
  for (let d = 0; d < days; d += 1) await correlationsWorkoutsSummaries(w, START + d * DAY);
  for (let d = 0; d < days; d += 1) await activitySummary(w, START + d * DAY);
  await w.write('</HealthData>\n');
  await w.flush();
  return w;
}

async function ensureExport(file: string, targetBytes: number): Promise<void> {
  if (existsSync(file) && statSync(file).size >= targetBytes) {
    console.log(`using ${file} (${(statSync(file).size / MB).toFixed(0)} MiB, generated earlier)`);
    return;
  }
  const sample = await writeExport(undefined, 30);
  const days = Math.ceil((targetBytes / sample.bytes) * 30 * 1.02);
  console.log(`generating ${file}: ${days} days of data (~${((sample.bytes / 30) * days / MB).toFixed(0)} MiB)…`);
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const started = Date.now();
  const w = await writeExport(out, days);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await rename(partial, file);
  console.log(`  ${(w.bytes / MB).toFixed(0)} MiB, ${w.records.toLocaleString('en-US')} <Record> elements, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// ---- the two parsers, each in a child process -------------------------------------------------

async function parseWithSaxes(file: string): Promise<ParseFigures> {
  const { SaxesParser } = await import('saxes');
  const parser = new SaxesParser();
  let records = 0;
  parser.on('opentagstart', (tag) => {
    if (tag.name === 'Record') records += 1;
  });
  parser.on('error', (error) => {
    throw error;
  });
  const started = process.hrtime.bigint();
  const stream = createReadStream(file, { highWaterMark: READ_CHUNK, encoding: 'utf8' });
  for await (const chunk of stream) parser.write(chunk as string);
  parser.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { parser: 'saxes', bytes: statSync(file).size, seconds, records, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}

async function parseWithVitalis(file: string): Promise<ParseFigures> {
  const { readAppleHealthExport } = await import('../src/adapters/importers/apple-health/index.ts');
  let records = 0;
  let skipped = 0;
  const started = process.hrtime.bigint();
  for await (const batch of readAppleHealthExport(file, { readChunkBytes: READ_CHUNK })) {
    skipped += batch.skipped.length;
    for (const record of batch.records) {
      if (record.kind === 'sample') records += 1;
      else if (record.kind === 'correlation') records += record.samples.length;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (skipped > 0) throw new Error(`the generated export should have no bad records, ${skipped} skipped`);
  return { parser: 'vitalis', bytes: statSync(file).size, seconds, records, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}

async function importWithVitalis(file: string): Promise<ParseFigures> {
  const { default: pino } = await import('pino');
  const { default: pg } = await import('pg');
  const { parseConfig } = await import('../src/config.ts');
  const { openServices } = await import('../src/composition/services.ts');
  const { createTenant } = await import('../src/app/tenancy/create-tenant.ts');
  const { resolvePerson } = await import('../src/app/imports/resolve-person.ts');
  const { startImport } = await import('../src/app/imports/start-import.ts');
  const { runImport } = await import('../src/app/imports/run-import.ts');
  const { mkdtemp } = await import('node:fs/promises');
  const { cpuMeter } = await import('./cpu-meter.ts');

  const dataDir = await mkdtemp(path.join(tmpdir(), 'vitalis-bench-import-'));
  const adminUrl = process.env.DATABASE_URL;
  const dbName = `vitalis_bench_import_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  let databaseUrl: string | undefined;
  if (adminUrl) {
    await admin(`create database ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const services = await openServices(parseConfig({ VITALIS_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(databaseUrl && { DATABASE_URL: databaseUrl }) }), pino({ level: 'warn' }));
  try {
    await createTenant(services.deps, { slug: 'bench', name: 'Bench', type: 'personal', admin: { email: 'jane@bench.test', name: 'Jane' } });
    const person = await resolvePerson(services.deps, 'jane@bench.test', 'bench');
    const record = await startImport(services.imports, person, createReadStream(file), 'export.xml', { options: {} });
    const meter = adminUrl ? await cpuMeter(adminUrl, dbName) : undefined;
    const ownCpu = () => ({ node: (process.cpuUsage().user + process.cpuUsage().system) / 1e6, postgres: undefined });
    const cpuBefore = (await meter?.read()) ?? ownCpu();
    const started = process.hrtime.bigint();
    const done = await runImport(services.imports, { tenantId: person.tenantId, userId: person.userId, importId: record.id });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuAfter = (await meter?.read()) ?? ownCpu();
    await meter?.close();
    if (done?.state !== 'succeeded') throw new Error(`the import ended ${done?.state}: ${done?.error}`);
    const records = Object.values(done.counts).reduce((a, b) => a + b, 0);
    const postgres = cpuAfter.postgres === undefined || cpuBefore.postgres === undefined ? undefined : cpuAfter.postgres - cpuBefore.postgres;
    return {
      parser: `full import into ${adminUrl ? 'Postgres' : 'PGlite'} (samples stored)`,
      bytes: statSync(file).size,
      seconds,
      records,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      cpu: { node: cpuAfter.node - cpuBefore.node, postgres },
    };
  } finally {
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
    if (adminUrl) await admin(`drop database if exists ${dbName} with (force)`);
  }
}

function runChild(parser: string, file: string): Promise<ParseFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', parser, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() as string) as ParseFigures) : reject(new Error(`${parser} child exited with ${code}`))));
  });
}

function row(f: ParseFigures): string {
  return `${f.parser.padEnd(34)} ${(f.bytes / MB / f.seconds).toFixed(1).padStart(8)} MiB/s ${f.seconds.toFixed(1).padStart(7)} s ${(f.maxRssBytes / MB).toFixed(0).padStart(6)} MiB peak RSS  ${f.records.toLocaleString('en-US')} records${f.cpu ? cpuText(f, f.cpu) : ''}`;
}

/**
 * The CPU the import took, which moves far less with the machine's load than its wall-clock
 * time, and the speed two cores of its own would allow it at best: the process and Postgres
 * each on one, or both sharing the two, whichever bounds it.
 */
function cpuText(f: ParseFigures, cpu: { node: number; postgres: number | undefined }): string {
  const perMiB = (seconds: number) => `${((seconds * 1000) / (f.bytes / MB)).toFixed(1)} ms`;
  if (cpu.postgres === undefined) return `\n  CPU per MiB: this process ${perMiB(cpu.node)}`;
  const floor = Math.max(cpu.node, cpu.postgres, (cpu.node + cpu.postgres) / 2);
  return `\n  CPU per MiB: this process ${perMiB(cpu.node)}, Postgres ${perMiB(cpu.postgres)}; on two idle cores at best ${(f.bytes / MB / floor).toFixed(1)} MiB/s`;
}

async function warm(file: string): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 4 * MB })) void chunk;
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) {
  const parser = process.argv[childAt + 1];
  const file = process.argv[childAt + 2] as string;
  const figures = parser === 'saxes' ? await parseWithSaxes(file) : parser === 'import' ? await importWithVitalis(file) : await parseWithVitalis(file);
  console.log(JSON.stringify(figures));
} else {
  const targetMb = Number(process.env.APPLE_HEALTH_BENCH_MB ?? 1024);
  const file = path.join(tmpdir(), `vitalis-bench-apple-health-v${GENERATOR_VERSION}-${targetMb}mb.xml`);
  await rm(`${file}.partial`, { force: true });
  await ensureExport(file, targetMb * MB);
  await warm(file);
  if (process.env.APPLE_HEALTH_BENCH_ONLY === 'import') {
    console.log(row(await runChild('import', file)));
    process.exit(0);
  }
  const saxes = await runChild('saxes', file);
  const vitalis = await runChild('vitalis', file);
  console.log(`apple-health: ${(saxes.bytes / MB).toFixed(0)} MiB export.xml, one child process per parser`);
  console.log(row({ ...saxes, parser: 'saxes, counting <Record> (baseline)' }));
  console.log(row({ ...vitalis, parser: 'vitalis reader, yielding records' }));
  if (saxes.records !== vitalis.records) console.log(`WARNING: saxes counted ${saxes.records} <Record> elements, the reader ${vitalis.records}`);
  console.log(`ratio vitalis / saxes: ${(saxes.seconds / vitalis.seconds).toFixed(2)}`);
  const full = await runChild('import', file);
  console.log(row(full));
}
