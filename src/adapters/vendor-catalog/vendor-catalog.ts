import type { Clock, VendorClient, VendorFailure, Vendors } from '../../app/ports.ts';
import { VENDORS, VendorError, WebhookRejected, isVendorId, retryDelayFor, type VendorId } from '../vendors/index.ts';
import type { VendorConfig } from '../vendors/vendor-adapter.ts';

export type VendorCredentials = Partial<Record<VendorId, VendorConfig>>;

/**
 * The vendors this installation holds credentials for, each its adapter; and what a vendor
 * error means to the app, by code (with the delay before a retry where one can help).
 */
export function vendorCatalog(credentials: VendorCredentials, deps: { clock: Clock; random: () => number; fetch?: typeof fetch }): Vendors {
  const clients = new Map<string, VendorClient>();
  for (const [vendor, config] of Object.entries(credentials)) {
    if (isVendorId(vendor) && config) clients.set(vendor, VENDORS[vendor].create(config, { clock: deps.clock, ...(deps.fetch && { fetch: deps.fetch }) }));
  }
  return {
    offered: () => [...clients.keys()],
    client: (vendor) => clients.get(vendor),
    failureOf(error, retry): VendorFailure | undefined {
      if (!(error instanceof VendorError)) return undefined;
      const retryDelayMs = retryDelayFor(error, retry, deps.random);
      return {
        code: error.code,
        ...(retryDelayMs !== undefined && { retryDelayMs }),
        ...(error instanceof WebhookRejected && { malformedWebhook: error.reason === 'malformed_event' }),
      };
    },
  };
}
