import { SIMULATOR, type ConnectionDeps } from './connection-deps.ts';
import type { ConnectionRecord } from './connection-ports.ts';
import { simulatorSource, type SimulatorSettings } from './simulator-source.ts';
import { vendorSource, type SyncSource } from './sync-source.ts';

/** Where a connection's data comes from; undefined when its vendor is no longer offered (credentials removed). */
export function sourceOf(deps: Pick<ConnectionDeps, 'vendors' | 'logger'>, connection: Pick<ConnectionRecord, 'id' | 'vendor' | 'settings'>): SyncSource | undefined {
  if (connection.vendor === SIMULATOR) return simulatorSource(connection.settings as unknown as SimulatorSettings, connection.id);
  const client = deps.vendors.client(connection.vendor);
  return client && vendorSource(deps, client);
}
