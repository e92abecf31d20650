import type { RuleCleared, RuleFired } from '../../../domain/rules/index.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { PersonRef, Sql } from '../../ports.ts';
import { alertOpened, alertUpdated } from '../alerts/alert-view.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { AlertRecord, NewLiveEvent, RuleRecord } from '../monitoring-ports.ts';
import type { MetricOutcome } from './evaluate-metric.ts';

const MINUTE_MS = 60_000;

export interface RecordedEvents {
  /** Alerts opened live: the people they concern are to be told. */
  opened: AlertRecord[];
  live: NewLiveEvent[];
}

type Deps = Pick<MonitoringDeps, 'monitoring' | 'repos' | 'ids' | 'clock' | 'monitoringSettings'>;

/**
 * Stores what one metric's evaluation found: an alert per fired episode (once: the alert key is
 * unique), the end of an episode on its alert (resolving it when the rule says so), and alerts
 * among late readings unless an alert of the rule for the person already covers that episode
 * or fired within the rule's cooldown of it. Each alert is audited. An alert fired by a reading older than
 * the live horizon is historical: recorded resolved, and nobody is told.
 */
export async function recordRuleEvents(deps: Deps, sql: Sql, person: PersonRef, rules: ReadonlyMap<string, RuleRecord>, outcome: MetricOutcome, now: Date): Promise<RecordedEvents> {
  const recorded: RecordedEvents = { opened: [], live: [] };
  for (const event of outcome.events) {
    const rule = rules.get(event.ruleId);
    if (!rule) continue;
    if (event.kind === 'fired') await open(deps, sql, person, rule, event, now, recorded);
    else await clear(deps, sql, person, rule, event, now, recorded);
  }
  for (const fired of outcome.lateFired) {
    const rule = rules.get(fired.ruleId);
    if (!rule) continue;
    const cooldownMs = rule.cooldownMinutes * MINUTE_MS;
    if (await deps.monitoring.alerts.existsNear(sql, person, rule.id, fired.evidence.from, fired.evidence.to, cooldownMs)) continue;
    const alert = await open(deps, sql, person, rule, fired, now, recorded);
    const ended = outcome.lateCleared.find((cleared) => cleared.alertKey === fired.alertKey);
    if (alert && ended) await deps.monitoring.alerts.markCleared(sql, person.tenantId, alert.id, ended.at, ended.reason, now);
  }
  return recorded;
}

async function open(deps: Deps, sql: Sql, person: PersonRef, rule: RuleRecord, fired: RuleFired, now: Date, recorded: RecordedEvents): Promise<AlertRecord | undefined> {
  const historical = now.getTime() - fired.at > deps.monitoringSettings.liveHorizonMs;
  const alert = await deps.monitoring.alerts.insert(sql, {
    id: deps.ids.newId(),
    tenantId: person.tenantId,
    userId: person.userId,
    ruleId: rule.id,
    ruleName: rule.name,
    actionType: rule.actionType,
    alertKey: fired.alertKey,
    metric: fired.metric,
    severity: rule.severity,
    state: historical ? 'resolved' : 'open',
    historical,
    resolution: historical ? 'historical' : null,
    evidence: { from: fired.evidence.from, to: fired.evidence.to, sampleCount: fired.evidence.sampleCount, samples: [...fired.evidence.samples] },
    recordedAt: now,
    notifyPending: !historical,
  });
  if (!alert) return undefined;
  await recordAudit(deps, sql, person.tenantId, {
    action: historical ? 'alert.recorded_historical' : 'alert.opened',
    targetType: 'alert',
    targetId: alert.id,
    details: { userId: person.userId, ruleId: rule.id, ruleRevision: rule.revision, severity: rule.severity, alertKey: alert.alertKey },
  });
  if (!historical) {
    recorded.opened.push(alert);
    recorded.live.push(alertOpened(alert));
  }
  return alert;
}

async function clear(deps: Deps, sql: Sql, person: PersonRef, rule: RuleRecord, cleared: RuleCleared, now: Date, recorded: RecordedEvents): Promise<void> {
  const alert = await deps.monitoring.alerts.byKey(sql, person.tenantId, cleared.alertKey);
  if (!alert || alert.clearedAt !== null) return;
  await deps.monitoring.alerts.markCleared(sql, person.tenantId, alert.id, cleared.at, cleared.reason, now);
  // A hole in the data ends the episode but says nothing about the condition: only a reading that no longer matches resolves.
  if (!rule.autoResolve || cleared.reason !== 'condition_cleared') return;
  const resolved = await deps.monitoring.alerts.transition(sql, person.tenantId, alert.id, {
    from: ['open', 'acknowledged'],
    to: 'resolved',
    by: null,
    at: now,
    resolution: 'condition_cleared',
  });
  if (!resolved) return;
  await recordAudit(deps, sql, person.tenantId, {
    action: 'alert.resolved',
    targetType: 'alert',
    targetId: alert.id,
    details: { userId: person.userId, resolution: 'condition_cleared', clearedAt: new Date(cleared.at).toISOString() },
  });
  recorded.live.push(alertUpdated(resolved, 'resolved'));
}
