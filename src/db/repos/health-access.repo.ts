import type { HealthAccessRepo } from '../../app/ports.ts';

export const healthAccessRepo: HealthAccessRepo = {
  async isCareTeamClinician(sql, tenantId, clinicianId, memberId) {
    const rows = await sql.query(
      'select 1 from care_team where tenant_id = $1 and clinician_id = $2 and member_id = $3',
      [tenantId, clinicianId, memberId],
    );
    return rows.length === 1;
  },
};
