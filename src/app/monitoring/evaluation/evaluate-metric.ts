import { EARLIEST, RuleStream, usesBaseline, type Baseline, type RuleCleared, type RuleEvent, type RuleFired, type RuleStreamSnapshot, type WatchRule } from '../../../domain/rules/index.ts';
import type { PersonRef, Sql } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { Reading, RuleRecord, RuleState } from '../monitoring-ports.ts';
import { personBaseline, type DatedBaseline } from './person-baseline.ts';
import { readingFlags, REST_WINDOW_MS } from './reading-flags.ts';

const MINUTE_MS = 60_000;
const PAGE = 5000;

export interface MetricRun {
  metric: string;
  /** The enabled rules of this metric watching the person. */
  rules: readonly RuleRecord[];
  state: RuleState | undefined;
  /** What the batch changed, epoch ms. */
  from: number;
  to: number;
  now: Date;
}

export interface MetricOutcome {
  state: RuleState;
  /** The live stream's events, in order. */
  events: RuleEvent[];
  /** Episodes found among readings at or before where the stream had got to (late, or a backfill). */
  lateFired: RuleFired[];
  /** How those episodes ended, when they did within the readings looked at. */
  lateCleared: RuleCleared[];
}

type Deps = Pick<MonitoringDeps, 'monitoring' | 'logger'>;

/**
 * One metric of one person's rules over a stored batch. The person's stream picks up where it
 * left off (its snapshot) and reads every stored reading after the newest it has seen up to
 * the batch's end — also what an event that never arrived would have brought — then flushes,
 * so an episode fires as soon as its last reading is stored. Readings of the batch at or
 * before the stream's newest (late ones, a backfill of last year) cannot join the stream in
 * order (lateEpisodes); the caller keeps what they find unless a stored alert already covers it.
 */
export async function evaluateMetric(deps: Deps, sql: Sql, person: PersonRef, run: MetricRun): Promise<MetricOutcome> {
  const watch = run.rules.map(watchRuleOf);
  const dated: DatedBaseline | undefined = watch.some(usesBaseline) ? await personBaseline(deps, sql, person, run.metric, run.state, run.now) : undefined;
  const baseline = dated?.baseline;
  const stream = resumedStream(deps, person, run, watch, baseline);
  // The newest reading the stream has seen, when it has seen any.
  const newestSeen = run.state?.snapshot.newestSeen ?? EARLIEST;
  const resumedAt = newestSeen > EARLIEST ? newestSeen : undefined;

  const events: RuleEvent[] = [];
  const feed = (readings: Reading[], flags: number[]) => readings.forEach((r, i) => stream.observe(r.t, r.value, flags[i]!, r.utcOffsetMinutes, events));
  const live = resumedAt === undefined ? { from: run.from, fromExclusive: false } : { from: resumedAt, fromExclusive: true };
  if (live.from <= run.to) await forEachPage(deps, sql, person, run, { ...live, to: run.to }, feed);
  stream.flush(events);

  const late = resumedAt !== undefined && run.from <= resumedAt ? await lateEpisodes(deps, sql, person, run, watch, baseline, resumedAt) : { lateFired: [], lateCleared: [] };

  const state: RuleState = {
    metric: run.metric,
    snapshot: stream.snapshot(),
    ...(dated ? { ...(baseline && { baseline }), baselineDate: dated.date } : pickBaseline(run.state)),
  };
  return { state, events, ...late };
}

/**
 * The episodes among readings the stream had passed: a fresh stream over them, from the longest
 * rule's lead-in before them to shortly after (to see how they ended, not into the stream's
 * future). Those inside a run the stream was in when they came are that run's, and left out.
 */
