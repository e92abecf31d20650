import type { AlertView } from '../../../contracts/alerts.ts';
import type { AlertRecord, NewLiveEvent, StoredEvidence } from '../monitoring-ports.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Which alert: its rule, person, metric, severity and action. */
export function alertIdentity(alert: AlertRecord) {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    ruleName: alert.ruleName,
    userId: alert.userId,
    metric: alert.metric,
    severity: alert.severity,
    action: alert.actionType,
  };
}

/** When the evidence ran and how many readings it holds, without the readings. */
export function evidenceWindow(evidence: StoredEvidence) {
  return { from: iso(evidence.from), to: iso(evidence.to), sampleCount: evidence.sampleCount };
}

export function alertView(alert: AlertRecord): AlertView {
  const { evidence } = alert;
  return {
    ...alertIdentity(alert),
    state: alert.state,
    historical: alert.historical,
    openedAt: alert.openedAt,
    evidence: { ...evidenceWindow(evidence), samples: evidence.samples.map((s) => ({ at: iso(s.t), value: s.value })) },
    ...(alert.acknowledgedAt !== null && { acknowledgedAt: alert.acknowledgedAt }),
    ...(alert.acknowledgedBy !== null && { acknowledgedBy: alert.acknowledgedBy }),
    ...(alert.resolvedAt !== null && { resolvedAt: alert.resolvedAt }),
    ...(alert.resolvedBy !== null && { resolvedBy: alert.resolvedBy }),
    ...(alert.resolution !== null && { resolution: alert.resolution }),
    ...(alert.clearedAt !== null && { clearedAt: alert.clearedAt }),
    ...(alert.clearReason !== null && { clearReason: alert.clearReason }),
  };
}

export type AlertChange = 'acknowledged' | 'resolved' | 'commented';

/** The live events of an alert: opened, and each change after (with what changed). */
export const alertOpened = (alert: AlertRecord): NewLiveEvent => ({ userId: alert.userId, kind: 'alert.opened', payload: alertView(alert) });
export const alertUpdated = (alert: AlertRecord, change: AlertChange): NewLiveEvent => ({
  userId: alert.userId,
  kind: 'alert.updated',
  payload: { ...alertView(alert), change },
});
