import { createReadStream } from 'node:fs';
import path from 'node:path';
import { listOutbox } from '../adapters/mail/list-outbox.ts';
import { getImport } from '../app/imports/get-import.ts';
import { importStatusOf } from '../app/imports/import-status.ts';
import { resolvePerson } from '../app/imports/resolve-person.ts';
import { importRequestOf, startImport } from '../app/imports/start-import.ts';
import { verifyAuditChains } from '../app/audit/verify-all-chains.ts';
import { rotateKeys } from '../app/keys/rotate-keys.ts';
import { createTenant } from '../app/tenancy/create-tenant.ts';
import { seedDemo } from '../app/tenancy/seed-demo.ts';
import type { DeadJob } from '../app/ports.ts';
import type { AdminOps } from '../contracts/admin-ops.ts';
import { migrate } from '../db/migrate.ts';
import { sealedSets } from '../db/repos/sealed-secret.repo.ts';
import { webhookSecretSet } from '../db/repos/notification-webhook.repo.ts';
import type { Services } from './services.ts';

/** What an operator sees of a dead job: not its payload, which may hold a message with a sign-in link. */
function deadJobView({ id, name, payload, attempts, error }: DeadJob) {
  return { id, name, tenantId: payload.tenantId, attempts, error };
}

export type DeadJobView = ReturnType<typeof deadJobView>;

export function createAdminOps(services: Services): AdminOps {
  const { deps } = services;
  return {
    migrate: async () => ({ applied: await migrate(services.db) }),
    'create-tenant': (input) => createTenant(deps, input),
    'seed-demo': (input) => seedDemo(services.ingest, input),
    'audit-verify': (input) => verifyAuditChains(deps, input.tenant),
    'import-start': async ({ path: file, email, tenant, ...fields }) => {
      const person = await resolvePerson(deps, email, tenant);
      const record = await startImport(services.imports, person, createReadStream(file), path.basename(file), importRequestOf(fields));
      return { ...importStatusOf(record), tenantId: person.tenantId, userId: person.userId };
    },
    'import-status': async ({ id, ...person }) => importStatusOf(await getImport(services.imports, person, id)),
    outbox: (input) => listOutbox(services.tx, { ...(input.to ? { to: input.to } : {}), limit: input.limit }),
    'keys-rotate': () => rotateKeys({ tx: services.tx, box: services.keyRing, sets: [...sealedSets, webhookSecretSet] }),
    'jobs-dead': async ({ limit }) => (await services.queue.deadLetters(limit)).map(deadJobView),
    'jobs-retry': async ({ ids }) => ({ retried: await services.queue.retryDead(ids) }),
  };
}
