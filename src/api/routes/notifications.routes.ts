import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import { deleteWebhook } from '../../app/monitoring/notifications/delete-webhook.ts';
import { getAlertingSettings } from '../../app/monitoring/notifications/get-alerting-settings.ts';
import { getPreferences } from '../../app/monitoring/notifications/get-preferences.ts';
import { getWebhook } from '../../app/monitoring/notifications/get-webhook.ts';
import { listNotifications } from '../../app/monitoring/notifications/list-notifications.ts';
import { listWebhookDeliveries } from '../../app/monitoring/notifications/list-webhook-deliveries.ts';
import { markNotificationsRead } from '../../app/monitoring/notifications/mark-notifications-read.ts';
import { rotateWebhookSecret } from '../../app/monitoring/notifications/rotate-webhook-secret.ts';
import { setAlertingSettings } from '../../app/monitoring/notifications/set-alerting-settings.ts';
import { setPreferences } from '../../app/monitoring/notifications/set-preferences.ts';
import { setWebhook } from '../../app/monitoring/notifications/set-webhook.ts';
import * as c from '../../contracts/notifications.ts';
import { noBody } from '../../contracts/teams.ts';
import type { AuthGuard } from '../auth-guard.ts';

const tags = ['notifications'];
const member = { permission: 'members:read' } as const;

/**
 * The caller's inbox and how they want to hear about alerts; the tenant's on-call list,
 * critical-alert policy and outgoing webhook (admins).
 */
export function registerNotificationRoutes(app: FastifyInstance, deps: MonitoringDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/notifications',
    { schema: { tags, summary: 'My inbox, newest first, with the unread count', querystring: c.inboxQuery, response: { 200: c.inbox } } },
    async (request) => listNotifications(deps, await guard.tenant(request, member), request.query),
  );

  r.post(
    '/api/v1/notifications/:id/read',
    { schema: { tags, summary: 'Mark one notification read', params: c.notificationParams, body: noBody, response: { 200: c.markedRead } } },
    async (request) => markNotificationsRead(deps, await guard.tenant(request, member), request.params.id),
  );

  r.post(
    '/api/v1/notifications/read-all',
    { schema: { tags, summary: 'Mark every unread notification read', body: noBody, response: { 200: c.markedRead } } },
    async (request) => markNotificationsRead(deps, await guard.tenant(request, member)),
  );

  r.get(
    '/api/v1/notifications/preferences',
    { schema: { tags, summary: 'Which severities reach me where, my quiet hours (in my time zone) and daily summary', response: { 200: c.preferencesView } } },
    async (request) => getPreferences(deps, await guard.tenant(request, member)),
  );

  r.put(
    '/api/v1/notifications/preferences',
    { schema: { tags, summary: 'Set how I hear about alerts', body: c.preferencesBody, response: { 200: c.preferencesView } } },
    async (request) => setPreferences(deps, await guard.tenant(request, member), request.body),
  );

  r.get(
    '/api/v1/notifications/alerting',
    { schema: { tags, summary: "Who is on call, and whether critical alerts break everyone's quiet hours", response: { 200: c.alertingSettings } } },
    async (request) => getAlertingSettings(deps, await guard.tenant(request, member)),
  );

  r.put(
    '/api/v1/notifications/alerting',
    { schema: { tags, summary: 'Set who is on call and the critical-alert policy (admins)', body: c.alertingSettingsBody, response: { 200: c.alertingSettings } } },
    async (request) => setAlertingSettings(deps, await guard.tenant(request), request.body),
  );

  r.get(
    '/api/v1/notifications/webhook',
    { schema: { tags, summary: "The organisation's outgoing webhook (admins)", response: { 200: c.webhookView } } },
    async (request) => getWebhook(deps, await guard.tenant(request)),
  );

  r.put(
    '/api/v1/notifications/webhook',
    { schema: { tags, summary: 'Set the outgoing webhook; a new one answers its signing secret, once (admins)', body: c.webhookBody, response: { 200: c.webhookWithSecret.partial({ secret: true }) } } },
    async (request) => setWebhook(deps, await guard.tenant(request), request.body),
  );

  r.post(
    '/api/v1/notifications/webhook/rotate-secret',
    { schema: { tags, summary: 'A new signing secret, answered once; the old one stops working (admins)', body: noBody, response: { 200: c.webhookWithSecret } } },
    async (request) => rotateWebhookSecret(deps, await guard.tenant(request)),
  );

  r.delete(
    '/api/v1/notifications/webhook',
    { schema: { tags, summary: 'Remove the outgoing webhook (admins)', body: noBody } },
    async (request, reply) => {
      await deleteWebhook(deps, await guard.tenant(request));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/notifications/webhook/deliveries',
    { schema: { tags, summary: 'The delivery log of the outgoing webhook, newest first (admins)', querystring: c.deliveriesQuery, response: { 200: c.webhookDeliveries } } },
    async (request) => listWebhookDeliveries(deps, await guard.tenant(request), request.query),
  );
}
