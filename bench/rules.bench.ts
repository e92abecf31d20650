// The streaming rules engine against a baseline that only decodes the same readings.
//
// >= 10,000,000 readings of heart rate, respiratory rate and SpO2 from 2,000 people, one of
// each a minute, as 24-byte binary records (epoch ms, value, stream index, context flags,
// local offset). 1.5% arrive 1-3 minutes late (within the 5-minute lateness, so out of
// order), 0.05% 10-12 minutes late (dropped), and people take their watch off for 15-30
// minutes now and then. Each metric has 10 windowed rules: every operator, durations of 0-30
// minutes, baseline-relative thresholds, at-rest / asleep / night-window contexts.
//
// The same readings in two arrangements: live (every reading from the next person: each
// stream's state has left the CPU caches by its next reading) and synced (each person's
// readings of 15 minutes together, as uploads deliver them), each against
//   (a) baseline: decode every record (DataView) and sum the values per (person, metric);
//   (b) the engine: decode every record and hand it to that (person, metric)'s stream of RuleStreams;
//   (c) order only: decode every record, put it in time order among its stream's pending
//       readings (the engine's own rings) and sum those the watermark releases -- what any
//       engine that honours late readings must do before it looks at a single rule.
// Prints readings per CPU second of each (the baseline's median of five passes, being short),
// the ratios b/a and c/a, and what the engine emitted.
//
//   npm run bench -- rules
//   RULES_BENCH_SAMPLES=2000000 npm run bench -- rules     (a quicker look)
import { ASLEEP, AT_REST, DEFAULT_LATENESS_MINUTES, RuleStreams, type RuleEvent, type WatchRule } from '../src/domain/rules/index.ts';
import { SampleRings } from '../src/domain/rules/sample-rings.ts';

const SAMPLES = Number(process.env.RULES_BENCH_SAMPLES ?? 10_000_000);
const PEOPLE = 2000;
/** How often a person's phone or watch uploads: the readings since the last upload arrive together. */
const SYNC_MINUTES = 15;
const RECORD_BYTES = 24;
const MINUTE_MS = 60_000;
const EPOCH = Date.UTC(2024, 0, 1);
const OFFSETS = [-300, 0, 60, 330, 540];

interface MetricScale {
  id: string;
  usual: number;
  spread: number;
  /** The level of an episode (exercise, fever, a bad night): where rules fire. */
  raised: number;
}
const METRICS: MetricScale[] = [
  { id: 'heart_rate', usual: 70, spread: 15, raised: 118 },
  { id: 'respiratory_rate', usual: 15, spread: 2, raised: 21 },
  { id: 'spo2', usual: 96, spread: 1.2, raised: 92 },
];
const STREAMS = PEOPLE * METRICS.length;
/** Enough minutes for SAMPLES readings, with the watch off ~1% of the time. */
const MINUTES = Math.ceil((SAMPLES / STREAMS) * 1.02);

function rulesOf({ id: metric, usual, spread }: MetricScale): WatchRule[] {
  const at = (sds: number) => Math.round((usual + sds * spread) * 10) / 10;
  const rule = (n: number, condition: Omit<WatchRule['condition'], 'metric' | 'maxGapMinutes'>, context?: WatchRule['context']): WatchRule => ({
    id: `${metric}-${n}`,
    revision: 1,
    condition: { metric, maxGapMinutes: 10, ...condition },
    context,
    cooldownMinutes: 60,
  });
  return [
    rule(1, { operator: '>', value: at(2), duration: 30 }),
    rule(2, { operator: '>=', value: at(3), duration: 10 }),
    rule(3, { operator: '<', value: at(-2), duration: 10 }),
    rule(4, { operator: '<=', value: at(-3), duration: 0 }),
    rule(5, { operator: '==', value: Math.round(at(1)), duration: 0 }),
    rule(6, { operator: 'between', value: [at(1), at(2)], duration: 15 }),
    rule(7, { operator: 'outside', value: [at(-2.5), at(2.5)], duration: 20 }),
    rule(8, { operator: '>', baseline: { sd: 2 }, duration: 20 }),
    rule(9, { operator: '>', value: at(1.5), duration: 15 }, { atRest: true }),
    rule(10, { operator: 'outside', baseline: { sd: [-1.5, 1.5] }, duration: 20 }, { asleep: true, timeOfDay: { from: '22:00', to: '07:00' } }),
  ];
}

