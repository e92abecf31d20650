import { daysFromCivil } from './iso-format.ts';
import { EARLIEST_YEAR, LATEST_YEAR, parseTimestamp, type TimestampResult } from './timestamp.ts';

/**
 * An instant with the local offset its source wrote, parsed already (a file reader's dates):
 * normalization takes it as it takes the text `2024-03-10T07:12:44.000-08:00`, without a
 * string being written for it and read back.
 */
export interface ZonedInstant {
  readonly epochMs: number;
  /** Minutes east of UTC. 0 fixes the instant only, as `Z` and `+00:00` do in text. */
  readonly offsetMinutes: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const EARLIEST_WALL_MS = daysFromCivil(EARLIEST_YEAR, 1, 1) * DAY_MS;
const AFTER_LATEST_WALL_MS = daysFromCivil(LATEST_YEAR + 1, 1, 1) * DAY_MS;
/** Text offsets beyond +/-14:59 are refused; so are these. */
const MAX_ZONE_MINUTES = 14 * 60 + 59;

export function isZonedInstant(value: unknown): value is ZonedInstant {
  return typeof value === 'object' && value !== null && typeof (value as ZonedInstant).epochMs === 'number' && typeof (value as ZonedInstant).offsetMinutes === 'number';
}

/** A timestamp given as text or as a ZonedInstant, read as parseTimestamp reads text; undefined for anything else. */
export function readTimestamp(value: unknown): TimestampResult | undefined {
  if (typeof value === 'string') return parseTimestamp(value);
  if (!isZonedInstant(value)) return undefined;
  const { epochMs, offsetMinutes } = value;
  if (!Number.isSafeInteger(epochMs)) return { ok: false, reason: `is not a whole number of milliseconds: ${epochMs}` };
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > MAX_ZONE_MINUTES) return { ok: false, reason: `bad UTC offset of ${offsetMinutes} minutes` };
  const wallMs = epochMs + offsetMinutes * MINUTE_MS;
  if (wallMs < EARLIEST_WALL_MS || wallMs >= AFTER_LATEST_WALL_MS) {
    return { ok: false, reason: `year ${new Date(wallMs).getUTCFullYear()} is outside ${EARLIEST_YEAR}-${LATEST_YEAR}` };
  }
  return { ok: true, value: { kind: 'instant', utcMs: epochMs, offsetMinutes: offsetMinutes === 0 ? undefined : offsetMinutes } };
}
