import type { PersonRef } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { AlertRecord, Recipient } from '../monitoring-ports.ts';
import { alertMessage } from './alert-messages.ts';
import { alertRecipients } from './alert-recipients.ts';
import { DEFAULT_PREFERENCES, planDelivery } from './quiet-hours.ts';
import { queueWebhookDelivery } from './queue-webhook-delivery.ts';

export interface NotifyJob {
  tenantId: string;
  userId: string;
  alertId: string;
}

/**
 * Tells the people an alert concerns (alertRecipients): each in their inbox and by email as
 * their own preferences say — read and written as that person, so each sees only their own —
 * with mail held back through quiet hours; then the tenant's webhook; then marks the alert as
 * owing nothing more. Safe to run again: one notification per alert and person, one mail job
 * and one delivery per alert, and nothing at all once the alert owes nothing (historical
 * alerts never do). A person no longer in the tenant is told nothing.
 */
export async function notifyAlert(deps: MonitoringDeps, job: NotifyJob): Promise<void> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  const found = await deps.tx.withTenant(person, async (sql) => {
    const alert = await deps.monitoring.alerts.get(sql, job.tenantId, job.alertId);
    if (!alert?.notifyPending) return undefined;
    const recipientIds = await alertRecipients(deps, sql, alert);
    const people = await deps.monitoring.alerting.recipients(sql, job.tenantId, [...new Set([...recipientIds, alert.userId])]);
    const subject = people.find((p) => p.userId === alert.userId);
    const tenantCriticalBreaks = await deps.monitoring.alerting.criticalBreaksQuietHours(sql, job.tenantId);
    return { alert, subject, recipients: people.filter((p) => recipientIds.includes(p.userId)), tenantCriticalBreaks };
  });
  if (!found) return;
  const { alert, subject } = found;
  if (subject) {
    for (const recipient of found.recipients) await notifyRecipient(deps, alert, subject, recipient, found.tenantCriticalBreaks);
    await queueWebhookDelivery(deps, alert);
  }
  await deps.tx.withTenant(person, (sql) => deps.monitoring.alerts.markNotified(sql, job.tenantId, job.alertId));
}

async function notifyRecipient(deps: MonitoringDeps, alert: AlertRecord, subject: Recipient, recipient: Recipient, tenantCriticalBreaks: boolean): Promise<void> {
  const now = deps.clock.now();
  const self: PersonRef = { tenantId: alert.tenantId, userId: recipient.userId };
  const message = alertMessage(alert, subject, recipient, deps.monitoringSettings.publicUrl());
  const emailAt = await deps.tx.withTenant(self, async (sql) => {
    const preferences = (await deps.monitoring.preferences.get(sql, self)) ?? DEFAULT_PREFERENCES;
    const plan = planDelivery(alert.severity, preferences, recipient.timeZone, tenantCriticalBreaks, now.getTime());
    if (plan.inApp) {
      await deps.monitoring.notifications.insert(sql, self, { id: deps.ids.newId(), alertId: alert.id, severity: alert.severity, title: message.title, body: message.body }, now);
    }
    return plan.emailAt;
  });
  if (emailAt === undefined) return;
  await deps.queue.enqueue(
    'mail.send.v1',
    { tenantId: alert.tenantId, message: { to: recipient.email, subject: message.mailSubject, text: message.mailText } },
    { jobId: `alert-mail:${alert.id}:${recipient.userId}`, delayMs: Math.max(0, emailAt - now.getTime()) },
  );
}
