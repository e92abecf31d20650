import type { PersonRef } from '../../ports.ts';
import { announceLiveEvents } from '../live/announce-live-events.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { queueOwedNotifications } from '../notifications/queue-owed-notifications.ts';
import type { AlertRecord, NewLiveEvent, RuleRecord, RuleState } from '../monitoring-ports.ts';
import { evaluateMetric } from './evaluate-metric.ts';
import { recordRuleEvents } from './record-rule-events.ts';

/** A stored batch as samples.ingested names it. */
export interface EvaluationJob {
  tenantId: string;
  userId: string;
  metrics: string[];
  from: string;
  to: string;
}

/**
 * Runs a person's rules over a stored batch, as the person. One person's evaluations take
 * turns (a lock per person), so any number of workers share the load without two of them
 * advancing the same stream; the rule state, the alerts and the live events commit together,
 * so a job run twice (at least once delivery, a restart) finds its work done. A live alert is
 * stored owing its notifications; after the commit, the notification job of every alert of the
 * person that still owes them is queued (this run's, and any a crash left behind) and the
 * stream connections told. Every batch is a `data.ingested` live event, with or without rules.
 * Returns the alerts it opened live.
 */
export async function evaluatePersonRules(deps: MonitoringDeps, job: EvaluationJob): Promise<AlertRecord[]> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  const now = deps.clock.now();
  const repos = deps.monitoring;
  const { opened, owed, seq, alertsChanged } = await deps.tx.withTenant(person, async (sql) => {
    await repos.ruleStates.lockPerson(sql, person);
    const rules = await repos.rules.watching(sql, person, job.metrics);
    const byMetric = groupByMetric(rules);
    const states = byMetric.size > 0 ? await repos.ruleStates.get(sql, person, [...byMetric.keys()]) : new Map<string, RuleState>();
    const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
    const live: NewLiveEvent[] = [{ userId: job.userId, kind: 'data.ingested', payload: { userId: job.userId, metrics: job.metrics, from: job.from, to: job.to } }];
    const opened: AlertRecord[] = [];
    const saved: RuleState[] = [];
    for (const [metric, metricRules] of byMetric) {
      const outcome = await evaluateMetric(deps, sql, person, { metric, rules: metricRules, state: states.get(metric), from: Date.parse(job.from), to: Date.parse(job.to), now });
      const recorded = await recordRuleEvents(deps, sql, person, rulesById, outcome, now);
      opened.push(...recorded.opened);
      live.push(...recorded.live);
      saved.push(outcome.state);
    }
    await repos.ruleStates.save(sql, person, saved, now);
    const owed = await repos.alerts.owedNotifications(sql, person);
    // Last: the tenant's event counter stays locked from here to the commit.
    const seq = await repos.liveEvents.append(sql, person.tenantId, live, now);
    return { opened, owed, seq, alertsChanged: live.some((event) => event.kind !== 'data.ingested') };
  });
  await queueOwedNotifications(deps, owed);
  await announceLiveEvents(deps, person.tenantId, seq, alertsChanged ? [person.userId] : []);
  return opened;
}

function groupByMetric(rules: readonly RuleRecord[]): Map<string, RuleRecord[]> {
  const byMetric = new Map<string, RuleRecord[]>();
  for (const rule of rules) byMetric.set(rule.condition.metric, [...(byMetric.get(rule.condition.metric) ?? []), rule]);
  return byMetric;
}
