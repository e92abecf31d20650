import { SIMULATOR } from './connection-deps.ts';

const NAMES: Record<string, string> = { oura: 'Oura', whoop: 'WHOOP', [SIMULATOR]: 'Simulator' };

/** How people know a vendor. */
export function vendorName(vendor: string): string {
  return NAMES[vendor] ?? vendor;
}
