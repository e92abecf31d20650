import type { ImportedSample } from '../../../domain/ingest/index.ts';
import { isoInstant } from '../../../domain/ingest/iso-format.ts';
import type { SkippedRow } from '../csv/import-result.ts';
import { APPLE_METRIC_TYPES, BLOOD_PRESSURE_METRICS } from './metric-types.ts';
import type { AppleHealthDate, AppleHealthRecord, AppleHealthSample } from './types.ts';

/** What one export record becomes: samples, and a reason when it (or part of it) is left out. */
export interface MappedRecord {
  readonly samples: ImportedSample[];
  readonly skipped?: SkippedRow;
}

const NOTHING: MappedRecord = { samples: [] };

/** `2024-03-10T07:12:44.000-08:00`: the local wall time with the offset the export wrote. */
export function withOffset(date: AppleHealthDate): string {
  const local = isoInstant(date.epochMs + date.offsetMinutes * 60_000).slice(0, -1);
  const sign = date.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(date.offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Turns Apple Health records into RawSamples, `line` being the record's ordinal in the export.
 * Stateful across one export: blood pressure written both inside its Correlation and as
 * top-level Records is taken once, and a type Vitalis does not store is reported once.
 */
export class AppleHealthSampleMapper {
  private readonly bloodPressureSeen = new Set<string>();
  private readonly unstoredTypes = new Set<string>();

  map(record: AppleHealthRecord): MappedRecord {
    switch (record.kind) {
      case 'sample':
        return this.sample(record);
      case 'correlation':
        return { samples: record.samples.flatMap((inner) => this.sample(inner).samples) };
      case 'workout':
        return this.unstored(record.ordinal, 'Workout', 'workouts are not stored yet; their energy, distance and heart rate come in as Records');
      default:
        // ActivitySummary repeats what the Records hold; Me and ExportDate describe the export.
        return NOTHING;
    }
  }

  private sample(record: AppleHealthSample): MappedRecord {
    const type = APPLE_METRIC_TYPES.get(record.type);
    if (type === undefined) return this.unstored(record.ordinal, record.type, 'not a metric Vitalis stores');
    if (BLOOD_PRESSURE_METRICS.has(type.metric) && this.seenBefore(type.metric, record)) return NOTHING;

    const value = type.metric === 'sleep_stage' ? record.value : record.numericValue;
    if (value === undefined) return { samples: [], skipped: { line: record.ordinal, reason: `${record.type} has no value` } };
    const unit = type.fraction && record.unit === '%' ? '1' : record.unit;
    const sample: ImportedSample = {
      metric: type.metric,
      value,
      ...(unit !== undefined && { unit }),
      start: withOffset(record.startDate),
      end: withOffset(record.endDate),
      source: record.sourceName,
      ...(record.device !== undefined && { device: record.device.text }),
      ...(record.creationDate !== undefined && { recordedAt: withOffset(record.creationDate) }),
      line: record.ordinal,
    };
    return { samples: [sample] };
  }

  private seenBefore(metric: string, record: AppleHealthSample): boolean {
    const key = `${metric}\u0000${record.sourceName}\u0000${record.startDate.epochMs}\u0000${record.endDate.epochMs}`;
    if (this.bloodPressureSeen.has(key)) return true;
    this.bloodPressureSeen.add(key);
    return false;
  }

  private unstored(line: number, type: string, reason: string): MappedRecord {
    if (this.unstoredTypes.has(type)) return NOTHING;
    this.unstoredTypes.add(type);
    return { samples: [], skipped: { line, reason: `${type}: ${reason} (reported once per type)` } };
  }
}
