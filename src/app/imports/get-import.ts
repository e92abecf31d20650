import type { TenantContext } from '../ports.ts';
import { notFound } from '../ingest/ingest-deps.ts';
import type { ImportDeps } from './import-deps.ts';

/** An import of the caller's (or, for a clinician, of a member on their care team); a foreign id is not found. */
export async function getImport(deps: Pick<ImportDeps, 'tx' | 'imports'>, ctx: TenantContext, id: string) {
  const record = await deps.tx.withTenant(ctx, (sql) => deps.imports.find(sql, id));
  if (!record) throw notFound();
  return record;
}
