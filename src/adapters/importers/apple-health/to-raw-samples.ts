import type { ImportedSample } from '../../../domain/ingest/index.ts';
import type { SkippedRow } from '../csv/import-result.ts';
import { beatSeries } from './beat-series.ts';
import { APPLE_METRIC_TYPES, BLOOD_PRESSURE_METRICS } from './metric-types.ts';
import type { AppleHealthRecord, AppleHealthSample } from './types.ts';
import { workoutSample } from './workout-sample.ts';
import type { Writable } from '../../../domain/ingest/writable.ts';

/** What one export record becomes: samples, and a reason when it (or part of it) is left out. */
export interface MappedRecord {
  readonly samples: ImportedSample[];
  readonly skipped?: SkippedRow;
}

const NOTHING: MappedRecord = { samples: [] };

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
        return { samples: [workoutSample(record)] };
      case 'activitySummary':
        return this.unstored(record.ordinal, 'ActivitySummary', 'the day’s rings, which Apple computes from the ActiveEnergyBurned, AppleExerciseTime and AppleStandHour Records; active energy and exercise minutes are stored from those Records, stand hours and ring goals are not metrics Vitalis stores');
      default:
        // Me and ExportDate describe the export.
        return NOTHING;
    }
  }

  private sample(record: AppleHealthSample): MappedRecord {
    const type = APPLE_METRIC_TYPES.get(record.type);
    if (type === undefined) return this.unstored(record.ordinal, record.type, 'not a metric Vitalis stores');
    if (BLOOD_PRESSURE_METRICS.has(type.metric) && this.seenBefore(type.metric, record)) return NOTHING;

    const value = type.metric === 'sleep_stage' ? record.value : record.numericValue;
    if (value === undefined) return { samples: [], skipped: { line: record.ordinal, reason: `${record.type} has no value` } };
    const sample: Writable<ImportedSample> = { metric: type.metric, value, start: record.startDate, end: record.endDate, source: record.sourceName, line: record.ordinal };
    // Assigned, not spread in: a spread of `cond && {...}` makes an object per field per record.
    const unit = type.fraction && record.unit === '%' ? '1' : record.unit;
    if (unit !== undefined) sample.unit = unit;
    if (record.device !== undefined) sample.device = record.device.text;
    if (record.creationDate !== undefined) sample.recordedAt = record.creationDate;
    if (record.beats === undefined || record.beats.length === 0) return { samples: [sample] };
    const series = beatSeries(record);
    if (!series.ok) return { samples: [sample], skipped: { line: record.ordinal, reason: `${record.type}: beat-to-beat series left out, "${series.time}" is not a time of day` } };
    sample.details = { beats: series.beats };
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
