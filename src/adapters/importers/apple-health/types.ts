/**
 * Raw records of an Apple Health export, shaped like the export itself (Apple's element and
 * attribute names, Apple's type identifiers and units). Mapping them onto Vitalis metrics is the
 * ingest domain's job; this reader only decodes, structures and checks what the file says.
 *
 * Every string is decoded (XML entities, UTF-8). Absent attributes are `undefined`, never ''.
 */

/** A timestamp of the export, `2024-03-10 07:12:44 -0800`: the instant plus its local offset. */
export interface AppleHealthDate {
  /** The UTC instant, `YYYY-MM-DDTHH:mm:ss.sssZ`. */
  readonly instant: string;
  /** The same instant in epoch milliseconds. */
  readonly epochMs: number;
  /** The local offset written in the export, minutes east of UTC (-0800 -> -480). */
  readonly offsetMinutes: number;
}

/**
 * `device="<<HKDevice: 0x283b1c3c0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch,
 * hardware:Watch6,1, software:9.1>"` without the memory address, which changes every time the
 * object is printed. Fields the string does not name are `undefined`.
 */
export interface AppleHealthDevice {
  readonly name: string | undefined;
  readonly manufacturer: string | undefined;
  readonly model: string | undefined;
  readonly hardware: string | undefined;
  readonly firmware: string | undefined;
  readonly software: string | undefined;
  readonly localIdentifier: string | undefined;
  readonly udiDeviceIdentifier: string | undefined;
  /**
   * The description without the address and brackets, `name:Apple Watch, manufacturer:Apple
   * Inc., ...` — the same text for the same device in every record, fit for a source key.
   */
  readonly text: string;
}

export interface AppleHealthMetadataEntry {
  readonly key: string;
  readonly value: string;
}

/** One `<InstantaneousBeatsPerMinute bpm time/>` of a heart-rate-variability record. */
export interface AppleHealthBeat {
  readonly bpm: number;
  /** As written: a local time of day in the phone's locale, e.g. `7:12:44.57 PM`. */
  readonly time: string;
  /** `time` as milliseconds after local midnight, when it reads as h:mm:ss[.fff] [AM|PM]. */
  readonly timeOfDayMs: number | undefined;
}

/** The values of `HKCategoryTypeIdentifierSleepAnalysis`, named after HKCategoryValueSleepAnalysis. */
export type AppleHealthSleepValue = 'inBed' | 'asleepUnspecified' | 'awake' | 'asleepCore' | 'asleepDeep' | 'asleepREM';

interface Located {
  /**
   * 1-based position of the element among the children of `<HealthData>` (ExportDate and Me
   * count), the number reports and error messages use. Records inside a Correlation carry
   * their correlation's ordinal.
   */
  readonly ordinal: number;
}

interface Sourced {
  readonly sourceName: string;
  readonly sourceVersion: string | undefined;
  readonly device: AppleHealthDevice | undefined;
  readonly creationDate: AppleHealthDate | undefined;
  readonly startDate: AppleHealthDate;
  readonly endDate: AppleHealthDate;
  readonly metadata: readonly AppleHealthMetadataEntry[];
  /** Attributes this reader has no field for (newer exports add some), decoded, by name. */
  readonly otherAttributes: Readonly<Record<string, string>> | undefined;
}

/** `<Record>`: a quantity sample (`HKQuantityTypeIdentifier…`) or a category sample (`HKCategoryTypeIdentifier…`). */
export interface AppleHealthSample extends Located, Sourced {
  readonly kind: 'sample';
  readonly type: string;
  readonly unit: string | undefined;
  /** As written: a decimal for quantities, a `HKCategoryValue…` name (or a number) for categories. */
  readonly value: string | undefined;
  /** `value` as a finite number when it is one; always set for quantity types. */
  readonly numericValue: number | undefined;
  /** For `HKCategoryTypeIdentifierSleepAnalysis`, which value it is; `undefined` for other types and unknown values. */
  readonly sleepValue: AppleHealthSleepValue | undefined;
  /** The beat-to-beat series of a heart-rate-variability record (`HeartRateVariabilityMetadataList`). */
  readonly beats: readonly AppleHealthBeat[] | undefined;
}

