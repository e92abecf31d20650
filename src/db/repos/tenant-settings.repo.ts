import type { TenantSettings, TenantSettingsRepo } from '../../app/ports.ts';

const COLUMNS = `id, slug, name, type, branding, require_mfa as "requireMfa"`;

export const tenantSettingsRepo: TenantSettingsRepo = {
  async get(sql, tenantId) {
    return (await sql.query<TenantSettings>(`select ${COLUMNS} from tenants where id = $1`, [tenantId]))[0];
  },
  async update(sql, tenantId, changes) {
    const rows = await sql.query<TenantSettings>(
      `update tenants set name = $2, branding = $3, require_mfa = $4 where id = $1 returning ${COLUMNS}`,
      [tenantId, changes.name, changes.branding, changes.requireMfa],
    );
    return rows[0]!;
  },
};
