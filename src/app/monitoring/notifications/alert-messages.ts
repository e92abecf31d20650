import type { AlertRecord, Recipient } from '../monitoring-ports.ts';

/** What the inbox and the email say about an alert, to `recipient` about `subject`. */
export function alertMessage(alert: AlertRecord, subject: Pick<Recipient, 'userId' | 'name'>, recipient: Pick<Recipient, 'userId'>, publicUrl: string) {
  const whom = subject.userId === recipient.userId ? 'you' : subject.name;
  const severity = alert.severity.toUpperCase();
  const span = `${alert.metric.replace(/_/g, ' ')} from ${new Date(alert.evidence.from).toISOString()} to ${new Date(alert.evidence.to).toISOString()}`;
  const link = `${publicUrl.replace(/\/+$/, '')}/alerts/${alert.id}`;
  return {
    title: `${severity}: ${alert.ruleName} (${whom})`,
    body: `"${alert.ruleName}" fired for ${whom}: ${span}, ${alert.evidence.sampleCount} readings.`,
    mailSubject: `[Vitalis] ${severity} alert: ${alert.ruleName} for ${whom}`,
    mailText: `"${alert.ruleName}" fired for ${whom}.\n\nReadings of ${span} (${alert.evidence.sampleCount} in all).\n\nOpen the alert: ${link}\n`,
  };
}
