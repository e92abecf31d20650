import { AppError } from '../errors.ts';
import type { PersonContext } from '../ingest/ingest-deps.ts';
import { notFound } from '../ingest/ingest-deps.ts';
import type { ConnectionDeps } from './connection-deps.ts';
import { sourceOf } from './connection-source.ts';
import { queueSyncs } from './queue-syncs.ts';
import { vendorName } from './vendor-names.ts';

/** "Sync now": a catch-up run of every resource not syncing already; returns the runs started. */
export async function syncNow(deps: ConnectionDeps, ctx: PersonContext, connectionId: string): Promise<Array<{ resource: string; syncId: string }>> {
  const connection = await deps.tx.withTenant(ctx, (sql) => deps.connections.connections.get(sql, connectionId));
  if (!connection) throw notFound();
  if (connection.status === 'needs_reauth') throw new AppError('conflict', `Connect ${vendorName(connection.vendor)} again first: it no longer lets Vitalis in.`);
  const source = sourceOf(deps, connection);
  if (!source) throw new AppError('conflict', `${vendorName(connection.vendor)} is not offered here any more.`);
  const runs = await queueSyncs(deps, connection, 'manual', source);
  return runs.map((run) => ({ resource: run.resource, syncId: run.id }));
}
