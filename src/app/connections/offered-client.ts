import { AppError } from '../errors.ts';
import type { VendorClient } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';

/** The vendor's client, or 404 for a vendor this installation does not offer (no credentials, or no such vendor). */
export function offeredClient(deps: Pick<ConnectionDeps, 'vendors'>, vendor: string): VendorClient {
  const client = deps.vendors.client(vendor);
  if (!client) throw new AppError('not_found', `Vitalis does not offer "${vendor}" here.`);
  return client;
}
