import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import { createRule } from '../../app/monitoring/rules/create-rule.ts';
import { deleteRule } from '../../app/monitoring/rules/delete-rule.ts';
import { getRule } from '../../app/monitoring/rules/get-rule.ts';
import { listRules } from '../../app/monitoring/rules/list-rules.ts';
import { updateRule } from '../../app/monitoring/rules/update-rule.ts';
import * as c from '../../contracts/rules.ts';
import { noBody } from '../../contracts/teams.ts';
import { readsSamples, writesSamples, type AuthGuard } from '../auth-guard.ts';

const tags = ['rules'];

/**
 * Rules that watch people's readings: admins and clinicians set them for the tenant, a care team
 * or a person; anyone for themselves. Every change is audited.
 */
export function registerRuleRoutes(app: FastifyInstance, deps: MonitoringDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/rules',
    { schema: { tags, summary: 'A rule: metric, operator, threshold (absolute or baseline + k SD), duration, context, action and severity', body: c.createRuleBody, response: { 201: c.ruleView } } },
    async (request, reply) => reply.status(201).send(await createRule(deps, await guard.tenant(request, writesSamples), request.body)),
  );

  r.get(
    '/api/v1/rules',
    { schema: { tags, summary: 'The rules I can see: those watching me, and (admins, clinicians) those I manage', response: { 200: c.ruleList } } },
    async (request) => listRules(deps, await guard.tenant(request, readsSamples)),
  );

  r.get(
    '/api/v1/rules/:id',
    { schema: { tags, summary: 'One rule', params: c.ruleParams, response: { 200: c.ruleView } } },
    async (request) => getRule(deps, await guard.tenant(request, readsSamples), request.params.id),
  );

  r.patch(
    '/api/v1/rules/:id',
    { schema: { tags, summary: 'Change a rule (a condition as a whole; null removes scope or context); an episode under way starts over', params: c.ruleParams, body: c.patchRuleBody, response: { 200: c.ruleView } } },
    async (request) => updateRule(deps, await guard.tenant(request, writesSamples), request.params.id, request.body),
  );

  r.delete(
    '/api/v1/rules/:id',
    { schema: { tags, summary: 'Remove a rule; its alerts stay', params: c.ruleParams, body: noBody } },
    async (request, reply) => {
      await deleteRule(deps, await guard.tenant(request, writesSamples), request.params.id);
      return reply.status(204).send();
    },
  );
}
