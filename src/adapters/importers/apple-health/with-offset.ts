import { isoInstant } from '../../../domain/ingest/iso-format.ts';
import type { AppleHealthDate } from './types.ts';

/** `2024-03-10T07:12:44.000-08:00`: the local wall time with the offset the export wrote. */
export function withOffset(date: AppleHealthDate): string {
  const local = isoInstant(date.epochMs + date.offsetMinutes * 60_000).slice(0, -1);
  const sign = date.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(date.offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
