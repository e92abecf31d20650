import { AppError } from '../errors.ts';
import type { AppDeps } from '../deps.ts';
import type { PersonContext } from '../ingest/ingest-deps.ts';

/**
 * The person an operator imports a file for (`vitalis import --user <email> [--tenant <slug>]`):
 * the tenant may be left out when they belong to one only.
 */
export async function resolvePerson(deps: AppDeps, email: string, tenantSlug: string | undefined): Promise<PersonContext> {
  return deps.tx.withSystem('operator imports a file for a person (vitalis import)', async (sql) => {
    const user = await deps.repos.users.findByEmail(sql, email);
    if (!user) throw new AppError('not_found', `No user has the email ${email}.`);
    const tenants = await deps.repos.memberships.tenantsOfUser(sql, user.id);
    const chosen = tenantSlug === undefined ? tenants : tenants.filter((t) => t.tenantSlug === tenantSlug);
    if (chosen.length === 1) return { tenantId: chosen[0]!.tenantId, userId: user.id, role: chosen[0]!.role };
    if (tenantSlug !== undefined) throw new AppError('not_found', `${email} is not a member of the tenant ${tenantSlug}.`);
    if (tenants.length === 0) throw new AppError('not_found', `${email} belongs to no tenant.`);
    throw new AppError('validation_failed', `${email} belongs to several tenants (${tenants.map((t) => t.tenantSlug).join(', ')}): choose one with --tenant.`);
  });
}