/** `<Correlation>`, e.g. blood pressure: the systolic and diastolic samples inside it. */
export interface AppleHealthCorrelation extends Located, Sourced {
  readonly kind: 'correlation';
  readonly type: string;
  readonly samples: readonly AppleHealthSample[];
}

export interface AppleHealthWorkoutStatistics {
  readonly type: string;
  readonly startDate: AppleHealthDate | undefined;
  readonly endDate: AppleHealthDate | undefined;
  readonly average: number | undefined;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  readonly sum: number | undefined;
  readonly unit: string | undefined;
}

export interface AppleHealthWorkoutEvent {
  /** `HKWorkoutEventTypePause`, `…Resume`, `…Lap`, `…Segment`, `…MotionPaused`, … */
  readonly type: string;
  readonly date: AppleHealthDate;
  readonly duration: number | undefined;
  readonly durationUnit: string | undefined;
  readonly metadata: readonly AppleHealthMetadataEntry[];
}

/** `<Workout>` with its statistics, events and the files of its routes. */
export interface AppleHealthWorkout extends Located, Sourced {
  readonly kind: 'workout';
  /** `HKWorkoutActivityTypeRunning`, … */
  readonly activityType: string;
  readonly duration: number | undefined;
  readonly durationUnit: string | undefined;
  readonly totalDistance: number | undefined;
  readonly totalDistanceUnit: string | undefined;
  readonly totalEnergyBurned: number | undefined;
  readonly totalEnergyBurnedUnit: string | undefined;
  readonly statistics: readonly AppleHealthWorkoutStatistics[];
  readonly events: readonly AppleHealthWorkoutEvent[];
  /** `FileReference path` of each `WorkoutRoute`, e.g. `/workout-routes/route_2024-03-09_7.31am.gpx`. */
  readonly routeFiles: readonly string[];
}

/** `<ActivitySummary>`: the rings of one local day. */
export interface AppleHealthActivitySummary extends Located {
  readonly kind: 'activitySummary';
  /** `dateComponents`, the local day `YYYY-MM-DD`. */
  readonly date: string;
  readonly activeEnergyBurned: number | undefined;
  readonly activeEnergyBurnedGoal: number | undefined;
  readonly activeEnergyBurnedUnit: string | undefined;
  readonly appleMoveTime: number | undefined;
  readonly appleMoveTimeGoal: number | undefined;
  readonly appleExerciseTime: number | undefined;
  readonly appleExerciseTimeGoal: number | undefined;
  readonly appleStandHours: number | undefined;
  readonly appleStandHoursGoal: number | undefined;
  readonly otherAttributes: Readonly<Record<string, string>> | undefined;
}

/** `<Me>`: characteristics, by Apple's attribute names (`HKCharacteristicTypeIdentifierDateOfBirth`, …). */
export interface AppleHealthMe extends Located {
  readonly kind: 'me';
  readonly dateOfBirth: string | undefined;
  readonly biologicalSex: string | undefined;
  readonly bloodType: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface AppleHealthExportDate extends Located {
  readonly kind: 'exportDate';
  readonly value: AppleHealthDate;
}

/** Any other child of `<HealthData>` (ClinicalRecord, Audiogram, VisionPrescription, …): its attributes only. */
export interface AppleHealthOtherElement extends Located {
  readonly kind: 'other';
  readonly element: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export type AppleHealthRecord =
  | AppleHealthSample
  | AppleHealthCorrelation
  | AppleHealthWorkout
  | AppleHealthActivitySummary
  | AppleHealthMe
  | AppleHealthExportDate
  | AppleHealthOtherElement;

/** A record the reader could not use, and why; the rest of the export is read on. */
export interface AppleHealthSkippedRecord {
  readonly ordinal: number;
  /** The element name, e.g. `Record`. */
  readonly element: string;
  readonly reason: string;
}

export interface AppleHealthProgress {
  /** Bytes of export.xml read so far (uncompressed, also for a zip). */
  readonly bytesRead: number;
  /** Size of export.xml when known (a file, a zip entry, or as given). */
  readonly totalBytes: number | undefined;
}

export interface AppleHealthBatch {
  readonly records: AppleHealthRecord[];
  readonly skipped: AppleHealthSkippedRecord[];
  readonly progress: AppleHealthProgress;
}
