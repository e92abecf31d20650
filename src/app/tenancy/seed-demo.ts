import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps } from '../deps.ts';
import type { Role, Tenant } from '../ports.ts';
import { insertTenant } from './create-tenant.ts';

export const DEMO_SLUG = 'demo';

const PEOPLE: Array<{ email: string; name: string; role: Role }> = [
  { email: 'coach@demo.vitalis.local', name: 'Dana Admin', role: 'admin' },
  { email: 'doctor@demo.vitalis.local', name: 'Dr. Sam Okafor', role: 'clinician' },
  { email: 'ava@demo.vitalis.local', name: 'Ava Lindqvist', role: 'member' },
  { email: 'ben@demo.vitalis.local', name: 'Ben Moreau', role: 'member' },
  { email: 'chloe@demo.vitalis.local', name: 'Chloé Dubois', role: 'member' },
];

export interface SeedDemoResult {
  tenant: Tenant;
  created: boolean;
  people: Array<{ email: string; role: Role }>;
}

/**
 * A demo team: an admin, a team doctor whose care team holds two of the three athletes.
 * Running it again changes nothing.
 */
export async function seedDemo(deps: AppDeps): Promise<SeedDemoResult> {
  const people = PEOPLE.map(({ email, role }) => ({ email, role }));
  return deps.tx.withSystem('operator seeds the demo tenant', async (sql) => {
    const existing = await deps.repos.tenants.findBySlug(sql, DEMO_SLUG);
    if (existing) return { tenant: existing, created: false, people };

    const tenant = await insertTenant(deps, sql, { slug: DEMO_SLUG, name: 'Vitalis Demo Team', type: 'team' });
    const ids = new Map<string, string>();
    for (const person of PEOPLE) {
      const user = await deps.repos.users.upsertByEmail(sql, { id: deps.ids.newId(), email: person.email, name: person.name });
      await deps.repos.memberships.upsert(sql, { tenantId: tenant.id, userId: user.id, role: person.role });
      await recordAudit(deps, sql, tenant.id, {
        action: 'membership.role_granted',
        targetType: 'user',
        targetId: user.id,
        details: { role: person.role },
      });
      ids.set(person.email, user.id);
    }
    const doctor = ids.get('doctor@demo.vitalis.local')!;
    for (const athlete of ['ava@demo.vitalis.local', 'ben@demo.vitalis.local']) {
      await deps.repos.team.addToCareTeam(sql, tenant.id, { clinicianId: doctor, memberId: ids.get(athlete)! });
      await recordAudit(deps, sql, tenant.id, {
        action: 'care_team.assigned',
        targetType: 'user',
        targetId: ids.get(athlete)!,
        details: { clinicianId: doctor },
      });
    }
    return { tenant, created: true, people };
  });
}
