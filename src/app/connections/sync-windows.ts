import type { SyncWindow } from './connection-ports.ts';

const DAY_MS = 86_400_000;

/** Vendors revise recent documents (a night re-scored, a late upload): a vendor catch-up reads the last two days again. */
export const VENDOR_OVERLAP_MS = 2 * DAY_MS;

/** The last `days` days up to now: what a new connection reads back. */
export function backfillWindow(now: Date, days: number): SyncWindow {
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}

/**
 * What a catch-up of one resource reads: from where the latest run that did not fail ended
 * (never further back than a backfill, and for a vendor at least `overlapMs` again) up to now;
 * undefined when there is nothing to read.
 */
export function catchUpWindow(now: Date, coveredUntil: string | undefined, options: { backfillDays: number; overlapMs: number }): SyncWindow | undefined {
  const earliest = now.getTime() - options.backfillDays * DAY_MS;
  const covered = coveredUntil === undefined ? earliest : Date.parse(coveredUntil);
  const from = Math.max(earliest, Math.min(covered, now.getTime() - options.overlapMs));
  return from < now.getTime() ? { from: new Date(from), to: now } : undefined;
}
