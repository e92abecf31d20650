import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKinds } from '../../support/databases.ts';
import { eventually, getJson, postSamples } from '../ingest/ingest-helpers.ts';
import { TeamApi } from '../teams/team-api.ts';
import { alertsEventually, alertsOf, careTeamWorld, createRule, heartRates, inTenant, listening, SEED_RULE, StreamClient, type AlertItem, type CareTeamWorld } from './monitoring-helpers.ts';

for (const kind of databaseKinds) {
  describe(`the seed rule end to end on ${kind}: heart_rate > 100 for 30 minutes pings the doctor`, () => {
    let api: TeamApi;
    let world: CareTeamWorld;
    let baseUrl: string;
    const streams: StreamClient[] = [];

    before(async () => {
      api = await TeamApi.open(kind);
      baseUrl = await listening(api);
      world = await careTeamWorld(api);
    });
    after(async () => {
      await Promise.all(streams.map((s) => s.close()));
      await api.close();
    });

    const stream = async (person: { token: string }) => {
      const client = await StreamClient.open(baseUrl, inTenant(person, world.tenantId));
      streams.push(client);
      return client;
    };

    it('fires once, reaches the care-team clinician live and by inbox and mail, and no one else', { timeout: 120_000 }, async () => {
      const { tenantId, admin, doctor, athlete, otherDoctor, patient } = world;
      const rule = await createRule(api, inTenant(admin, tenantId), SEED_RULE);
      const doctorStream = await stream(doctor);
      const otherStream = await stream(otherDoctor);
      assert.equal(doctorStream.status, 200);
      assert.match(doctorStream.contentType, /^text\/event-stream/);

      // 35 minutes above 100 up to now: the 31st reading completes the 30 minutes.
      const now = Date.now();
      await postSamples(api, inTenant(athlete, tenantId), heartRates(now, -35, 0, 120));
      const opened = await doctorStream.next((e) => e.event === 'alert.opened' && e.data.userId === athlete.userId, 'the athlete’s alert');
      assert.equal(opened.data.ruleId, rule.id);
      assert.equal(opened.data.severity, 'high');
      assert.equal(opened.data.state, 'open');
      const evidence = opened.data.evidence as AlertItem['evidence'];
      assert.equal(evidence.from, new Date(now - 35 * 60_000).toISOString());
      assert.equal(evidence.sampleCount, 31);
      assert.ok(evidence.samples.every((s) => s.value === 120));
      const alertId = opened.data.id as string;

      // The other clinician's stream: a later event about their own patient arrives, the athlete's never.
      await postSamples(api, inTenant(patient, tenantId), heartRates(Date.now(), -2, 0, 70));
      const sentinel = await otherStream.next((e) => e.data.userId === patient.userId, 'the patient’s data.ingested');
      assert.ok(sentinel.id > opened.id, 'the sentinel came after the alert in the tenant’s log');
      assert.deepEqual(otherStream.events.filter((e) => e.data.userId === athlete.userId), []);

      // Reading it: 404 for the clinician outside the care team, by id and by person.
      for (const url of [`/api/v1/alerts/${alertId}`, `/api/v1/alerts?userId=${athlete.userId}`]) {
        const res = await api.call('GET', url, { token: otherDoctor.token, tenantId });
        assert.equal(res.statusCode, 404, `${url}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
      assert.deepEqual(await alertsOf(api, inTenant(otherDoctor, tenantId)), []);
      const [listed] = await alertsOf(api, inTenant(doctor, tenantId), `?userId=${athlete.userId}&state=open&severity=high`);
      assert.equal(listed?.id, alertId);
      assert.deepEqual(await getJson(api, inTenant(doctor, tenantId), '/api/v1/alerts/counts?state=open'), { low: 0, medium: 0, high: 1, critical: 0, total: 1 });

      // doctor_ping with nobody on call pages the care team: the doctor's inbox and mail.
      const inbox = await eventually('the doctor’s notification', async () => {
        const page = await getJson<{ items: Array<{ id: string; alertId?: string }>; unread: number }>(api, inTenant(doctor, tenantId), '/api/v1/notifications');
        return page.items.length > 0 ? page : undefined;
      });
      assert.equal(inbox.items[0]!.alertId, alertId);
      assert.equal(inbox.unread, 1);
      const mail = await api.mailTo(doctor.email, /HIGH alert: Tachycardia/);
      assert.ok(mail.text.includes(`/alerts/${alertId}`));
      for (const person of [otherDoctor, patient, admin]) {
        const page = await getJson<{ items: unknown[] }>(api, inTenant(person, tenantId), '/api/v1/notifications');
        assert.deepEqual(page.items, [], `${person.name} was not notified`);
      }

      // The same batch again (a retry) stores nothing new and fires nothing new.
      await postSamples(api, inTenant(athlete, tenantId), heartRates(now, -35, 0, 120));
      await postSamples(api, inTenant(athlete, tenantId), heartRates(now, 1, 1, 121));
      await doctorStream.next((e) => e.event === 'data.ingested' && (e.data.to as string) === new Date(now + 60_000).toISOString(), 'the later batch');
      assert.equal((await alertsOf(api, inTenant(doctor, tenantId))).length, 1);
    });

    it('takes the alert through acknowledged and resolved with a comment, live and audited', { timeout: 60_000 }, async () => {
      const { tenantId, doctor, athlete, otherDoctor } = world;
      const [alert] = await alertsEventually(api, inTenant(doctor, tenantId));
      const doctorStream = await stream(doctor);
      const athleteStream = await stream(athlete);
      const post = (url: string, who: { token: string }, body?: object) => api.call('POST', url, { token: who.token, tenantId, ...(body && { body }) });

      assert.equal((await post(`/api/v1/alerts/${alert!.id}/acknowledge`, otherDoctor)).statusCode, 404);
      const acked = await post(`/api/v1/alerts/${alert!.id}/acknowledge`, doctor);
      assert.equal(acked.statusCode, 200, acked.body);
      assert.equal(acked.json().state, 'acknowledged');
      assert.equal(acked.json().acknowledgedBy, doctor.userId);
      assert.equal((await post(`/api/v1/alerts/${alert!.id}/acknowledge`, doctor)).statusCode, 409);

      const comment = await post(`/api/v1/alerts/${alert!.id}/comments`, athlete, { body: 'I was on a run.' });
      assert.equal(comment.statusCode, 201, comment.body);
      assert.equal((await post(`/api/v1/alerts/${alert!.id}/comments`, doctor, { body: '   ' })).statusCode, 400);

      const resolved = await post(`/api/v1/alerts/${alert!.id}/resolve`, doctor, { note: 'Exercise, not tachycardia.' });
      assert.equal(resolved.statusCode, 200, resolved.body);
      assert.equal(resolved.json().resolution, 'manual');

      for (const client of [doctorStream, athleteStream]) {
        await client.next((e) => e.event === 'alert.updated' && e.data.change === 'resolved', 'the resolution');
        assert.deepEqual(
          client.events.filter((e) => e.event === 'alert.updated').map((e) => e.data.change),
          ['acknowledged', 'commented', 'resolved'],
        );
      }
      const detail = await getJson<{ comments: Array<{ body: string; authorId: string }>; state: string }>(api, inTenant(doctor, tenantId), `/api/v1/alerts/${alert!.id}`);
      assert.equal(detail.state, 'resolved');
      assert.deepEqual(detail.comments.map((c) => c.body), ['I was on a run.', 'Exercise, not tachycardia.']);

      const actions = (await api.audit(tenantId)).map((e) => e.action);
      for (const action of ['rule.created', 'alert.opened', 'alert.acknowledged', 'alert.commented', 'alert.resolved', 'health_data.read']) assert.ok(actions.includes(action), action);
    });
  });
}
