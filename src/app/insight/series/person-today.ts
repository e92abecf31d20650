import { addDays, epochDay } from '../../../domain/analytics/index.ts';
import { localDateAt, wallTimeToInstant, zoneOffsetMinutes } from '../../../domain/ingest/index.ts';

export interface LocalToday {
  /** The person's local date now. */
  today: string;
  /** Epoch ms of their next local midnight, daylight-saving changes included. */
  endsAt: number;
}

/** "Today" is the person's local day in their time zone, not the server's. */
export function personToday(now: Date, timeZone: string): LocalToday {
  const today = localDateAt(now.getTime(), zoneOffsetMinutes(timeZone, now.getTime()));
  return { today, endsAt: wallTimeToInstant(timeZone, epochDay(addDays(today, 1)) * 86_400_000).utcMs };
}
