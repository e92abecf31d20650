// Who sees whose health data: the person in the tenant that holds it, and a clinician who has
// them on their care team there (read only, audited). Anyone else — another member, a clinician
// of other people, an admin, a member of another tenant — is answered 404.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { Role } from '../../../src/app/ports.ts';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { daily, getJson, normalized, postSamples, samplesUrl, type Caller, type SampleItem } from './ingest-helpers.ts';

for (const kind of databaseKinds) {
  describe(`health data access on ${kind}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind);
    });
    after(() => api.close());

    async function person(label: string) {
      const p = await signUpVerified(api, `${label}-${uuidv7().slice(-12)}@example.test`);
      return { userId: p.userId, personalTenantId: p.tenantId, token: p.accessToken };
    }

    /** A team tenant made by the system, its members with their roles, and one care-team pair. */
    async function team(members: Array<[{ userId: string }, Role]>, careTeam: { clinicianId: string; memberId: string }): Promise<string> {
      const tenantId = uuidv7();
      await api.services.tx.withSystem('test: a team tenant', async (sql) => {
        await sql.query(`insert into tenants (id, slug, name, type) values ($1, $2, 'Clinic', 'team')`, [tenantId, `clinic-${tenantId.slice(-12)}`]);
        for (const [member, role] of members) {
          await sql.query('insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)', [tenantId, member.userId, role]);
        }
        await sql.query('insert into care_team (tenant_id, clinician_id, member_id) values ($1, $2, $3)', [tenantId, careTeam.clinicianId, careTeam.memberId]);
      });
      return tenantId;
    }

    it('a clinician reads a member of their care team (audited); other members, other clinicians, admins and outsiders get 404', async () => {
      const patient = await person('patient');
      const clinician = await person('clinician');
      const otherClinician = await person('other-clinician');
      const otherMember = await person('other-member');
      const admin = await person('admin');
      const outsider = await person('outsider');
      const tenantId = await team(
        [
          [patient, 'member'],
          [clinician, 'clinician'],
          [otherClinician, 'clinician'],
          [otherMember, 'member'],
          [admin, 'admin'],
        ],
        { clinicianId: clinician.userId, memberId: patient.userId },
      );
      const inClinic = (p: { token: string }): Caller => ({ token: p.token, tenantId });

      const atClinic = await postSamples(api, inClinic(patient), [
        { metric: 'resting_heart_rate', value: 52, unit: 'count/min', start: '2024-06-01', source: 'Oura' },
        { metric: 'resting_heart_rate', value: 54, unit: 'count/min', start: '2024-06-02', source: 'Oura' },
      ]);
      await normalized(api, inClinic(patient), atClinic.rawId);
      // The same person's data in their personal tenant stays there.
      const atHome = await postSamples(api, { token: patient.token }, [{ metric: 'resting_heart_rate', value: 70, unit: 'count/min', start: '2024-06-03', source: 'Oura' }]);
      await normalized(api, { token: patient.token }, atHome.rawId);

      const range = { from: '2024-05-31T00:00:00Z', to: '2024-06-05T00:00:00Z' };
      const asClinician = await getJson<{ items: SampleItem[] }>(api, inClinic(clinician), samplesUrl('resting_heart_rate', range.from, range.to, { userId: patient.userId }));
      assert.deepEqual(
        asClinician.items.map((i) => i.value),
        [52, 54],
      );
      const days = await daily(api, inClinic(clinician), 'resting_heart_rate', '2024-06-01', '2024-06-05', { userId: patient.userId });
      assert.deepEqual(
        days.days.map((d) => [d.date, d.value]),
        [
          ['2024-06-01', 52],
          ['2024-06-02', 54],
        ],
      );
      const sources = await getJson<{ metrics: Array<{ metric: string; sources: string[] }> }>(api, inClinic(clinician), `/api/v1/sources?userId=${patient.userId}`);
      assert.deepEqual(sources.metrics.map((m) => [m.metric, m.sources]), [['resting_heart_rate', ['Oura']]]);
      // Without userId the clinician reads their own (empty) data, not the patient's.
      assert.deepEqual((await getJson<{ items: SampleItem[] }>(api, inClinic(clinician), samplesUrl('resting_heart_rate', range.from, range.to))).items, []);

      const patientsUrl = samplesUrl('resting_heart_rate', range.from, range.to, { userId: patient.userId });
      for (const [who, caller] of [
        ['another member', inClinic(otherMember)],
        ['a clinician without the patient on their team', inClinic(otherClinician)],
        ['an admin', inClinic(admin)],
        ['a member of another tenant, naming the clinic', inClinic(outsider)],
        ['a member of another tenant, in their own', { token: outsider.token }],
        ['the care-team clinician, in another tenant', { token: clinician.token }],
      ] as const) {
        const res = await api.call('GET', patientsUrl, { token: caller.token, ...('tenantId' in caller ? { tenantId: caller.tenantId } : {}) });
        assert.equal(res.statusCode, 404, `${who}: ${res.statusCode} ${res.body}`);
      }
      const dailyRes = await api.call('GET', `/api/v1/daily?metric=resting_heart_rate&from=2024-06-01&to=2024-06-05&userId=${patient.userId}`, { token: admin.token, tenantId });
      assert.equal(dailyRes.statusCode, 404);

      // The patient sees their clinic data in the clinic, their own at home.
      const own = await getJson<{ items: SampleItem[] }>(api, inClinic(patient), samplesUrl('resting_heart_rate', range.from, range.to));
      assert.deepEqual(own.items.map((i) => i.value), [52, 54]);
      const home = await getJson<{ items: SampleItem[] }>(api, { token: patient.token }, samplesUrl('resting_heart_rate', range.from, range.to));
      assert.deepEqual(home.items.map((i) => i.value), [70]);

      // Every read of the patient's data by the clinician is in the tenant's audit log, and nothing else is.
      const audited = await api.services.tx.withSystem('test reads the audit log', (sql) =>
        sql.query<{ actor: string; target: string; resource: string }>(
          `select actor_user_id as actor, target_id as target, details->>'resource' as resource
             from audit_log where tenant_id = $1 and action = 'health_data.read' order by seq`,
          [tenantId],
        ),
      );
      assert.deepEqual(audited, [
        { actor: clinician.userId, target: patient.userId, resource: 'samples' },
        { actor: clinician.userId, target: patient.userId, resource: 'daily' },
        { actor: clinician.userId, target: patient.userId, resource: 'sources' },
      ]);

      // Taken off the care team, the clinician is answered like anyone else.
      await api.services.tx.withSystem('test: care team ends', (sql) => sql.query('delete from care_team where tenant_id = $1', [tenantId]));
      assert.equal((await api.call('GET', patientsUrl, { token: clinician.token, tenantId })).statusCode, 404);
    });

    it('row-level security: the clinician reads but never writes the patient\'s rows; an admin reads nothing', async () => {
      const patient = await person('rls-patient');
      const clinician = await person('rls-clinician');
      const admin = await person('rls-admin');
      const tenantId = await team(
        [
          [patient, 'member'],
          [clinician, 'clinician'],
          [admin, 'admin'],
        ],
        { clinicianId: clinician.userId, memberId: patient.userId },
      );
      const receipt = await postSamples(api, { token: patient.token, tenantId }, [{ metric: 'weight', value: 80, unit: 'kg', start: '2024-06-10T07:00:00Z', source: 'Scale' }]);
      await normalized(api, { token: patient.token, tenantId }, receipt.rawId);

      const as = (userId: string, role: Role) => ({ tenantId, userId, role });
      const tables = ['samples', 'daily_values', 'source_priorities', 'raw_payloads'];
      for (const table of tables) {
        const seen = await api.services.tx.withTenant(as(clinician.userId, 'clinician'), (sql) => sql.query(`select 1 from ${table} where user_id = $1`, [patient.userId]));
        assert.equal(seen.length, 1, `the clinician reads ${table}`);
        const byAdmin = await api.services.tx.withTenant(as(admin.userId, 'admin'), (sql) => sql.query(`select 1 from ${table} where user_id = $1`, [patient.userId]));
        assert.equal(byAdmin.length, 0, `the admin reads nothing of ${table}`);
      }
      const changed = await api.services.tx.withTenant(as(clinician.userId, 'clinician'), (sql) =>
        sql.query(`update samples set value = 1 where user_id = $1 returning value`, [patient.userId]),
      );
      assert.deepEqual(changed, []);
      const deleted = await api.services.tx.withTenant(as(clinician.userId, 'clinician'), (sql) => sql.query(`delete from daily_values where user_id = $1 returning 1`, [patient.userId]));
      assert.deepEqual(deleted, []);
      await assert.rejects(
        api.services.tx.withTenant(as(clinician.userId, 'clinician'), (sql) =>
          sql.query(
            `insert into samples (tenant_id, user_id, metric, source, start_at, end_at, value, utc_offset_minutes, local_date, raw_id)
             values ($1, $2, 'weight', 'Forged', now(), now(), 99, 0, current_date, $3)`,
            [tenantId, patient.userId, uuidv7()],
          ),
        ),
        /row-level security/,
      );
      const [weight] = (await daily(api, { token: patient.token, tenantId }, 'weight', '2024-06-10', '2024-06-10')).days;
      assert.equal(weight?.value, 80);
    });
  });
}
