import type { PersonRef } from '../../ports.ts';
import { DAILY_SUMMARY_JOB, type MonitoringDeps } from '../monitoring-deps.ts';
import { nextLocalTime } from './local-clock.ts';

export interface DailySummaryJob {
  tenantId: string;
  userId: string;
  /** The local date the summary is for, and the local time it was asked for. */
  date: string;
  at: string;
}

/** Queues the person's next summary at `at` their local time (the job id names the date, so queueing it twice adds one). */
export async function scheduleDailySummary(deps: Pick<MonitoringDeps, 'queue' | 'clock'>, person: PersonRef, at: string, timeZone: string): Promise<void> {
  const now = deps.clock.now().getTime();
  const next = nextLocalTime(now, at, timeZone);
  await deps.queue.enqueue(
    DAILY_SUMMARY_JOB,
    { tenantId: person.tenantId, userId: person.userId, date: next.date, at },
    { jobId: `daily-summary:${person.tenantId}:${person.userId}:${next.date}:${at}`, delayMs: next.at - now },
  );
}
