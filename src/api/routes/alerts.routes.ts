import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { acknowledgeAlert } from '../../app/monitoring/alerts/acknowledge-alert.ts';
import { commentOnAlert } from '../../app/monitoring/alerts/comment-on-alert.ts';
import { getAlert } from '../../app/monitoring/alerts/get-alert.ts';
import { countAlerts, listAlerts } from '../../app/monitoring/alerts/list-alerts.ts';
import { resolveAlert } from '../../app/monitoring/alerts/resolve-alert.ts';
import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import * as c from '../../contracts/alerts.ts';
import { noBody } from '../../contracts/teams.ts';
import { readsSamples, writesSamples, type AuthGuard } from '../auth-guard.ts';

const tags = ['alerts'];

/**
 * Alerts of the people the caller watches (themselves, their care team, everyone while on
 * call) and their lifecycle: open -> acknowledged -> resolved, with comments. Anyone else's
 * alert answers 404. Every step is audited and streamed.
 */
export function registerAlertRoutes(app: FastifyInstance, deps: MonitoringDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/alerts',
    { schema: { tags, summary: 'Alerts with their evidence, newest first, by state, severity and person', querystring: c.alertsQuery, response: { 200: c.alertList } } },
    async (request) => listAlerts(deps, await guard.tenant(request, readsSamples), request.query),
  );

  r.get(
    '/api/v1/alerts/counts',
    { schema: { tags, summary: 'How many alerts the same filters find, by severity', querystring: c.alertCountsQuery, response: { 200: c.alertCounts } } },
    async (request) => countAlerts(deps, await guard.tenant(request, readsSamples), request.query),
  );

  r.get(
    '/api/v1/alerts/:id',
    { schema: { tags, summary: 'One alert with its evidence and comments', params: c.alertParams, response: { 200: c.alertDetail } } },
    async (request) => getAlert(deps, await guard.tenant(request, readsSamples), request.params.id),
  );

  r.post(
    '/api/v1/alerts/:id/acknowledge',
    { schema: { tags, summary: 'I am on it: open -> acknowledged', params: c.alertParams, body: noBody, response: { 200: c.alertView } } },
    async (request) => acknowledgeAlert(deps, await guard.tenant(request, writesSamples), request.params.id),
  );

  r.post(
    '/api/v1/alerts/:id/resolve',
    { schema: { tags, summary: 'Done: open or acknowledged -> resolved, with an optional note', params: c.alertParams, body: c.resolveBody, response: { 200: c.alertView } } },
    async (request) => resolveAlert(deps, await guard.tenant(request, writesSamples), request.params.id, request.body?.note),
  );

  r.post(
    '/api/v1/alerts/:id/comments',
    { schema: { tags, summary: 'Comment on an alert', params: c.alertParams, body: c.commentBody, response: { 201: c.alertComment } } },
    async (request, reply) => reply.status(201).send(await commentOnAlert(deps, await guard.tenant(request, writesSamples), request.params.id, request.body.body)),
  );
}
