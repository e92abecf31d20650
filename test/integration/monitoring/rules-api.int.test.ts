import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKinds } from '../../support/databases.ts';
import type { TeamApi } from '../teams/team-api.ts';
import { createRule, openCareTeamWorld, SEED_RULE, type CareTeamWorld, type WorldCall } from './monitoring-helpers.ts';

interface RuleBody {
  id: string;
  scope?: { userId?: string; teamId?: string };
  revision: number;
  condition: Record<string, unknown>;
  cooldownMinutes: number;
  enabled: boolean;
}

for (const kind of databaseKinds) {
  describe(`rules API on ${kind}`, () => {
    let api: TeamApi;
    let world: CareTeamWorld;
    let call: WorldCall;
    before(async () => ({ api, world, call } = await openCareTeamWorld(kind)));
    after(() => api.close());

    const listed = async (who: { token: string }) => ((await call('GET', '/api/v1/rules', who)).json() as RuleBody[]).map((r) => r.id);

    it('takes the seed rule as written, with its defaults, and explains what is wrong with a bad one', async () => {
      const created = await call('POST', '/api/v1/rules', world.admin, SEED_RULE);
      assert.equal(created.statusCode, 201, created.body);
      const rule = created.json() as RuleBody;
      assert.deepEqual(rule.condition, { ...SEED_RULE.condition, maxGapMinutes: 10 });
      assert.deepEqual([rule.cooldownMinutes, rule.enabled, rule.revision, rule.scope], [60, true, 1, undefined]);

      const bad = await call('POST', '/api/v1/rules', world.admin, {
        ...SEED_RULE,
        condition: { metric: 'heart_rate', operator: 'between', value: 100, duration: 30 },
        action: { type: 'page', severity: 'urgent' },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
      const problem = bad.json() as { code: string; errors: Array<{ path: string; message: string }> };
      assert.equal(problem.code, 'validation_failed');
      const messages = problem.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
      assert.match(messages, /condition\.value: between needs a range \[lo, hi\], got 100/);
      assert.match(messages, /action\.type/);
      assert.match(messages, /action\.severity/);
      const unknownMetric = await call('POST', '/api/v1/rules', world.admin, { ...SEED_RULE, condition: { ...SEED_RULE.condition, metric: 'hart_rate' } });
      assert.match(unknownMetric.body, /is not a metric a rule can watch/);
      const implausible = await call('POST', '/api/v1/rules', world.admin, { ...SEED_RULE, condition: { ...SEED_RULE.condition, metric: 'body_temperature', value: 100 } });
      assert.match(implausible.body, /outside body_temperature's plausible range/);
    });

    it('lets each role set rules only in the scopes it may, answering 404 for people out of reach', async () => {
      const { admin, doctor, athlete, otherDoctor, patient } = world;
      // A member's rule without a scope watches themselves; any other scope is not theirs to set.
      const own = (await call('POST', '/api/v1/rules', athlete, SEED_RULE)).json() as RuleBody;
      assert.deepEqual(own.scope, { userId: athlete.userId });
      assert.equal((await call('POST', '/api/v1/rules', athlete, { ...SEED_RULE, scope: { userId: patient.userId } })).statusCode, 403);
      assert.equal((await call('POST', '/api/v1/rules', athlete, { ...SEED_RULE, scope: { teamId: doctor.userId } })).statusCode, 403);

      // A clinician: their care team's members, yes; anyone else's, no such person.
      assert.equal((await call('POST', '/api/v1/rules', doctor, { ...SEED_RULE, scope: { userId: athlete.userId } })).statusCode, 201);
      assert.equal((await call('POST', '/api/v1/rules', doctor, { ...SEED_RULE, scope: { userId: patient.userId } })).statusCode, 404);
      // A team is a clinician's care team; a member leads none.
      const team = await createRule(api, { token: admin.token, tenantId: world.tenantId }, { ...SEED_RULE, scope: { teamId: doctor.userId } });
      assert.equal((await call('POST', '/api/v1/rules', admin, { ...SEED_RULE, scope: { teamId: athlete.userId } })).statusCode, 404);
      assert.equal((await call('POST', '/api/v1/rules', admin, { ...SEED_RULE, scope: { userId: '0190f5b2-7c3a-7d2e-9b1a-3c4d5e6f7a8b' } })).statusCode, 404);

      // Each sees the rules that watch them, and clinicians none of another team's people.
      assert.ok((await listed(athlete)).includes(team.id));
      assert.ok(!(await listed(patient)).includes(team.id));
      assert.ok(!(await listed(patient)).includes(own.id), 'a member does not see another member’s rule');
      assert.ok(!(await listed(otherDoctor)).includes(own.id), 'nor a clinician of another care team');
      assert.equal((await call('GET', `/api/v1/rules/${own.id}`, otherDoctor)).statusCode, 404);
      assert.equal((await call('GET', `/api/v1/rules/${own.id}`, doctor)).statusCode, 200);
    });

    it('changes a rule (bumping its revision), refuses what the caller may not change, removes it; all audited', async () => {
      const { admin, doctor, athlete, patient } = world;
      const rule = await createRule(api, { token: doctor.token, tenantId: world.tenantId }, { ...SEED_RULE, scope: { userId: athlete.userId } });

      const patched = await call('PATCH', `/api/v1/rules/${rule.id}`, doctor, { cooldownMinutes: 15, enabled: false });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual([patched.json().revision, patched.json().cooldownMinutes, patched.json().enabled], [2, 15, false]);
      assert.equal((await call('PATCH', `/api/v1/rules/${rule.id}`, doctor, {})).statusCode, 400);
      assert.equal((await call('PATCH', `/api/v1/rules/${rule.id}`, doctor, { scope: { userId: patient.userId } })).statusCode, 404);
      assert.equal((await call('PATCH', `/api/v1/rules/${rule.id}`, athlete, { enabled: true })).statusCode, 403, 'set for them, not by them');
      assert.equal((await call('DELETE', `/api/v1/rules/${rule.id}`, athlete)).statusCode, 403);

      const removed = await call('DELETE', `/api/v1/rules/${rule.id}`, admin);
      assert.equal(removed.statusCode, 204);
      assert.equal((await call('GET', `/api/v1/rules/${rule.id}`, admin)).statusCode, 404);
      assert.equal((await call('DELETE', `/api/v1/rules/${rule.id}`, admin)).statusCode, 404);

      const audited = (await api.audit(world.tenantId)).filter((e) => e.targetId === rule.id).map((e) => e.action);
      assert.deepEqual(audited, ['rule.created', 'rule.updated', 'rule.deleted']);
    });

    it('answers 404 for a rule of another tenant', async () => {
      const outsider = await api.person('outsider');
      const theirs = await createRule(api, { token: outsider.token }, SEED_RULE);
      assert.equal((await call('GET', `/api/v1/rules/${theirs.id}`, world.admin)).statusCode, 404);
      assert.equal((await call('PATCH', `/api/v1/rules/${theirs.id}`, world.admin, { enabled: false })).statusCode, 404);
    });
  });
}