/** mulberry32, one state per person, so both arrangements draw the same readings. */
function draw(states: Int32Array, person: number): number {
  const a = (states[person] = (states[person]! + 0x6d2b79f5) | 0);
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The readings of MINUTES minutes, each person's `syncMinutes` at a time (1: each minute, every person in turn). */
function generate(syncMinutes: number): { view: DataView; count: number } {
  const view = new DataView(new ArrayBuffer(MINUTES * STREAMS * RECORD_BYTES));
  const states = Int32Array.from({ length: PEOPLE }, (_, person) => person * 7919 + 1);
  const level = METRICS.flatMap((m) => Array.from({ length: PEOPLE }, () => m.usual));
  const episodeUntil = new Float64Array(STREAMS);
  const offUntil = new Float64Array(PEOPLE);
  const atRest = new Uint8Array(PEOPLE);
  let count = 0;
  for (let sync = 0; sync < MINUTES; sync += syncMinutes) {
    for (let person = 0; person < PEOPLE; person += 1) {
      const random = () => draw(states, person);
      for (let minute = sync; minute < Math.min(sync + syncMinutes, MINUTES); minute += 1) {
        if (minute < offUntil[person]!) continue;
        if (random() < 0.0005) offUntil[person] = minute + 15 + Math.floor(random() * 16);
        if (random() < 0.05) atRest[person] = 1 - atRest[person]!;
        const offset = OFFSETS[person % OFFSETS.length]!;
        const localHour = ((((minute + offset) % 1440) + 1440) % 1440) / 60;
        const flags = (atRest[person] ? AT_REST : 0) | (localHour >= 23 || localHour < 7 ? ASLEEP : 0);
        METRICS.forEach(({ usual, spread, raised }, m) => {
          const stream = m * PEOPLE + person;
          if (minute >= episodeUntil[stream]! && random() < 0.002) episodeUntil[stream] = minute + 10 + Math.floor(random() * 50);
          const target = minute < episodeUntil[stream]! ? raised : usual;
          level[stream] = level[stream]! + 0.15 * (target - level[stream]!) + (random() - 0.5) * spread * 0.6;
          const chance = random();
          const lateMinutes = chance < 0.0005 ? 10 + Math.floor(random() * 3) : chance < 0.0155 ? 1 + Math.floor(random() * 3) : 0;
          const record = count * RECORD_BYTES;
          view.setFloat64(record, EPOCH + (minute - lateMinutes) * MINUTE_MS + Math.floor(random() * 50_000), true);
          view.setFloat64(record + 8, Math.round(level[stream]! * 10) / 10, true);
          view.setUint32(record + 16, stream, true);
          view.setUint8(record + 20, flags);
          view.setInt16(record + 22, offset, true);
          count += 1;
        });
      }
    }
  }
  return { view, count };
}

// Every pass decodes each record the same way, written out in each so that none pays for a
// shared callback the others do not.
function baselinePass(view: DataView, count: number): number {
  const sums = new Float64Array(STREAMS);
  let check = 0;
  for (let i = 0; i < count; i += 1) {
    const record = i * RECORD_BYTES;
    const t = view.getFloat64(record, true);
    const value = view.getFloat64(record + 8, true);
    const stream = view.getUint32(record + 16, true);
    const flags = view.getUint8(record + 20);
    const offset = view.getInt16(record + 22, true);
    sums[stream] = sums[stream]! + value;
    check += t + flags + offset;
  }
  return check + sums.reduce((a, b) => a + b, 0);
}

/** Every (metric, person) stream, opened in the order of the records' stream index. */
function orderOnlyPass(view: DataView, count: number): number {
  const latenessMs = DEFAULT_LATENESS_MINUTES * MINUTE_MS;
  const rings = new SampleRings();
  for (let stream = 0; stream < STREAMS; stream += 1) rings.add(Infinity, { t: [], value: [], flags: [], offset: [] });
  const newest = new Float64Array(STREAMS).fill(-Infinity);
  let check = 0;
  for (let i = 0; i < count; i += 1) {
    const record = i * RECORD_BYTES;
    const t = view.getFloat64(record, true);
    const value = view.getFloat64(record + 8, true);
    const stream = view.getUint32(record + 16, true);
    const flags = view.getUint8(record + 20);
    const offset = view.getInt16(record + 22, true);
    if (t < newest[stream]! - latenessMs) continue;
    rings.insert(stream, t, value, flags, offset);
    if (t > newest[stream]!) newest[stream] = t;
    const watermark = newest[stream]! - latenessMs;
    let seq = rings.head(stream);
    for (const tail = rings.tail(stream); seq < tail && rings.timeAt(stream, seq) < watermark; seq += 1) check += rings.valueAt(stream, seq);
    rings.dropBefore(stream, seq);
  }
  return check;
}

function openStreams(): RuleStreams {
  const baselineOf = (person: number, { usual, spread }: MetricScale) => ({ mean: usual + ((person % 7) - 3) * spread * 0.1, sd: spread });
  const streams = new RuleStreams();
  for (const metric of METRICS) {
    const rules = rulesOf(metric);
    for (let person = 0; person < PEOPLE; person += 1) streams.add({ userId: `person-${person}`, metric: metric.id, rules, baseline: baselineOf(person, metric) });
  }
  return streams;
}

function enginePass(view: DataView, count: number, streams: RuleStreams, events: Record<string, number>): void {
  const out: RuleEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const record = i * RECORD_BYTES;
    const t = view.getFloat64(record, true);
    const value = view.getFloat64(record + 8, true);
    const stream = view.getUint32(record + 16, true);
    const flags = view.getUint8(record + 20);
    const offset = view.getInt16(record + 22, true);
    streams.observe(stream, t, value, flags, offset, out);
    if (out.length > 0) {
      for (const event of out) events[event.kind] = (events[event.kind] ?? 0) + 1;
      out.length = 0;
    }
  }
}

