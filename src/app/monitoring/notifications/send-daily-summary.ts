import { SEVERITIES } from '../../../domain/rules/index.ts';
import type { PersonRef } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { AlertRecord } from '../monitoring-ports.ts';
import { scheduleDailySummary, type DailySummaryJob } from './schedule-daily-summary.ts';

const DAY_MS = 86_400_000;
const LISTED = 10;

/**
 * A person's daily summary: the alerts of the last 24 hours among the people they watch, by
 * severity with the newest listed, and their unread notifications. Read as the person. A job
 * for a time the person no longer wants (changed or turned off) does nothing; otherwise the
 * next day's is queued.
 */
export async function sendDailySummary(deps: MonitoringDeps, job: DailySummaryJob): Promise<void> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  const now = deps.clock.now();
  const found = await deps.tx.withTenant(person, async (sql) => {
    const preferences = await deps.monitoring.preferences.get(sql, person);
    if (preferences?.dailySummaryAt !== job.at) return undefined;
    const [me] = await deps.monitoring.alerting.recipients(sql, job.tenantId, [job.userId]);
    if (!me) return undefined;
    const alerts = await deps.monitoring.alerts.recordedSince(sql, job.tenantId, new Date(now.getTime() - DAY_MS), 500);
    const unread = await deps.monitoring.notifications.unreadCount(sql, person);
    return { me, alerts, unread };
  });
  if (!found) return;
  await deps.queue.enqueue(
    'mail.send.v1',
    { tenantId: job.tenantId, message: { to: found.me.email, subject: `[Vitalis] Your daily summary for ${job.date}`, text: summaryText(found.alerts, found.unread, deps.monitoringSettings.publicUrl()) } },
    { jobId: `daily-summary-mail:${job.tenantId}:${job.userId}:${job.date}` },
  );
  await scheduleDailySummary(deps, person, job.at, found.me.timeZone);
}

function summaryText(alerts: readonly AlertRecord[], unread: number, publicUrl: string): string {
  const counts = SEVERITIES.map((s) => `${alerts.filter((a) => a.severity === s).length} ${s}`).join(', ');
  const listed = alerts.slice(0, LISTED).map((a) => `- ${a.severity.toUpperCase()} ${a.ruleName} (${a.state}), ${a.openedAt}`);
  return [
    alerts.length === 0 ? 'No alerts in the last 24 hours.' : `Alerts in the last 24 hours: ${alerts.length} (${counts}).`,
    ...listed,
    alerts.length > LISTED ? `… and ${alerts.length - LISTED} more.` : '',
    `Unread notifications: ${unread}.`,
    `Open Vitalis: ${publicUrl.replace(/\/+$/, '')}/alerts`,
  ]
    .filter(Boolean)
    .join('\n');
}
