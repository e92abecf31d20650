import { AppError } from '../errors.ts';
import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import type { TenantBranding, TenantSettings } from '../ports.ts';
import { auditTeamEvent, notFound, type TenancyDeps } from './tenancy-deps.ts';

export interface TenantSettingsChanges {
  name?: string;
  /** Keys given replace those stored; a null removes one. */
  branding?: { logoUrl?: string | null; primaryColor?: string | null };
  requireMfa?: boolean;
}

/** Renames or rebrands the tenant, or makes two-factor sign-in compulsory in it. */
export async function updateTenantSettings(deps: TenancyDeps, ctx: RequestContext, changes: TenantSettingsChanges): Promise<TenantSettings> {
  requirePermission(ctx, 'tenant:settings');
  if (changes.requireMfa === true && ctx.principal.kind === 'user' && !ctx.principal.mfaEnabled) {
    // Otherwise the admin would lock themselves out with the very change they make.
    throw new AppError('conflict', 'Turn on two-factor sign-in for yourself before requiring it of everyone.');
  }
  const { updated, requireMfaChanged } = await deps.tx.withTenant(ctx, async (sql) => {
    const current = await deps.repos.tenantSettings.get(sql, ctx.tenantId);
    if (!current) throw notFound();
    const branding: TenantBranding = { ...current.branding };
    for (const [key, value] of Object.entries(changes.branding ?? {})) {
      if (value === null) delete branding[key];
      else if (value !== undefined) branding[key] = value;
    }
    const next = { name: changes.name ?? current.name, branding, requireMfa: changes.requireMfa ?? current.requireMfa };

    const changed: Record<string, { from: unknown; to: unknown }> = {};
    if (next.name !== current.name) changed.name = { from: current.name, to: next.name };
    if (JSON.stringify(sorted(next.branding)) !== JSON.stringify(sorted(current.branding))) changed.branding = { from: current.branding, to: next.branding };
    if (next.requireMfa !== current.requireMfa) changed.requireMfa = { from: current.requireMfa, to: next.requireMfa };
    if (Object.keys(changed).length === 0) return { updated: current, requireMfaChanged: false };

    const stored = await deps.repos.tenantSettings.update(sql, ctx.tenantId, next);
    await auditTeamEvent(deps, sql, ctx, { action: 'tenant.settings_changed', targetType: 'tenant', targetId: ctx.tenantId, details: { changed } });
    return { updated: stored, requireMfaChanged: 'requireMfa' in changed };
  });
  if (requireMfaChanged) await deps.accessChanges.announce({ kind: 'tenant-policy-changed', tenantId: ctx.tenantId });
  return updated;
}

function sorted(value: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
}
