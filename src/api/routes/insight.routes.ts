import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { listCorrelations } from '../../app/insight/correlations/list-correlations.ts';
import { requestCorrelationRefresh } from '../../app/insight/correlations/request-correlation-refresh.ts';
import { getDashboardSummary } from '../../app/insight/dashboard/get-dashboard-summary.ts';
import { getForecasts } from '../../app/insight/get-forecasts.ts';
import { getRisks } from '../../app/insight/get-risks.ts';
import { getScores } from '../../app/insight/get-scores.ts';
import { getStreaks } from '../../app/insight/get-streaks.ts';
import { getTrend } from '../../app/insight/get-trend.ts';
import type { InsightDeps } from '../../app/insight/insight-deps.ts';
import * as c from '../../contracts/insight.ts';
import { readsSamples, type AuthGuard } from '../auth-guard.ts';

const tags = ['insight'];

/**
 * Insight read from the daily rollups: the dashboard, trends, scores, forecasts, risk flags,
 * streaks and stored correlations. Each takes `userId` for a clinician reading a member on
 * their care team (audited); anyone else's id answers 404.
 */
export function registerInsightRoutes(app: FastifyInstance, deps: InsightDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // The body is JSON text serialized once (and usually from the cache), sent as it is: the
  // route is typed by hand so the reply takes a string; the schema still documents the shape.
  app.get<{ Querystring: z.infer<typeof c.subjectQuery> }>(
    '/api/v1/dashboard/summary',
    { schema: { tags, summary: 'Today against my baseline, the week in sparklines, top insights, open alerts', querystring: c.subjectQuery, response: { 200: c.dashboardSummary } } },
    async (request, reply) => reply.type('application/json; charset=utf-8').send(await getDashboardSummary(deps, await guard.tenant(request, readsSamples), request.query.userId)),
  );

  r.get(
    '/api/v1/trends',
    { schema: { tags, summary: 'A metric over 7d, 30d, 90d or 1y with its baseline band, and whether it changed beyond noise', querystring: c.trendQuery, response: { 200: c.trendResponse } } },
    async (request) => getTrend(deps, await guard.tenant(request, readsSamples), request.query),
  );

  r.get(
    '/api/v1/scores',
    { schema: { tags, summary: 'Readiness and sleep scores per day with their components, vendor scores beside them', querystring: c.scoresQuery, response: { 200: c.scoresResponse } } },
    async (request) => getScores(deps, await guard.tenant(request, readsSamples), request.query),
  );

  r.get(
    '/api/v1/forecasts',
    { schema: { tags, summary: 'The next 7 days of weight, resting heart rate, HRV and sleep with prediction intervals', querystring: c.forecastsQuery, response: { 200: c.forecastsResponse } } },
    async (request) => getForecasts(deps, await guard.tenant(request, readsSamples), request.query),
  );

  r.get(
    '/api/v1/risks',
    { schema: { tags, summary: "Today's risk flags (illness onset, overreaching, sleep debt), each with why", querystring: c.subjectQuery, response: { 200: c.risksResponse } } },
    async (request) => getRisks(deps, await guard.tenant(request, readsSamples), request.query.userId),
  );

  r.get(
    '/api/v1/streaks',
    { schema: { tags, summary: 'Current and longest logging streak, and the last 90 days', querystring: c.subjectQuery, response: { 200: c.streaksResponse } } },
    async (request) => getStreaks(deps, await guard.tenant(request, readsSamples), request.query.userId),
  );

  r.get(
    '/api/v1/correlations',
    { schema: { tags, summary: 'What moves my sleep, HRV, resting heart rate and readiness (stored; Last-Modified says when computed)', querystring: c.correlationsQuery, response: { 200: c.correlationsResponse } } },
    async (request, reply) => {
      const { computedAt, findings } = await listCorrelations(deps, await guard.tenant(request, readsSamples), request.query);
      if (computedAt) void reply.header('last-modified', new Date(computedAt).toUTCString());
      return findings;
    },
  );

  r.post(
    '/api/v1/correlations/refresh',
    { schema: { tags, summary: 'Recompute my correlations now, as a job', querystring: c.subjectQuery, response: { 202: c.refreshAccepted } } },
    async (request, reply) => reply.status(202).send(await requestCorrelationRefresh(deps, await guard.tenant(request, readsSamples), request.query.userId)),
  );
}
