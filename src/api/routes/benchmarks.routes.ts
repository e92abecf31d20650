import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getBenchmarks } from '../../app/insight/benchmarks/get-benchmarks.ts';
import type { InsightDeps } from '../../app/insight/insight-deps.ts';
import * as c from '../../contracts/benchmarks.ts';
import { readsSamples, type AuthGuard } from '../auth-guard.ts';

/** Population benchmarks: where my recent values stand among published norms for my age and sex. */
export function registerBenchmarkRoutes(app: FastifyInstance, deps: InsightDeps, guard: AuthGuard): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/benchmarks',
    {
      schema: {
        tags: ['insight'],
        summary: 'My recent resting heart rate, VO2max and steps against population norms for my age and sex, with the sources',
        querystring: c.benchmarksQuery,
        response: { 200: c.benchmarksResponse },
      },
    },
    async (request) => getBenchmarks(deps, await guard.tenant(request, readsSamples), request.query.userId),
  );
}
