import { z } from 'zod';
import { SEVERITIES } from '../domain/rules/index.ts';

const id = z.string().uuid();
const instant = z.string();
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM, 00:00 to 23:59');
const severities = z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).transform((list) => [...new Set(list)]);

// ------------------------------------------------------------------ the inbox

export const notificationParams = z.object({ id });

export const inboxQuery = z
  .object({
    unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    before: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const notificationView = z.object({
  id: z.string(),
  alertId: z.string().optional(),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  body: z.string(),
  createdAt: instant,
  readAt: instant.optional(),
});

export const inbox = z.object({ items: z.array(notificationView), unread: z.number().int() });

export const markedRead = z.object({ marked: z.number().int(), unread: z.number().int() });

// ------------------------------------------------------------------ a person's preferences

/** Quiet hours in the person's own time zone (their profile's), `from` inclusive, `to` exclusive, wrapping midnight. */
const quietHours = z
  .object({ from: clockTime, to: clockTime })
  .strict()
  .refine((q) => q.from !== q.to, { path: ['to'], message: 'from and to are the same time: quiet hours would be empty' });

export const preferencesBody = z
  .object({
    /** Severities that land in the in-app inbox. */
    inApp: severities,
    /** Severities that are also emailed. */
    email: severities,
    quietHours: quietHours.nullable(),
    /** Critical alerts are emailed during quiet hours too (the tenant's policy may say so for everyone). */
    criticalBreaksQuietHours: z.boolean(),
    /** The local time of a daily summary email; null for none. */
    dailySummaryAt: clockTime.nullable(),
  })
  .strict();

export const preferencesView = z.object({
  inApp: z.array(z.enum(SEVERITIES)),
  email: z.array(z.enum(SEVERITIES)),
  quietHours: z.object({ from: z.string(), to: z.string() }).nullable(),
  criticalBreaksQuietHours: z.boolean(),
  dailySummaryAt: z.string().nullable(),
  /** The time zone quiet hours and the daily summary are read in (set with PUT /api/v1/me/time-zone). */
  timeZone: z.string(),
});

export type PreferencesBody = z.infer<typeof preferencesBody>;

// ------------------------------------------------------------------ the tenant's alerting (admins)

export const alertingSettingsBody = z
  .object({
    /** Members (clinicians or admins) paged by doctor_ping rules; they see every member's alerts. */
    onCall: z.array(id).max(100).transform((list) => [...new Set(list)]),
    /** Critical alerts reach everyone in their quiet hours. */
    criticalBreaksQuietHours: z.boolean(),
  })
  .strict();

export const alertingSettings = z.object({ onCall: z.array(z.string()), criticalBreaksQuietHours: z.boolean() });

const webhookUrl = z
  .string()
  .trim()
  .max(2048)
  .url('an absolute URL')
  .regex(/^https?:\/\//i, 'an http(s) URL');

export const webhookBody = z
  .object({
    url: webhookUrl,
    /** Alerts of this severity and above are sent. */
    minSeverity: z.enum(SEVERITIES).default('low'),
    enabled: z.boolean().default(true),
  })
  .strict();

export const webhookView = z.object({
  url: z.string(),
  minSeverity: z.enum(SEVERITIES),
  enabled: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});

/** Shown once, when the webhook is created or its secret rotated: keep it to verify signatures. */
export const webhookWithSecret = webhookView.extend({ secret: z.string() });

export const deliveriesQuery = z
  .object({
    before: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const webhookDelivery = z.object({
  id: z.string(),
  alertId: z.string().optional(),
  event: z.string(),
  url: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  responseStatus: z.number().int().optional(),
  lastError: z.string().optional(),
  createdAt: instant,
  deliveredAt: instant.optional(),
});

export const webhookDeliveries = z.array(webhookDelivery);

export type AlertingSettingsBody = z.infer<typeof alertingSettingsBody>;
export type WebhookBody = z.infer<typeof webhookBody>;
export type NotificationView = z.infer<typeof notificationView>;
export type WebhookDelivery = z.infer<typeof webhookDelivery>;
