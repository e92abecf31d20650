import type { Membership, MembershipRepo, Role, TenantOfUser } from '../../app/ports.ts';

export const membershipRepo: MembershipRepo = {
  async upsert(sql, m) {
    await sql.query(
      `insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)
       on conflict (tenant_id, user_id) do update set role = excluded.role`,
      [m.tenantId, m.userId, m.role],
    );
  },
  async roleIn(sql, userId) {
    const rows = await sql.query<{ role: Role; requireMfa: boolean }>(
      `select m.role, t.require_mfa as "requireMfa" from memberships m join tenants t on t.id = m.tenant_id where m.user_id = $1`,
      [userId],
    );
    return rows[0];
  },
  async tenantsOfUser(sql, userId) {
    return sql.query<TenantOfUser>(
      `select t.id as "tenantId", t.slug as "tenantSlug", t.name as "tenantName", t.type as "tenantType", m.role, t.branding
       from memberships m join tenants t on t.id = m.tenant_id where m.user_id = $1
       order by (t.type = 'personal') desc, t.name`,
      [userId],
    );
  },
  async listByTenant(sql, tenantId) {
    return sql.query<Membership & { email: string; name: string }>(
      `select m.tenant_id as "tenantId", m.user_id as "userId", m.role, u.email, u.name
       from memberships m join users u on u.id = m.user_id
       where m.tenant_id = $1 order by u.email`,
      [tenantId],
    );
  },
};
