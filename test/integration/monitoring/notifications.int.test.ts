import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { localTimeAt, nextLocalTime } from '../../../src/app/monitoring/notifications/local-clock.ts';
import { sendDailySummary } from '../../../src/app/monitoring/notifications/send-daily-summary.ts';
import { databaseKinds } from '../../support/databases.ts';
import { eventually, getJson, postSamples } from '../ingest/ingest-helpers.ts';
import type { TeamApi } from '../teams/team-api.ts';
import { careTeamWorld, createRule, heartRates, inTenant, openCareTeamWorld, SEED_RULE, type CareTeamWorld, type WorldCall } from './monitoring-helpers.ts';

interface Inbox {
  items: Array<{ id: string; alertId?: string; severity: string; readAt?: string }>;
  unread: number;
}

const ZONE = 'America/New_York';
const clock = (minute: number) => `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

for (const kind of databaseKinds) {
  describe(`notifications on ${kind}`, () => {
    let api: TeamApi;
    let world: CareTeamWorld;
    let call: WorldCall;
    before(async () => ({ api, world, call } = await openCareTeamWorld(kind)));
    after(() => api.close());

    const inbox = (who: { token: string }) => getJson<Inbox>(api, inTenant(who, world.tenantId), '/api/v1/notifications');

    it('pages whoever is on call for doctor_ping, holds their mail through their quiet hours, and keeps the inbox', { timeout: 90_000 }, async () => {
      const { admin, doctor, athlete, otherDoctor, patient } = world;
      assert.deepEqual(await getJson(api, inTenant(otherDoctor, world.tenantId), '/api/v1/notifications/preferences'), {
        inApp: ['low', 'medium', 'high', 'critical'],
        email: ['high', 'critical'],
        quietHours: null,
        criticalBreaksQuietHours: false,
        dailySummaryAt: null,
        timeZone: 'UTC',
      });
      // Only admins set who is on call, and only clinicians or admins can be.
      assert.equal((await call('PUT', '/api/v1/notifications/alerting', doctor, { onCall: [doctor.userId], criticalBreaksQuietHours: false })).statusCode, 403);
      const notClinician = await call('PUT', '/api/v1/notifications/alerting', admin, { onCall: [patient.userId], criticalBreaksQuietHours: false });
      assert.equal(notClinician.statusCode, 400);
      assert.match(notClinician.body, /is not a clinician or admin/);
      const onCall = await call('PUT', '/api/v1/notifications/alerting', admin, { onCall: [otherDoctor.userId], criticalBreaksQuietHours: false });
      assert.equal(onCall.statusCode, 200, onCall.body);
      assert.deepEqual((await call('GET', '/api/v1/notifications/alerting', patient)).json(), { onCall: [otherDoctor.userId], criticalBreaksQuietHours: false });

      // The on-call clinician is in New York, in quiet hours from an hour ago to two hours from now.
      assert.equal((await call('PUT', '/api/v1/me/time-zone', otherDoctor, { timeZone: ZONE })).statusCode, 200);
      const local = localTimeAt(Date.now(), ZONE).minute;
      const quietHours = { from: clock(local + 1440 - 60), to: clock(local + 120) };
      const prefs = await call('PUT', '/api/v1/notifications/preferences', otherDoctor, { inApp: ['high'], email: ['high'], quietHours, criticalBreaksQuietHours: true, dailySummaryAt: null });
      assert.equal(prefs.statusCode, 200, prefs.body);
      assert.equal(prefs.json().timeZone, ZONE);

      await createRule(api, inTenant(admin, world.tenantId), SEED_RULE);
      await postSamples(api, inTenant(athlete, world.tenantId), heartRates(Date.now(), -35, 0, 130));
      const paged = await eventually('the on-call clinician’s notification', async () => {
        const page = await inbox(otherDoctor);
        return page.items.length > 0 ? page : undefined;
      });
      const alertId = paged.items[0]!.alertId!;
      // On call, they see the alert of a member they do not look after.
      assert.equal((await call('GET', `/api/v1/alerts/${alertId}`, otherDoctor)).statusCode, 200);
      // The care team was not paged: someone is on call.
      assert.deepEqual((await inbox(doctor)).items, []);

      // Their mail waits for the end of their quiet hours (high does not break through).
      const mail = await api.services.tx.withSystem('test reads the mail job', (sql) =>
        sql.query<{ runAt: Date }>(`select run_at as "runAt" from jobs where id = $1`, [`alert-mail:${alertId}:${otherDoctor.userId}`]),
      );
      const expected = nextLocalTime(Date.now(), quietHours.to, ZONE).at;
      assert.equal(mail.length, 1);
      assert.ok(Math.abs(new Date(mail[0]!.runAt).getTime() - expected) < 120_000, `${new Date(mail[0]!.runAt).toISOString()} ~ ${new Date(expected).toISOString()}`);

      // Marking read: one, then all; someone else's notification is not found.
      assert.equal((await call('POST', `/api/v1/notifications/${paged.items[0]!.id}/read`, doctor)).statusCode, 404);
      const read = await call('POST', `/api/v1/notifications/${paged.items[0]!.id}/read`, otherDoctor);
      assert.deepEqual(read.json(), { marked: 1, unread: 0 });
      assert.deepEqual((await call('POST', '/api/v1/notifications/read-all', otherDoctor)).json(), { marked: 0, unread: 0 });
      assert.ok((await inbox(otherDoctor)).items[0]!.readAt);
    });

    it('lets a critical alert’s mail break quiet hours only where the person or the tenant’s policy says so', { timeout: 90_000 }, async () => {
      const team = await careTeamWorld(api);
      const { admin, athlete, patient } = team;
      const as = (who: { token: string }) => inTenant(who, team.tenantId);
      const put = (url: string, who: { token: string }, body: object) => api.call('PUT', url, { token: who.token, tenantId: team.tenantId, body });
      // Both in quiet hours (UTC) from an hour ago to two hours from now; only the athlete lets critical alerts through.
      const local = localTimeAt(Date.now(), 'UTC').minute;
      const quietHours = { from: clock(local + 1440 - 60), to: clock(local + 120) };
      const quietEnd = nextLocalTime(Date.now(), quietHours.to, 'UTC').at;
      for (const [who, breaks] of [[athlete, true], [patient, false]] as const) {
        const res = await put('/api/v1/notifications/preferences', who, { inApp: ['critical'], email: ['critical'], quietHours, criticalBreaksQuietHours: breaks, dailySummaryAt: null });
        assert.equal(res.statusCode, 200, res.body);
      }
      await createRule(api, as(admin), {
        name: 'Very high heart rate',
        condition: { metric: 'heart_rate', operator: '>', value: 100, duration: 0 },
        action: { type: 'notification', severity: 'critical' },
        cooldownMinutes: 0,
      });
      /** When the mail of the person's newest alert (other than `seen`) goes out. */
      const mailAt = async (who: { token: string; userId: string }, seen?: string) => {
        const alertId = await eventually('the critical alert’s notification', async () => {
          const newest = (await getJson<Inbox>(api, as(who), '/api/v1/notifications')).items[0]?.alertId;
          return newest !== seen ? newest : undefined;
        });
        const [job] = await api.services.tx.withSystem('test reads the mail job', (sql) =>
          sql.query<{ runAt: Date }>(`select run_at as "runAt" from jobs where id = $1`, [`alert-mail:${alertId}:${who.userId}`]),
        );
        return { alertId, at: new Date(job!.runAt).getTime() };
      };
      const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 60_000, `${new Date(actual).toISOString()} ~ ${new Date(expected).toISOString()}`);

      await postSamples(api, as(athlete), heartRates(Date.now(), 0, 0, 150));
      near((await mailAt(athlete)).at, Date.now());
      await postSamples(api, as(patient), heartRates(Date.now(), -10, -10, 150));
      const held = await mailAt(patient);
      near(held.at, quietEnd);

      // The tenant's policy breaks through for everyone: the patient's next critical alert is mailed at once.
      assert.equal((await put('/api/v1/notifications/alerting', admin, { onCall: [], criticalBreaksQuietHours: true })).statusCode, 200);
      await postSamples(api, as(patient), heartRates(Date.now(), -9, 0, (minute) => (minute === -9 ? 70 : 150)));
      near((await mailAt(patient, held.alertId)).at, Date.now());
    });

    it('sends a daily summary at the person’s chosen time, and only for the time they still want', { timeout: 60_000 }, async () => {
      const { doctor } = world;
      const set = await call('PUT', '/api/v1/notifications/preferences', doctor, {
        inApp: ['low', 'medium', 'high', 'critical'],
        email: ['critical'],
        quietHours: null,
        criticalBreaksQuietHours: false,
        dailySummaryAt: '07:30',
      });
      assert.equal(set.statusCode, 200, set.body);
      const next = nextLocalTime(Date.now(), '07:30', 'UTC');
      const queued = await api.services.tx.withSystem('test reads the summary job', (sql) =>
        sql.query<{ runAt: Date }>(`select run_at as "runAt" from jobs where id = $1`, [`daily-summary:${world.tenantId}:${doctor.userId}:${next.date}:07:30`]),
      );
      // The queue adds the delay to its own clock, read a moment after the scheduler's.
      const runAt = new Date(queued[0]!.runAt).getTime();
      assert.ok(runAt >= next.at && runAt < next.at + 1000, `${new Date(runAt).toISOString()} ~ ${new Date(next.at).toISOString()}`);

      // A job for a time the person no longer wants sends nothing; the one they want does.
      const job = { tenantId: world.tenantId, userId: doctor.userId, date: next.date };
      await sendDailySummary(api.services.monitoring, { ...job, at: '06:00' });
      await sendDailySummary(api.services.monitoring, { ...job, at: '07:30' });
      const mail = await api.mailTo(doctor.email, /Your daily summary/);
      assert.match(mail.text, /Unread notifications: \d+\./);
      assert.equal((await api.services.tx.withSystem('test counts summaries', (sql) => sql.query(`select 1 from jobs where id like $1`, [`daily-summary-mail:${world.tenantId}:${doctor.userId}:%`]))).length, 1);
    });
  });
}
