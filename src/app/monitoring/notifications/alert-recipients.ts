import type { PersonRef, Sql } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { AlertRecord } from '../monitoring-ports.ts';

/**
 * Whom a rule's action tells about an alert: `notification` the person; `alert` their care team
 * (the person, when nobody looks after them); `doctor_ping` the clinicians on call (else the
 * care team, else the person). Watching an alert live is another matter: the stream shows it
 * to everyone who watches the person, whatever the action.
 */
export async function alertRecipients(deps: Pick<MonitoringDeps, 'monitoring'>, sql: Sql, alert: AlertRecord): Promise<string[]> {
  const person: PersonRef = { tenantId: alert.tenantId, userId: alert.userId };
  if (alert.actionType === 'notification') return [alert.userId];
  const onCall = alert.actionType === 'doctor_ping' ? await deps.monitoring.alerting.onCall(sql, alert.tenantId) : [];
  if (onCall.length > 0) return onCall;
  const careTeam = await deps.monitoring.alerting.careTeamOf(sql, person);
  return careTeam.length > 0 ? careTeam : [alert.userId];
}
