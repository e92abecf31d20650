import { recordAudit } from '../audit/record-audit.ts';
import type { PersonContext } from '../ingest/ingest-deps.ts';
import { notFound } from '../ingest/ingest-deps.ts';
import { DELETE_SOURCE_DATA_JOB, type ConnectionDeps } from './connection-deps.ts';
import { openTokens } from './connection-tokens.ts';

export interface DisconnectOutcome {
  id: string;
  vendor: string;
  /** The vendor confirmed the end of our access (false: it could not be reached; our tokens are gone all the same). */
  revokedAtVendor: boolean;
  /** The source's data is being deleted (a job). */
  deletingData: boolean;
}

/**
 * Ends a connection: the vendor revokes our access, our tokens and the connection's sync
 * history are deleted, and on request a job deletes everything the source brought the person.
 */
export async function disconnect(deps: ConnectionDeps, ctx: PersonContext, connectionId: string, options: { deleteData: boolean }): Promise<DisconnectOutcome> {
  const person = { tenantId: ctx.tenantId, userId: ctx.userId };
  const connection = await deps.tx.withTenant(ctx, (sql) => deps.connections.connections.get(sql, connectionId));
  if (!connection) throw notFound();
  const client = deps.vendors.client(connection.vendor);
  let revokedAtVendor = connection.sealedTokens === null;
  if (client && connection.sealedTokens !== null) {
    try {
      await client.revoke(openTokens(deps.secretBox, person.tenantId, connection.id, connection.sealedTokens));
      revokedAtVendor = true;
    } catch (error) {
      const failure = deps.vendors.failureOf(error, 1);
      if (!failure) throw error;
      deps.logger.warn({ tenantId: person.tenantId, connectionId, vendor: connection.vendor, code: failure.code }, 'the vendor did not confirm the revocation');
    }
  }
  const removed = await deps.tx.withTenant(ctx, async (sql) => {
    if (!(await deps.connections.connections.delete(sql, connectionId))) return false;
    await recordAudit(deps, sql, person.tenantId, {
      action: 'connection.removed',
      actorUserId: person.userId,
      targetType: 'connection',
      targetId: connectionId,
      details: { vendor: connection.vendor, revokedAtVendor, deleteData: options.deleteData },
    });
    return true;
  });
  if (!removed) throw notFound();
  if (options.deleteData) {
    await deps.queue.enqueue(
      DELETE_SOURCE_DATA_JOB,
      { ...person, connectionId, source: connection.vendor },
      { jobId: `connection-delete-data:${connectionId}`, attempts: 5 },
    );
  }
  return { id: connectionId, vendor: connection.vendor, revokedAtVendor, deletingData: options.deleteData };
}
