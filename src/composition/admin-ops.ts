import { listOutbox } from '../adapters/mail/list-outbox.ts';
import { verifyAuditChains } from '../app/audit/verify-all-chains.ts';
import { createTenant } from '../app/tenancy/create-tenant.ts';
import { seedDemo } from '../app/tenancy/seed-demo.ts';
import type { AdminOps } from '../contracts/admin-ops.ts';
import { migrate } from '../db/migrate.ts';
import type { Services } from './services.ts';

export function createAdminOps(services: Services): AdminOps {
  const { deps } = services;
  return {
    migrate: async () => ({ applied: await migrate(services.db) }),
    'create-tenant': (input) => createTenant(deps, input),
    'seed-demo': () => seedDemo(deps),
    'audit-verify': (input) => verifyAuditChains(deps, input.tenant),
    outbox: (input) => listOutbox(services.tx, { ...(input.to ? { to: input.to } : {}), limit: input.limit }),
  };
}
