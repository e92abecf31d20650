import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { verifyAuditChain, type ChainVerdict } from './verify-audit-chain.ts';

export type TenantChainVerdict = ChainVerdict & { tenantId: string; slug: string };

/**
 * Verifies the audit chain of one tenant (by slug) or of all. Listing tenants is an operator
 * action outside any tenant; each chain is then read through that tenant's own door.
 */
export async function verifyAuditChains(deps: AppDeps, slug?: string): Promise<TenantChainVerdict[]> {
  const tenants = await deps.tx.withSystem('operator verifies audit chains', (sql) => deps.repos.tenants.list(sql));
  const chosen = slug === undefined ? tenants : tenants.filter((t) => t.slug === slug);
  if (slug !== undefined && chosen.length === 0) throw new AppError('not_found', `no tenant with slug "${slug}"`);
  const verdicts: TenantChainVerdict[] = [];
  for (const tenant of chosen) {
    const verdict = await deps.tx.withTenant({ tenantId: tenant.id, role: 'admin' }, (sql) =>
      verifyAuditChain(deps.repos.auditLog, sql, tenant.id),
    );
    verdicts.push({ ...verdict, tenantId: tenant.id, slug: tenant.slug });
  }
  return verdicts;
}
