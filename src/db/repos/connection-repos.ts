import type { ConnectionRepos } from '../../app/connections/connection-ports.ts';
import { connectionDataRepo } from './connection-data.repo.ts';
import { connectionSyncRepo } from './connection-sync.repo.ts';
import { connectionRepo } from './connection.repo.ts';

/** The repositories of live connections. */
export const connectionRepos: ConnectionRepos = {
  connections: connectionRepo,
  syncs: connectionSyncRepo,
  sourceData: connectionDataRepo,
};
