import type { CorrelationFinding, RiskFlagChecks } from '../../../domain/analytics/index.ts';

export const MAX_INSIGHTS = 5;

export type DashboardInsight =
  | { kind: 'risk'; flag: string; strength: 'possible' | 'likely'; sentence: string; days: readonly string[] }
  | { kind: 'correlation'; driver: string; outcome: string; lag: 0 | 1; q: number; sentence: string };

/** What deserves the person's attention first: today's raised risk flags, then the strongest correlation discoveries. */
export function topInsights(risks: RiskFlagChecks, findings: readonly CorrelationFinding[]): DashboardInsight[] {
  const raised = Object.values(risks).flatMap((check): DashboardInsight[] =>
    check.raised ? [{ kind: 'risk', flag: check.flag.kind, strength: check.flag.strength, sentence: check.flag.sentence, days: check.flag.days }] : [],
  );
  const discoveries = findings
    .filter((finding) => finding.discovery)
    .map((finding): DashboardInsight => ({ kind: 'correlation', driver: finding.driver, outcome: finding.outcome, lag: finding.lag, q: finding.q, sentence: finding.sentence }));
  return [...raised, ...discoveries].slice(0, MAX_INSIGHTS);
}
