import type { ConnectionDeps } from './connection-deps.ts';
import { scheduleWebhookSubscriptions, todaysSlot } from './keep-webhook-subscriptions.ts';
import { enqueueSyncPage } from './queue-syncs.ts';
import { scheduleNextSync } from './schedule-syncs.ts';

const BATCH = 500;

/**
 * At start: every sync run a stop left unfinished gets its next page job again (where its
 * cursor stands), every connection its next scheduled sync, and the webhook subscriptions
 * their upkeep. All by deterministic job ids, so nodes starting together queue each once.
 */
export async function resumeConnections(deps: ConnectionDeps): Promise<{ runs: number; connections: number }> {
  const runs = await deps.tx.withSystem('resume the connection syncs a stop left unfinished', (sql) => deps.connections.syncs.unfinished(sql, 10 * BATCH));
  for (const run of runs) await enqueueSyncPage(deps, run, run.connectionId, run.id, run.pages);

  let connections = 0;
  let after: string | undefined;
  for (;;) {
    const page = await deps.tx.withSystem('schedule the syncs of every connection', (sql) => deps.connections.connections.page(sql, after, BATCH));
    for (const connection of page) await scheduleNextSync(deps, connection, deps.clock.now().getTime());
    connections += page.length;
    if (page.length < BATCH) break;
    after = page[page.length - 1]!.id;
  }
  if (deps.webhookSubscriptions) await scheduleWebhookSubscriptions(deps, todaysSlot(deps));
  return { runs: runs.length, connections };
}
