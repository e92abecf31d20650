import { platformSchedule } from '../../platform-schedule.ts';
import { DISPATCH_NOTIFICATIONS_JOB } from '../monitoring-deps.ts';
import { sweepOwedNotifications, type SweepDeps } from './sweep-owed-notifications.ts';

/** Between two runs of the dispatcher. */
const DISPATCH_EVERY_MS = 5 * 60_000;
/**
 * The dispatcher leaves alerts younger than this to the evaluation that stored them, which
 * queues their notifications right after its commit.
 */
const DISPATCH_GRACE_MS = 60_000;

export const dispatchSchedule = platformSchedule(DISPATCH_NOTIFICATIONS_JOB, 'dispatch-notifications', DISPATCH_EVERY_MS);

/**
 * The dispatcher, every few minutes: after queueing its next run, queues whatever alerts older
 * than a minute still owe notifications, so a worker that died after an evaluation's commit
 * delays them by minutes while the other nodes keep running. A run held up past its successor's
 * slot (the nodes were down) queues the next slot to come, not every one it missed.
 */
export async function dispatchOwedNotifications(deps: SweepDeps, slot: number): Promise<number> {
  await dispatchSchedule.scheduleAfter(deps, slot);
  return sweepOwedNotifications(deps, new Date(deps.clock.now().getTime() - DISPATCH_GRACE_MS));
}
