import type { PersonContext } from '../ingest/ingest-deps.ts';
import { SIMULATOR, type ConnectionDeps } from './connection-deps.ts';
import type { ConnectionRecord, ConnectionStatus, SyncRun } from './connection-ports.ts';
import { sourceOf } from './connection-source.ts';
import { vendorName } from './vendor-names.ts';

/** Runs shown per resource. */
const RUNS_SHOWN = 5;

export type SyncRunView = Omit<SyncRun, 'connectionId' | 'resource' | 'cursor' | 'fetchedAt'>;

export interface ResourceView {
  resource: string;
  /** When a run of it last finished well. */
  lastSyncAt: string | null;
  /** Newest first. */
  runs: SyncRunView[];
}

export interface ConnectionView {
  id: string;
  vendor: string;
  status: ConnectionStatus;
  lastSyncAt: string | null;
  lastError: string | null;
  createdAt: string;
  resources: ResourceView[];
}

/** The person's connections, each with the latest sync runs of every resource, their counts and errors. */
export async function listConnections(deps: ConnectionDeps, ctx: PersonContext): Promise<ConnectionView[]> {
  const person = { tenantId: ctx.tenantId, userId: ctx.userId };
  const { connections, runs } = await deps.tx.withTenant(ctx, async (sql) => {
    const connections = await deps.connections.connections.list(sql, person);
    return { connections, runs: await deps.connections.syncs.history(sql, connections.map((c) => c.id), RUNS_SHOWN) };
  });
  return connections.map((connection) => viewOf(deps, connection, runs.filter((run) => run.connectionId === connection.id)));
}

function viewOf(deps: ConnectionDeps, connection: ConnectionRecord, runs: SyncRun[]): ConnectionView {
  const resources = [...new Set([...(sourceOf(deps, connection)?.resources ?? []), ...runs.map((run) => run.resource)])];
  return {
    id: connection.id,
    vendor: connection.vendor,
    status: connection.status,
    lastSyncAt: connection.lastSyncAt,
    lastError: connection.lastError,
    createdAt: connection.createdAt,
    resources: resources.map((resource) => {
      const mine = runs.filter((run) => run.resource === resource);
      const succeeded = mine.filter((run) => run.state === 'succeeded').map((run) => run.finishedAt!);
      return {
        resource,
        lastSyncAt: succeeded.sort().at(-1) ?? null,
        runs: mine.map(({ connectionId: _c, resource: _r, cursor: _cursor, fetchedAt: _f, ...run }) => run),
      };
    }),
  };
}

export interface AvailableSource {
  vendor: string;
  name: string;
  /** `oauth`: the person consents at the vendor; `builtin`: connected at once. */
  kind: 'oauth' | 'builtin';
}

/** What a person can connect here: the vendors this installation holds credentials for, and the simulator. */
export function availableSources(deps: Pick<ConnectionDeps, 'vendors'>): AvailableSource[] {
  return [
    ...deps.vendors.offered().map((vendor) => ({ vendor, name: vendorName(vendor), kind: 'oauth' as const })),
    { vendor: SIMULATOR, name: vendorName(SIMULATOR), kind: 'builtin' },
  ];
}
