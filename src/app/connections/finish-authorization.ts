import type { PersonRef, VendorFailureCode, VendorTokens } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';
import { connectionsPage } from './connections-page.ts';
import { offeredClient } from './offered-client.ts';
import { takePending } from './pending-authorizations.ts';
import { saveConnection, startSyncs, type SavedConnection } from './save-connection.ts';

/** Why a connection did not come about, as the connections page is told. */
export type AuthorizationError = 'consent_denied' | 'state_mismatch' | 'authorization_failed' | 'authorization_expired' | 'vendor_unavailable';

const ERROR_OF: Partial<Record<VendorFailureCode, AuthorizationError>> = {
  consent_denied: 'consent_denied',
  state_mismatch: 'state_mismatch',
  reauthorization_required: 'authorization_expired',
  rate_limited: 'vendor_unavailable',
  unavailable: 'vendor_unavailable',
};

/**
 * The vendor's redirect back after consent: the pending authorization its state names (once),
 * the code exchanged for tokens, the account saved and its backfill started. Answers where to
 * send the browser: the connections page, saying what came of it.
 */
export async function finishAuthorization(deps: ConnectionDeps, vendor: string, callback: URLSearchParams): Promise<{ redirectTo: string }> {
  const client = offeredClient(deps, vendor);
  const refused = (error: AuthorizationError) => {
    deps.logger.info({ vendor, error }, 'connection not made');
    return { redirectTo: connectionsPage(deps, { vendor, error }) };
  };
  const state = callback.get('state');
  const pending = state ? await takePending(deps, state) : undefined;
  if (!pending || pending.vendor !== vendor) return refused('state_mismatch');
  const person: PersonRef = { tenantId: pending.tenantId, userId: pending.userId };
  let tokens: VendorTokens | undefined;
  let saved: SavedConnection;
  try {
    tokens = await client.exchangeCode(client.readCallback(callback, pending));
    saved = await saveConnection(deps, person, { vendor, vendorUserId: await client.accountId(tokens.accessToken), tokens, settings: {} });
  } catch (error) {
    // A grant we could not keep is handed back rather than left live at the vendor.
    if (tokens) await client.revoke(tokens).catch(() => undefined);
    const failure = deps.vendors.failureOf(error, 1);
    if (!failure) throw error;
    return refused(ERROR_OF[failure.code] ?? 'authorization_failed');
  }
  await startSyncs(deps, saved);
  deps.logger.info({ tenantId: person.tenantId, vendor }, 'connection made');
  return { redirectTo: connectionsPage(deps, { connected: vendor }) };
}
