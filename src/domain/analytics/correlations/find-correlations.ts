import { addDays } from '../series/calendar-date.ts';
import { countedOn, indexByDate, type DailySeries, type DayIndex } from '../series/daily-series.ts';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import { meanOf } from '../stats/descriptives.ts';
import { spearman, type Pair, type RankCorrelation, type RankCorrelationReason } from '../stats/spearman.ts';
import { correlationSentence, type TagComparison } from './correlation-sentence.ts';
import { isBinaryDriver } from './variable-labels.ts';

export type Lag = 0 | 1;

export interface CorrelationVariable {
  /** `tag:alcohol` (0/1 per day), `journal:mood`, or a metric id such as `steps` or `hrv_rmssd`. */
  readonly id: string;
  readonly series: DailySeries;
}

export interface CorrelationRequest {
  readonly drivers: readonly CorrelationVariable[];
  readonly outcomes: readonly CorrelationVariable[];
  /** Days from the driver to the outcome; lag 1 pairs a driver day with the next day's outcome. */
  readonly lags?: readonly Lag[];
  /** Fewer paired days than this and a pair is skipped, not tested. */
  readonly minPairs?: number;
  /** Findings with q at or below this are phrased as links; the rest as "no clear link yet". */
  readonly discoveryRate?: number;
}

export interface CorrelationFinding {
  readonly driver: string;
  readonly outcome: string;
  readonly lag: Lag;
  readonly rho: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly p: number;
  /** Benjamini–Hochberg q across every test of this run. */
  readonly q: number;
  readonly n: number;
  readonly discovery: boolean;
  /** Tags only: the outcome's mean on tagged and untagged days. */
  readonly comparison?: TagComparison;
  readonly sentence: string;
}

export interface SkippedCorrelation {
  readonly driver: string;
  readonly outcome: string;
  readonly lag: Lag;
  readonly n: number;
  readonly reason: RankCorrelationReason | 'too few paired days' | 'tag never or always present';
}

export interface CorrelationReport {
  /** Most convincing first (by q, then p). */
  readonly findings: readonly CorrelationFinding[];
  readonly skipped: readonly SkippedCorrelation[];
}

export const CORRELATION_DEFAULTS = { lags: [0, 1] as readonly Lag[], minPairs: 10, discoveryRate: 0.1 };

interface Tested {
  readonly driver: string;
  readonly outcome: string;
  readonly lag: Lag;
  readonly correlation: RankCorrelation;
  readonly comparison?: TagComparison;
}

/** Driver on day d with outcome on day d + lag, wherever both count. */
function pairUp(driver: DayIndex, outcome: DayIndex, lag: Lag): Pair[] {
  const pairs: Pair[] = [];
  for (const date of driver.keys()) {
    const x = countedOn(driver, date);
    const y = countedOn(outcome, addDays(date, lag));
    if (x !== undefined && y !== undefined) pairs.push([x, y]);
  }
  return pairs;
}

function compareTagged(pairs: readonly Pair[]): TagComparison | undefined {
  const withTag = pairs.filter(([x]) => x > 0).map(([, y]) => y);
  const withoutTag = pairs.filter(([x]) => x <= 0).map(([, y]) => y);
  const withMean = meanOf(withTag);
  const withoutMean = meanOf(withoutTag);
  if (withMean === undefined || withoutMean === undefined) return undefined;
  return { withTag: { n: withTag.length, mean: withMean }, withoutTag: { n: withoutTag.length, mean: withoutMean } };
}

function testPairs(driver: string, outcome: string, lag: Lag, pairs: readonly Pair[], minPairs: number): Tested | SkippedCorrelation {
  const skip = (reason: SkippedCorrelation['reason']): SkippedCorrelation => ({ driver, outcome, lag, n: pairs.length, reason });
  if (pairs.length < minPairs) return skip('too few paired days');
  const binary = isBinaryDriver(driver);
  const comparison = binary ? compareTagged(pairs) : undefined;
  if (binary && !comparison) return skip('tag never or always present');
  const correlation = spearman(pairs);
  if (!correlation.ok) return skip(correlation.reason);
  return { driver, outcome, lag, correlation, ...(comparison ? { comparison } : {}) };
}

/**
 * Every driver against every outcome at every lag: Spearman's rho with a Fisher-z interval,
 * then Benjamini–Hochberg across all the tests run, so testing many pairs does not manufacture
 * discoveries. Each finding carries one plain sentence.
 */
export function findCorrelations(request: CorrelationRequest): CorrelationReport {
  const lags = request.lags ?? CORRELATION_DEFAULTS.lags;
  const minPairs = request.minPairs ?? CORRELATION_DEFAULTS.minPairs;
  const discoveryRate = request.discoveryRate ?? CORRELATION_DEFAULTS.discoveryRate;
  const outcomes = request.outcomes.map((outcome) => ({ id: outcome.id, index: indexByDate(outcome.series) }));
  const tested: Tested[] = [];
  const skipped: SkippedCorrelation[] = [];
  for (const driver of request.drivers) {
    const driverIndex = indexByDate(driver.series);
    for (const outcome of outcomes) {
      if (outcome.id === driver.id) continue;
      for (const lag of lags) {
        const result = testPairs(driver.id, outcome.id, lag, pairUp(driverIndex, outcome.index, lag), minPairs);
        if ('reason' in result) skipped.push(result);
        else tested.push(result);
      }
    }
  }
  const qValues = benjaminiHochberg(tested.map((t) => t.correlation.p));
  const findings = tested.map((t, i): CorrelationFinding => {
    const q = qValues[i]!;
    const { rho, ciLow, ciHigh, p, n } = t.correlation;
    const discovery = q <= discoveryRate;
    const facts = { driver: t.driver, outcome: t.outcome, lag: t.lag, rho, n, q, discovery, ...(t.comparison ? { comparison: t.comparison } : {}) };
    return { ...facts, ciLow, ciHigh, p, sentence: correlationSentence(facts) };
  });
  return { findings: findings.sort((a, b) => a.q - b.q || a.p - b.p), skipped };
}
