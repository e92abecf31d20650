import { OURA_DEFAULT_URLS } from './oura/oura-api.ts';
import { createOuraAdapter } from './oura/oura-adapter.ts';
import type { VendorAdapter, VendorConfig, VendorDeps } from './vendor-adapter.ts';
import { WHOOP_DEFAULT_URLS } from './whoop/whoop-api.ts';
import { createWhoopAdapter } from './whoop/whoop-adapter.ts';

export interface VendorEntry {
  readonly create: (config: VendorConfig, deps: VendorDeps) => VendorAdapter;
  /** Where the vendor lives when the environment does not say otherwise. */
  readonly defaultUrls: Pick<VendorConfig, 'apiBaseUrl' | 'authBaseUrl'>;
}

/** Every vendor Vitalis connects to, by the id that is also its samples' `source`. */
export const VENDORS = {
  oura: { create: createOuraAdapter, defaultUrls: OURA_DEFAULT_URLS },
  whoop: { create: createWhoopAdapter, defaultUrls: WHOOP_DEFAULT_URLS },
} as const satisfies Record<string, VendorEntry>;

export type VendorId = keyof typeof VENDORS;

export function isVendorId(value: string): value is VendorId {
  return Object.hasOwn(VENDORS, value);
}
