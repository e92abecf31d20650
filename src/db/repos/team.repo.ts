import type { CareTeamPair, Role, TeamMember, TeamRepo } from '../../app/ports.ts';

const MEMBER = `select m.user_id as "userId", u.email, u.name, m.role
  from memberships m join users u on u.id = m.user_id`;

export const teamRepo: TeamRepo = {
  async listMembers(sql, tenantId, visibleTo) {
    return sql.query<TeamMember>(
      `${MEMBER}
       where m.tenant_id = $1
         and ($2::uuid is null
              or m.user_id = $2::uuid
              or exists (select 1 from care_team c
                         where c.tenant_id = m.tenant_id and c.clinician_id = $2::uuid and c.member_id = m.user_id))
       order by lower(u.name), u.email`,
      [tenantId, visibleTo?.careTeamOf ?? null],
    );
  },
  async member(sql, tenantId, userId, options = {}) {
    const lock = options.lock === 'share' ? ' for share of m' : '';
    return (await sql.query<TeamMember>(`${MEMBER} where m.tenant_id = $1 and m.user_id = $2${lock}`, [tenantId, userId]))[0];
  },
  async memberByEmail(sql, tenantId, email) {
    return (await sql.query<TeamMember>(`${MEMBER} where m.tenant_id = $1 and u.email = $2`, [tenantId, email.toLowerCase()]))[0];
  },
  async lockAdmins(sql, tenantId) {
    const rows = await sql.query<{ userId: string }>(
      `select user_id as "userId" from memberships where tenant_id = $1 and role = 'admin' order by user_id for update`,
      [tenantId],
    );
    return rows.map((r) => r.userId);
  },
  async setRole(sql, tenantId, userId, role: Role) {
    const rows = await sql.query('update memberships set role = $3 where tenant_id = $1 and user_id = $2 returning user_id', [tenantId, userId, role]);
    return rows.length === 1;
  },
  async remove(sql, tenantId, userId) {
    const rows = await sql.query('delete from memberships where tenant_id = $1 and user_id = $2 returning user_id', [tenantId, userId]);
    return rows.length === 1;
  },
  async join(sql, tenantId, userId, role) {
    await sql.query('insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)', [tenantId, userId, role]);
  },
  async personalTenantOf(sql, userId) {
    const rows = await sql.query<{ personalTenantId: string | null }>(
      'select personal_tenant_id as "personalTenantId" from users where id = $1',
      [userId],
    );
    return rows[0]?.personalTenantId;
  },
  async addToCareTeam(sql, tenantId, pair) {
    const rows = await sql.query(
      `insert into care_team (tenant_id, clinician_id, member_id) values ($1, $2, $3)
       on conflict do nothing returning member_id`,
      [tenantId, pair.clinicianId, pair.memberId],
    );
    return rows.length === 1;
  },
  async removeFromCareTeam(sql, tenantId, pair) {
    const rows = await sql.query(
      'delete from care_team where tenant_id = $1 and clinician_id = $2 and member_id = $3 returning member_id',
      [tenantId, pair.clinicianId, pair.memberId],
    );
    return rows.length === 1;
  },
  async removeCareTeamRowsOf(sql, tenantId, userId, options = {}) {
    return sql.query<CareTeamPair>(
      `delete from care_team
       where tenant_id = $1 and (clinician_id = $2 or (not $3 and member_id = $2))
       returning clinician_id as "clinicianId", member_id as "memberId"`,
      [tenantId, userId, options.asClinicianOnly ?? false],
    );
  },
};
