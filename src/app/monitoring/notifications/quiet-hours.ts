import type { Severity } from '../../../domain/rules/index.ts';
import type { NotificationPreferences } from '../monitoring-ports.ts';
import { inLocalWindow, nextLocalTime } from './local-clock.ts';

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  inApp: ['low', 'medium', 'high', 'critical'],
  email: ['high', 'critical'],
  quietHours: null,
  criticalBreaksQuietHours: false,
  dailySummaryAt: null,
};

/**
 * When an email may go out: at `now`, or, inside the person's quiet hours (local time in their
 * zone, whatever its offset that night), when they end. Quiet hours hold mail back; they
 * never drop it.
 */
export function emailTime(now: number, quietHours: NotificationPreferences['quietHours'], timeZone: string, breaksThrough: boolean): number {
  if (!quietHours || breaksThrough || !inLocalWindow(now, quietHours, timeZone)) return now;
  return nextLocalTime(now, quietHours.to, timeZone).at;
}

export interface DeliveryPlan {
  inApp: boolean;
  /** Epoch ms the email is to go out at; absent: no email. */
  emailAt?: number;
}

/**
 * How one person hears about an alert of `severity`: in the inbox and by email as their
 * preferences say; a critical alert breaks through quiet hours where the person or the
 * tenant's policy says so.
 */
export function planDelivery(severity: Severity, preferences: NotificationPreferences, timeZone: string, tenantCriticalBreaks: boolean, now: number): DeliveryPlan {
  const inApp = preferences.inApp.includes(severity);
  if (!preferences.email.includes(severity)) return { inApp };
  const breaksThrough = severity === 'critical' && (preferences.criticalBreaksQuietHours || tenantCriticalBreaks);
  return { inApp, emailAt: emailTime(now, preferences.quietHours, timeZone, breaksThrough) };
}
