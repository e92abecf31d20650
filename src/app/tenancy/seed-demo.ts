import type { RawSample } from '../../domain/ingest/index.ts';
import { generateBackfill, type PersonProfile } from '../../domain/simulator/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { IngestDeps } from '../ingest/ingest-deps.ts';
import { ingestSamples } from '../ingest/ingest-samples.ts';
import type { Role, Tenant } from '../ports.ts';
import { insertTenant } from './create-tenant.ts';

export const DEMO_SLUG = 'demo';
/** Heart rate every ten minutes keeps a demo of months quick to make; the live simulator reads every few seconds. */
const DEMO_HEART_RATE_SECONDS = 600;
const DAY_MS = 86_400_000;

interface DemoPerson {
  email: string;
  name: string;
  role: Role;
  /** Members get simulated data. */
  profile?: PersonProfile;
}

const PEOPLE: DemoPerson[] = [
  { email: 'coach@demo.vitalis.local', name: 'Dana Admin', role: 'admin' },
  { email: 'doctor@demo.vitalis.local', name: 'Dr. Sam Okafor', role: 'clinician' },
  { email: 'ava@demo.vitalis.local', name: 'Ava Lindqvist', role: 'member', profile: { age: 24, sex: 'female', fitness: 0.8, weightKg: 62, timeZone: 'Europe/Stockholm' } },
  { email: 'ben@demo.vitalis.local', name: 'Ben Moreau', role: 'member', profile: { age: 29, sex: 'male', fitness: 0.6, weightKg: 79, timeZone: 'Europe/Paris' } },
  { email: 'chloe@demo.vitalis.local', name: 'Chloé Dubois', role: 'member', profile: { age: 21, sex: 'female', fitness: 0.7, weightKg: 57, timeZone: 'America/Montreal' } },
];

export interface SeedDemoOptions {
  /** Days of simulated data per member, up to today. */
  days: number;
}

export interface SeedDemoResult {
  tenant: Tenant;
  created: boolean;
  people: Array<{ email: string; role: Role }>;
  /** Simulated samples stored for the members (0 when the tenant was there already). */
  samples: number;
}

/**
 * A demo team: an admin, a team doctor whose care team holds two of the three athletes, and
 * `days` of data for each athlete from the built-in simulator, through the ingest pipeline like
 * any source. Running it again changes nothing.
 */
export async function seedDemo(deps: IngestDeps, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const people = PEOPLE.map(({ email, role }) => ({ email, role }));
  const seeded = await deps.tx.withSystem('operator seeds the demo tenant', async (sql) => {
    const existing = await deps.repos.tenants.findBySlug(sql, DEMO_SLUG);
    if (existing) return { tenant: existing, created: false, ids: new Map<string, string>() };

    const tenant = await insertTenant(deps, sql, { slug: DEMO_SLUG, name: 'Vitalis Demo Team', type: 'team' });
    const ids = new Map<string, string>();
    for (const person of PEOPLE) {
      const user = await deps.repos.users.upsertByEmail(sql, { id: deps.ids.newId(), email: person.email, name: person.name });
      await deps.repos.memberships.upsert(sql, { tenantId: tenant.id, userId: user.id, role: person.role });
      await recordAudit(deps, sql, tenant.id, { action: 'membership.role_granted', targetType: 'user', targetId: user.id, details: { role: person.role } });
      ids.set(person.email, user.id);
    }
    const doctor = ids.get('doctor@demo.vitalis.local')!;
    for (const athlete of ['ava@demo.vitalis.local', 'ben@demo.vitalis.local']) {
      await deps.repos.team.addToCareTeam(sql, tenant.id, { clinicianId: doctor, memberId: ids.get(athlete)! });
      await recordAudit(deps, sql, tenant.id, { action: 'care_team.assigned', targetType: 'user', targetId: ids.get(athlete)!, details: { clinicianId: doctor } });
    }
    return { tenant, created: true, ids };
  });
  if (!seeded.created) return { tenant: seeded.tenant, created: false, people, samples: 0 };

  let samples = 0;
  for (const person of PEOPLE) {
    if (!person.profile || options.days === 0) continue;
    samples += await simulate(deps, { tenantId: seeded.tenant.id, userId: seeded.ids.get(person.email)! }, person.email, person.profile, options.days);
  }
  return { tenant: seeded.tenant, created: true, people, samples };
}

async function simulate(deps: IngestDeps, person: { tenantId: string; userId: string }, seed: string, profile: PersonProfile, days: number): Promise<number> {
  const { timeZone } = profile;
  if (timeZone !== undefined) await deps.tx.withTenant(person, (sql) => deps.ingest.people.setTimeZone(sql, person.userId, timeZone));
  const now = deps.clock.now().getTime();
  const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  let stored = 0;
  let batch: RawSample[] = [];
  const flush = async () => {
    await ingestSamples(deps, person, batch, { normalize: 'inline', idempotencyKey: `seed-demo:${stored}` });
    stored += batch.length;
    batch = [];
  };
  const backfill = generateBackfill(profile, { from: isoDay(now - days * DAY_MS), to: isoDay(now), seed, now, heartRateIntervalSeconds: DEMO_HEART_RATE_SECONDS });
  for (const { samples } of backfill) {
    for (const sample of samples) {
      batch.push(sample);
      if (batch.length === deps.settings.maxBatchSamples) await flush();
    }
  }
  if (batch.length > 0) await flush();
  return stored;
}
