import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { InsightDeps } from '../../app/insight/insight-deps.ts';
import { getProfile } from '../../app/insight/profile/get-profile.ts';
import { setProfile } from '../../app/insight/profile/set-profile.ts';
import * as c from '../../contracts/profile.ts';
import { readsSamples, writesSamples, type AuthGuard } from '../auth-guard.ts';

const tags = ['me'];

/** The caller's own birth year and sex, which population benchmarks compare them by. */
export function registerProfileRoutes(app: FastifyInstance, deps: InsightDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/me/profile',
    { schema: { tags, summary: 'My birth year and sex, for population benchmarks', response: { 200: c.profileResponse } } },
    async (request) => getProfile(deps, await guard.tenant(request, readsSamples)),
  );

  r.put(
    '/api/v1/me/profile',
    { schema: { tags, summary: 'Set my birth year and sex (null: not said; prefer_not_to_say: no benchmarks by sex)', body: c.profileBody, response: { 200: c.profileResponse } } },
    async (request) => setProfile(deps, await guard.tenant(request, writesSamples), request.body),
  );
}
