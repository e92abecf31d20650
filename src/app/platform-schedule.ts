import { NO_TENANT } from '../contracts/jobs.ts';
import type { Clock, Queue } from './ports.ts';

/**
 * A platform job (for no tenant) that runs once per period — slot `n` starts at
 * `n × everyMs + offsetMs` since the epoch — however many nodes queue it: a slot's job id is
 * the same on every node, so the queue keeps one.
 */
export interface PlatformSchedule {
  /** When slot `slot`'s run starts (ms since the epoch). */
  runAt(slot: number): number;
  /** The first slot to start after `now`. */
  nextSlot(now: Date): number;
  /** Queues the run of `slot`. */
  schedule(deps: { queue: Queue; clock: Clock }, slot: number): Promise<void>;
  /**
   * Queues the run after `slot`'s: the next slot to come, not every slot missed while no node
   * ran (a run held up for a day must not be followed by a day of catching up).
   */
  scheduleAfter(deps: { queue: Queue; clock: Clock }, slot: number): Promise<void>;
}

export function platformSchedule(job: string, idPrefix: string, everyMs: number, offsetMs = 0): PlatformSchedule {
  const runAt = (slot: number) => slot * everyMs + offsetMs;
  const nextSlot = (now: Date) => Math.floor((now.getTime() - offsetMs) / everyMs) + 1;
  const schedule = async (deps: { queue: Queue; clock: Clock }, slot: number) => {
    await deps.queue.enqueue(job, { tenantId: NO_TENANT, slot }, { jobId: `${idPrefix}:${slot}`, delayMs: Math.max(0, runAt(slot) - deps.clock.now().getTime()) });
  };
  return {
    runAt,
    nextSlot,
    schedule,
    scheduleAfter: (deps, slot) => schedule(deps, Math.max(slot + 1, nextSlot(deps.clock.now()))),
  };
}