async function lateEpisodes(
  deps: Deps,
  sql: Sql,
  person: PersonRef,
  run: MetricRun,
  watch: WatchRule[],
  baseline: Baseline | undefined,
  resumedAt: number,
): Promise<Pick<MetricOutcome, 'lateFired' | 'lateCleared'>> {
  const fresh = new RuleStream({ userId: person.userId, metric: run.metric, rules: watch, baseline });
  const found: RuleEvent[] = [];
  const leadIn = Math.max(...watch.map((rule) => rule.condition.duration + rule.condition.maxGapMinutes)) * MINUTE_MS;
  const leadOut = Math.max(...watch.map((rule) => rule.condition.maxGapMinutes)) * MINUTE_MS;
  const range = { from: run.from - leadIn, fromExclusive: false, to: Math.min(run.to + leadOut, resumedAt) };
  await forEachPage(deps, sql, person, run, range, (readings, flags) => readings.forEach((r, i) => fresh.observe(r.t, r.value, flags[i]!, r.utcOffsetMinutes, found)));
  fresh.flush(found);
  const runStarts = openRunStarts(run.state!.snapshot, watch);
  const lateFired: RuleFired[] = [];
  const lateCleared: RuleCleared[] = [];
  for (const event of found) {
    if (event.kind === 'cleared') lateCleared.push(event);
    else if (event.evidence.from < (runStarts.get(event.ruleId) ?? Infinity)) lateFired.push(event);
  }
  return { lateFired, lateCleared };
}

/** Where each rule's run under way (as the snapshot left it, same revision) began. */
function openRunStarts(snapshot: RuleStreamSnapshot, rules: readonly WatchRule[]): Map<string, number> {
  const starts = new Map<string, number>();
  for (const rule of rules) {
    const episode = snapshot.episodes[rule.id];
    if (episode && episode.revision === rule.revision && episode.runLength > 0) starts.set(rule.id, episode.runStart);
  }
  return starts;
}

function watchRuleOf(rule: RuleRecord): WatchRule {
  return { id: rule.id, revision: rule.revision, condition: rule.condition, ...(rule.context && { context: rule.context }), cooldownMinutes: rule.cooldownMinutes };
}

function resumedStream(deps: Deps, person: PersonRef, run: MetricRun, rules: WatchRule[], baseline: Baseline | undefined): RuleStream {
  const open = { userId: person.userId, metric: run.metric, rules, baseline };
  if (!run.state) return new RuleStream(open);
  try {
    return new RuleStream({ ...open, snapshot: run.state.snapshot });
  } catch (error) {
    // A snapshot this engine cannot resume from (another version): start over rather than stop watching.
    deps.logger.warn({ err: error, tenantId: person.tenantId, metric: run.metric }, 'rule stream state unreadable; starting afresh');
    return new RuleStream(open);
  }
}

const pickBaseline = (state: RuleState | undefined): Pick<RuleState, 'baseline' | 'baselineDate'> =>
  state?.baselineDate ? { ...(state.baseline && { baseline: state.baseline }), baselineDate: state.baselineDate } : {};

const needsContext = (rules: readonly RuleRecord[]) => rules.some((rule) => rule.context?.atRest !== undefined || rule.context?.asleep !== undefined);

/** Every stored reading of the metric in the range, page by page, with the context flags the rules need. */
async function forEachPage(
  deps: Deps,
  sql: Sql,
  person: PersonRef,
  run: MetricRun,
  range: { from: number; fromExclusive: boolean; to: number },
  fn: (readings: Reading[], flags: number[]) => void,
): Promise<void> {
  const withContext = needsContext(run.rules);
  let after: Reading | undefined;
  for (;;) {
    const readings = await deps.monitoring.readings.readings(sql, person, { metric: run.metric, ...range, ...(after && { after }), limit: PAGE });
    if (readings.length === 0) return;
    fn(readings, withContext ? await contextOf(deps, sql, person, readings) : readings.map(() => 0));
    if (readings.length < PAGE) return;
    after = readings[readings.length - 1];
  }
}

async function contextOf(deps: Deps, sql: Sql, person: PersonRef, readings: Reading[]): Promise<number[]> {
  const from = readings[0]!.t - REST_WINDOW_MS;
  const to = readings[readings.length - 1]!.t;
  const sleep = await deps.monitoring.readings.sleepSpans(sql, person, from, to);
  const steps = await deps.monitoring.readings.stepSpans(sql, person, from, to);
  return readingFlags(
    readings.map((r) => r.t),
    sleep,
    steps,
  );
}