/** CPU seconds (user + system) of the run: on a machine shared with other work, wall time measures the neighbours too. */
function timed(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

function measure(label: string, syncMinutes: number): void {
  const { view, count } = generate(syncMinutes);
  // Warm-up: both loops over the first readings, so the timed passes run optimized code.
  const warmUp = Math.min(count, 500_000);
  baselinePass(view, warmUp);
  orderOnlyPass(view, warmUp);
  enginePass(view, warmUp, openStreams(), {});

  let checksum = 0;
  const baselineRuns = Array.from({ length: 5 }, () =>
    timed(() => {
      checksum = baselinePass(view, count);
    }),
  ).sort((x, y) => x - y);
  const baselineSeconds = baselineRuns[2]!;
  const orderOnlySeconds = timed(() => orderOnlyPass(view, count));
  const streams = openStreams();
  const events: Record<string, number> = {};
  const engineSeconds = timed(() => enginePass(view, count, streams, events));

  const rate = (seconds: number) => `${(count / seconds).toFixed(0).padStart(11)} readings per CPU second (${seconds.toFixed(2)} s)`;
  let dropped = 0;
  for (let stream = 0; stream < STREAMS; stream += 1) dropped += streams.droppedLate(stream);
  console.log(`\n${label}: ${count.toLocaleString('en')} readings`);
  console.log(`  (a) baseline: decode + sum per stream     ${rate(baselineSeconds)}`);
  console.log(`  (b) engine: decode + RuleStreams.observe  ${rate(engineSeconds)}`);
  console.log(`  (c) order only: decode + reorder + release ${rate(orderOnlySeconds)}`);
  console.log(`  ratio b/a: ${(baselineSeconds / engineSeconds).toFixed(2)}; c/a: ${(baselineSeconds / orderOnlySeconds).toFixed(2)}`);
  console.log(`  emitted ${events.fired ?? 0} fired, ${events.cleared ?? 0} cleared; ${dropped} readings dropped as late (checksum ${checksum.toExponential(3)})`);
}

console.log(`rules: ${METRICS.length} metrics x ${PEOPLE} people, ${rulesOf(METRICS[0]!).length} rules per metric, one reading per person and metric a minute`);
measure('live: every reading from the next person', 1);
measure(`synced: each person's ${SYNC_MINUTES} minutes at once`, SYNC_MINUTES);
