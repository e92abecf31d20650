import type { Clock, IdGenerator, Repos, Transactions } from './ports.ts';

/** What every use case may be handed; each takes only the parts it needs. */
export interface AppDeps {
  tx: Transactions;
  repos: Repos;
  clock: Clock;
  ids: IdGenerator;
}
