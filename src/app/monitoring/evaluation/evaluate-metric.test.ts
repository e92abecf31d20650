import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Sql } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { Reading, ReadingQuery, RuleReadingsRepo, RuleRecord, RuleState } from '../monitoring-ports.ts';
import { evaluateMetric } from './evaluate-metric.ts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 6, 9, 0);
const at = (minute: number) => T0 + minute * MIN;
const person = { tenantId: 't', userId: 'u' };
const sql = {} as Sql;

/** Stored readings in memory, read as the repository reads them. */
function storedReadings(readings: Reading[]): RuleReadingsRepo {
  const ordered = () => [...readings].sort((a, b) => a.t - b.t || a.source.localeCompare(b.source));
  return {
    async readings(_sql, _person, q: ReadingQuery) {
      return ordered()
        .filter((r) => (q.fromExclusive ? r.t > q.from : r.t >= q.from) && r.t <= q.to)
        .filter((r) => !q.after || r.t > q.after.t || (r.t === q.after.t && r.source > q.after.source))
        .slice(0, q.limit);
    },
    sleepSpans: async () => [],
    stepSpans: async () => [],
    baseline: async () => undefined,
  };
}

function rule(fields: Partial<RuleRecord> & Pick<RuleRecord, 'condition'>): RuleRecord {
  return {
    id: 'rule',
    tenantId: 't',
    name: 'r',
    context: null,
    actionType: 'alert',
    severity: 'high',
    scopeUserId: null,
    scopeTeamId: null,
    cooldownMinutes: 0,
    autoResolve: false,
    enabled: true,
    revision: 1,
    createdBy: 'x',
    createdAt: '',
    updatedAt: '',
    ...fields,
  };
}

const reading = (minute: number, value: number, source = 'A'): Reading => ({ t: at(minute), value, utcOffsetMinutes: 0, source });

async function run(stored: Reading[], rules: RuleRecord[], state: RuleState | undefined, from: number, to: number) {
  const deps = { monitoring: { readings: storedReadings(stored) }, logger: { warn() {} } } as unknown as MonitoringDeps;
  return evaluateMetric(deps, sql, person, { metric: 'heart_rate', rules, state, from: at(from), to: at(to), now: new Date(at(120)) });
}

describe('evaluateMetric', () => {
  it('picks up where the last batch left off, and reads what a lost event would have brought', async () => {
    const rules = [rule({ condition: { metric: 'heart_rate', operator: '>', value: 100, duration: 10, maxGapMinutes: 5 } })];
    const stored = Array.from({ length: 8 }, (_, m) => reading(m, 120));
    const first = await run(stored, rules, undefined, 0, 7);
    assert.deepEqual(first.events, []);
    // Minutes 8-9 were stored with no event heard; the next batch names only minutes 10-12.
    stored.push(reading(8, 120), reading(9, 120), reading(10, 120), reading(11, 120), reading(12, 120));
    const second = await run(stored, rules, first.state, 10, 12);
    assert.deepEqual(second.events.map((e) => [e.kind, (e.at - T0) / MIN]), [['fired', 10]]);
    assert.equal(second.events[0]!.kind === 'fired' && second.events[0]!.evidence.sampleCount, 11);
  });

  it('finds an episode among late readings, with where it ended', async () => {
    const rules = [rule({ condition: { metric: 'heart_rate', operator: '>', value: 100, duration: 10, maxGapMinutes: 10 } })];
    const stored = [reading(0, 60), reading(30, 60)];
    const first = await run(stored, rules, undefined, 0, 30);
    // Another device's readings of minutes 5-20 arrive after the stream passed them.
    for (let m = 5; m <= 20; m += 1) stored.push(reading(m, 120, 'B'));
    const second = await run(stored, rules, first.state, 5, 20);
    assert.deepEqual(second.events, []);
    assert.deepEqual(second.lateFired.map((e) => [(e.evidence.from - T0) / MIN, (e.at - T0) / MIN]), [[5, 15]]);
    assert.deepEqual(second.lateCleared.map((e) => [(e.at - T0) / MIN, e.reason]), [[30, 'condition_cleared']]);
  });

  it('leaves to the stream what falls inside a run it is already in (a batch whose span reaches back only through another metric)', async () => {
    const rules = [rule({ condition: { metric: 'heart_rate', operator: '>', value: 65, duration: 0, maxGapMinutes: 10 }, cooldownMinutes: 60 })];
    const stored = Array.from({ length: 61 }, (_, m) => reading(m, 80));
    const first = await run(stored, rules, undefined, 0, 60);
    assert.deepEqual(first.events.map((e) => (e.at - T0) / MIN), [0]);
    for (let m = 61; m <= 90; m += 1) stored.push(reading(m, 80));
    // A sleep stage that began at minute 50 makes the batch's span start there.
    const second = await run(stored, rules, first.state, 50, 90);
    assert.deepEqual(second.events, [], 'a run fires once');
    assert.deepEqual(second.lateFired, [], 'the fresh look from minute 40 on is inside the run that began at 0');
  });
});
