import type { Body } from '../../domain/simulator/index.ts';
import { AppError } from '../errors.ts';
import type { PersonContext } from '../ingest/ingest-deps.ts';
import { SIMULATOR, type ConnectionDeps } from './connection-deps.ts';
import { connectionsPage } from './connections-page.ts';
import { offeredClient } from './offered-client.ts';
import { keepPending } from './pending-authorizations.ts';
import { saveConnection, startSyncs } from './save-connection.ts';
import { simulatorSettings } from './simulator-source.ts';

/**
 * Where to send the person's browser to connect `vendor`: the vendor's consent page, with a
 * state (and a PKCE challenge where the vendor takes one) kept here until the callback. The
 * simulator needs no consent: it is connected at once (optionally simulating the `body` given)
 * and the browser goes straight to the connections page.
 */
export async function startAuthorization(deps: ConnectionDeps, ctx: PersonContext, vendor: string, options: { body?: Body } = {}): Promise<{ url: string }> {
  const person = { tenantId: ctx.tenantId, userId: ctx.userId };
  if (vendor === SIMULATOR) {
    const timeZone = (await deps.tx.withTenant(ctx, (sql) => deps.ingest.people.timeZone(sql, ctx.userId))) ?? 'UTC';
    await startSyncs(deps, await saveConnection(deps, person, { vendor, vendorUserId: null, settings: { ...simulatorSettings(options.body, timeZone) } }));
    return { url: connectionsPage(deps, { connected: SIMULATOR }) };
  }
  if (options.body) throw new AppError('validation_failed', 'Only the simulator takes a profile.');
  const client = offeredClient(deps, vendor);
  const { url, pending } = await client.authorizationRequest();
  await keepPending(deps, { ...person, vendor, ...pending });
  return { url };
}
