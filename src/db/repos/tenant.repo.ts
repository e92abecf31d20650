import type { Sql, Tenant, TenantRepo } from '../../app/ports.ts';

const COLUMNS = `id, slug, name, type, branding, feature_flags as "featureFlags", created_at as "createdAt"`;

function toTenant(row: Record<string, unknown>): Tenant {
  return { ...(row as unknown as Tenant), createdAt: (row.createdAt as Date).toISOString() };
}

export const tenantRepo: TenantRepo = {
  async insert(sql: Sql, tenant) {
    const rows = await sql.query(
      `insert into tenants (id, slug, name, type, branding, feature_flags)
       values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
      [tenant.id, tenant.slug, tenant.name, tenant.type, tenant.branding, tenant.featureFlags],
    );
    return toTenant(rows[0]!);
  },
  async findBySlug(sql, slug) {
    const rows = await sql.query(`select ${COLUMNS} from tenants where slug = $1`, [slug]);
    return rows[0] && toTenant(rows[0]);
  },
  async list(sql) {
    return (await sql.query(`select ${COLUMNS} from tenants order by slug`)).map(toTenant);
  },
};
