import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnqueueOptions, JobPayload, Sql, Transactions } from '../../ports.ts';
import type { MonitoringRepos, OwedNotification } from '../monitoring-ports.ts';
import { dispatchOwedNotifications, dispatchSchedule } from './dispatch-owed-notifications.ts';
import type { SweepDeps } from './sweep-owed-notifications.ts';

const FIVE_MINUTES = 5 * 60_000;
const NOW = Date.UTC(2026, 10, 22, 9, 2);

interface Queued {
  name: string;
  payload: JobPayload;
  options?: EnqueueOptions;
}

/** A dispatcher over `owed` (alerts with their recording time) that records what it queues and what it asked for. */
function dispatcher(owed: Array<OwedNotification & { recordedAt: number }>) {
  const queued: Queued[] = [];
  const system: Transactions = {
    withTenant: () => Promise.reject(new Error('the dispatcher reads as the system only')),
    withSystem: (_reason, fn) => fn({} as Sql),
  };
  const alerts: Pick<MonitoringRepos['alerts'], 'owedNotificationsEverywhere'> = {
    async owedNotificationsEverywhere(_sql, query) {
      return owed
        .filter((o) => o.recordedAt < query.recordedBefore.getTime() && (query.after === undefined || o.alertId > query.after))
        .slice(0, query.limit)
        .map(({ tenantId, userId, alertId }) => ({ tenantId, userId, alertId }));
    },
  };
  const deps = {
    tx: system,
    monitoring: { alerts } as MonitoringRepos,
    clock: { now: () => new Date(NOW) },
    queue: {
      async enqueue(name: string, payload: JobPayload, options?: EnqueueOptions) {
        queued.push({ name, payload, ...(options && { options }) });
        return { id: options?.jobId ?? name, duplicate: false };
      },
    },
  } as unknown as SweepDeps;
  return { deps, queued };
}

describe('the dispatcher of owed notifications', () => {
  it('queues the notification job of each alert older than a minute, by the alert’s id, and its own next run', async () => {
    const { deps, queued } = dispatcher([
      { tenantId: 't1', userId: 'u1', alertId: 'a1', recordedAt: NOW - 10 * 60_000 },
      { tenantId: 't2', userId: 'u2', alertId: 'a2', recordedAt: NOW - 61_000 },
      { tenantId: 't1', userId: 'u3', alertId: 'a3', recordedAt: NOW - 30_000 },
    ]);
    const slot = dispatchSchedule.nextSlot(deps.clock.now());
    assert.equal(await dispatchOwedNotifications(deps, slot), 2);
    assert.deepEqual(
      queued.filter((q) => q.name === 'alerts.notify.v1').map((q) => [q.payload, q.options?.jobId]),
      [
        [{ tenantId: 't1', userId: 'u1', alertId: 'a1' }, 'alert-notify:a1'],
        [{ tenantId: 't2', userId: 'u2', alertId: 'a2' }, 'alert-notify:a2'],
      ],
    );
    const next = queued.find((q) => q.name === 'alerts.dispatch-owed.v1')!;
    assert.deepEqual(next.payload, { tenantId: '00000000-0000-0000-0000-000000000000', slot: slot + 1 });
    assert.equal(next.options?.delayMs, (slot + 1) * FIVE_MINUTES - NOW);
  });

  it('after a long stop, queues the slot to come rather than every one it missed', async () => {
    const { deps, queued } = dispatcher([]);
    const dayAgo = dispatchSchedule.nextSlot(deps.clock.now()) - 288;
    await dispatchOwedNotifications(deps, dayAgo);
    const [next] = queued;
    assert.equal(next!.payload.slot, dispatchSchedule.nextSlot(deps.clock.now()));
    assert.ok(next!.options!.delayMs! > 0);
  });
});
