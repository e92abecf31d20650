import type { RawSampleDetails, SampleDetails } from './sample-details.ts';
import type { ZonedInstant } from './zoned-instant.ts';

/** A sample as a vendor adapter, importer or client sends it; every field is untrusted. */
export interface RawSample {
  readonly metric: string;
  /** A number, a decimal string ("72.5"), or a stage name for `sleep_stage`. */
  readonly value: number | string;
  readonly unit?: string;
  /** ISO 8601 instant, local time without offset, or a date (the whole local day); a file reader's parsed date as a ZonedInstant. */
  readonly start: string | ZonedInstant;
  readonly end?: string | ZonedInstant;
  readonly source: string;
  readonly device?: string;
  readonly externalId?: string | number;
  /** The local offset when the vendor gives it apart from the timestamps (WHOOP). */
  readonly utcOffsetMinutes?: number;
  /** When the source recorded or last revised this value (Apple's creationDate, updated_at). */
  readonly recordedAt?: string | ZonedInstant;
  /** The tracker was not worn that day (see not-worn.ts). */
  readonly notWorn?: boolean;
  /** What the metric may carry beside its value (a workout's statistics, an HRV reading's beats). */
  readonly details?: RawSampleDetails;
}

/** A sample read from a file, with the 1-based line (or record number) it came from, for reports. */
export interface ImportedSample extends RawSample {
  readonly line: number;
}

export interface NormalizeContext {
  /** The person's IANA timezone, used where a timestamp carries no local offset. */
  readonly timeZone: string;
  /** Epoch ms from the caller's clock; samples starting more than a day after it are refused. */
  readonly now?: number;
}

export interface CanonicalSample {
  readonly metric: string;
  /** In the metric's canonical unit; for `sleep_stage`, the minutes of the interval. */
  readonly value: number;
  readonly unit: string;
  /** For categorical metrics (`sleep_stage`): which stage. */
  readonly category?: string;
  /** UTC instants, `YYYY-MM-DDTHH:mm:ss.sssZ`; `end` equals `start` for a point reading. */
  readonly start: string;
  readonly end: string;
  /** Local offset at `start`, minutes east of UTC. */
  readonly utcOffsetMinutes: number;
  /** The person's local day this sample counts towards. */
  readonly localDate: string;
  /** The source gave a value for a whole local day (a bare date), e.g. Fitbit's daily total. */
  readonly wholeDay: boolean;
  readonly source: string;
  readonly device?: string;
  readonly externalId?: string;
  readonly recordedAt?: string;
  readonly notWorn?: boolean;
  readonly details?: SampleDetails;
}

export type RejectionCode =
  | 'malformed'
  | 'unknown_metric'
  | 'unknown_unit'
  | 'missing_unit'
  | 'wrong_unit'
  | 'invalid_value'
  | 'implausible_value'
  | 'invalid_time'
  | 'implausible_time'
  | 'invalid_time_zone';

export interface Rejection {
  readonly code: RejectionCode;
  /** Which input field is at fault. */
  readonly field: string;
  /** One line a person can act on; names the offending value. */
  readonly reason: string;
}

export type NormalizeResult = { ok: true; sample: CanonicalSample } | { ok: false; rejection: Rejection };
