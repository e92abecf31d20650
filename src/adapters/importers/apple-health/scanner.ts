import { AppleHealthDateParser, isCalendarDay, parseTimeOfDay } from './dates.ts';
import { parseAppleHealthDevice } from './device.ts';
import { AppleHealthExportError } from './errors.ts';
import { AttributeValueError, decodeAttributeValue, detached, preview } from './text.ts';
import type { Writable } from '../../../domain/ingest/writable.ts';
import type {
  AppleHealthActivitySummary,
  AppleHealthBeat,
  AppleHealthCorrelation,
  AppleHealthDate,
  AppleHealthDevice,
  AppleHealthExportDate,
  AppleHealthMe,
  AppleHealthMetadataEntry,
  AppleHealthOtherElement,
  AppleHealthRecord,
  AppleHealthSample,
  AppleHealthSkippedRecord,
  AppleHealthSleepValue,
  AppleHealthWorkout,
  AppleHealthWorkoutEvent,
  AppleHealthWorkoutStatistics,
} from './types.ts';

/*
 * A scanner specialised for export.xml, fed its bytes piece by piece. Each piece (joined to the
 * unfinished tail of the previous one) is held twice: as bytes, for short reads that cost a
 * typed-array load (names, digits, white space), and as a latin1 string — one character per
 * byte, so offsets agree — for `indexOf` over long stretches (the next `<`, a closing quote) and
 * for cutting out the values a record keeps. Markup is all ASCII, so a UTF-8 sequence split
 * between pieces needs no care; values with non-ASCII bytes are decoded when they are kept.
 *
 * Record, MetadataEntry and InstantaneousBeatsPerMinute are matched first against the one
 * attribute layout Apple writes (see canonical); anything else goes through a general attribute
 * scan. Attribute positions go into a reused Int32Array; repetitive values (types, units,
 * sources, devices, metadata keys) come from one-entry memos and small caches, dates are
 * parsed from the bytes, and equal timestamps share one object.
 *
 * Well-formedness is checked where it decides what a record is: every value a record keeps is
 * checked (a raw `<` in a value means an unclosed quote ran into the next tag), and a broken
 * element is skipped and reported with its ordinal while the scan goes on at the next tag. A
 * file that is not an export, or that ends before </HealthData>, is refused.
 */

const EL_OTHER = 0;
const EL_HEALTH_DATA = 1;
const EL_EXPORT_DATE = 2;
const EL_ME = 3;
const EL_RECORD = 4;
const EL_CORRELATION = 5;
const EL_WORKOUT = 6;
const EL_ACTIVITY_SUMMARY = 7;
const EL_METADATA_ENTRY = 8;
const EL_HRV_LIST = 9;
const EL_BEAT = 10;
const EL_WORKOUT_STATISTICS = 11;
const EL_WORKOUT_EVENT = 12;
const EL_WORKOUT_ROUTE = 13;
const EL_FILE_REFERENCE = 14;
const ELEMENT_NAMES = [
  '', 'HealthData', 'ExportDate', 'Me', 'Record', 'Correlation', 'Workout', 'ActivitySummary', 'MetadataEntry',
  'HeartRateVariabilityMetadataList', 'InstantaneousBeatsPerMinute', 'WorkoutStatistics', 'WorkoutEvent', 'WorkoutRoute', 'FileReference',
];

/** What an open element is, which decides what its children mean. */
const F_ROOT = 0;
const F_SAMPLE = 1;
const F_CORRELATION = 2;
const F_WORKOUT = 3;
const F_HRV = 4;
const F_EVENT = 5;
const F_ROUTE = 6;
/** A top-level record whose children are not read (ActivitySummary, Me, ExportDate, others). */
const F_LEAF = 7;
/** A top-level element already known to be broken: children ignored, reported when it closes. */
const F_BROKEN = 8;
/** Anything else: children ignored. */
const F_IGNORE = 9;

/** An unfinished element longer than this is not an export as the Health app writes one (and would break the memory bound). */
export const MAX_ELEMENT_BYTES = 16 * 1024 * 1024;
const CACHE_LIMIT = 8192;
const EMPTY: readonly never[] = Object.freeze([]);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const QUANTITY_PREFIX = 'HKQuantityTypeIdentifier';
const SLEEP_TYPE = 'HKCategoryTypeIdentifierSleepAnalysis';
const BLOOD_PRESSURE = 'HKCorrelationTypeIdentifierBloodPressure';
const SYSTOLIC = 'HKQuantityTypeIdentifierBloodPressureSystolic';
const DIASTOLIC = 'HKQuantityTypeIdentifierBloodPressureDiastolic';

const SLEEP_VALUES = new Map<string, AppleHealthSleepValue>([
  ['HKCategoryValueSleepAnalysisInBed', 'inBed'],
  ['HKCategoryValueSleepAnalysisAsleepUnspecified', 'asleepUnspecified'],
  // The name before iOS 16 for the same value (1).
  ['HKCategoryValueSleepAnalysisAsleep', 'asleepUnspecified'],
  ['HKCategoryValueSleepAnalysisAwake', 'awake'],
  ['HKCategoryValueSleepAnalysisAsleepCore', 'asleepCore'],
  ['HKCategoryValueSleepAnalysisAsleepDeep', 'asleepDeep'],
  ['HKCategoryValueSleepAnalysisAsleepREM', 'asleepREM'],
  // The raw values of HKCategoryValueSleepAnalysis, as some third-party writers store them.
  ['0', 'inBed'],
  ['1', 'asleepUnspecified'],
  ['2', 'awake'],
  ['3', 'asleepCore'],
  ['4', 'asleepDeep'],
  ['5', 'asleepREM'],
]);

/** Why one record is skipped. Thrown inside the scanner only; not an Error (no stack to capture). */
class RecordProblem {
  constructor(readonly reason: string) {}
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** A name as bytes, compared with `same` against export.xml's bytes (no string built). */
function ascii(name: string): Uint8Array {
  return new Uint8Array(Buffer.from(name, 'latin1'));
}

/** Whether b[at, at + name.length) holds `name`. */
function same(b: Uint8Array, at: number, name: Uint8Array): boolean {
  const n = name.length;
  for (let k = 0; k < n; k += 1) if (b[at + k] !== name[k]) return false;
  return true;
}

const N = {
  Me: ascii('Me'),
  Record: ascii('Record'),
  Workout: ascii('Workout'),
  HealthData: ascii('HealthData'),
  ExportDate: ascii('ExportDate'),
  Correlation: ascii('Correlation'),
  WorkoutEvent: ascii('WorkoutEvent'),
  WorkoutRoute: ascii('WorkoutRoute'),
  MetadataEntry: ascii('MetadataEntry'),
  FileReference: ascii('FileReference'),
  ActivitySummary: ascii('ActivitySummary'),
  WorkoutStatistics: ascii('WorkoutStatistics'),
  InstantaneousBeatsPerMinute: ascii('InstantaneousBeatsPerMinute'),
  HeartRateVariabilityMetadataList: ascii('HeartRateVariabilityMetadataList'),
  type: ascii('type'),
  unit: ascii('unit'),
  value: ascii('value'),
  device: ascii('device'),
  endDate: ascii('endDate'),
  startDate: ascii('startDate'),
  sourceName: ascii('sourceName'),
  creationDate: ascii('creationDate'),
  sourceVersion: ascii('sourceVersion'),
  key: ascii('key'),
  bpm: ascii('bpm'),
  time: ascii('time'),
  /** `<<HKDevice: 0x` as an attribute value writes it. */
  devicePrefix: ascii('&lt;&lt;HKDevice: 0x'),
  gt: ascii('&gt;'),
};

/**
 * The attributes of the hot elements in the order Apple writes them; the patterns are
 * ` name="` as they appear between attributes. An attribute's slot is its index here.
 */
const RECORD_SLOTS = ['type', 'sourceName', 'sourceVersion', 'device', 'unit', 'creationDate', 'startDate', 'endDate', 'value'];
const [S_TYPE, S_SOURCE_NAME, S_SOURCE_VERSION, S_DEVICE, S_UNIT, S_CREATION_DATE, S_START_DATE, S_END_DATE, S_VALUE] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const PAIR_SLOTS_METADATA = ['key', 'value'];
const PAIR_SLOTS_BEAT = ['bpm', 'time'];
const layout = (names: string[]): Uint8Array[] => names.map((name) => ascii(` ${name}="`));
const RECORD_LAYOUT = layout(RECORD_SLOTS);
const METADATA_LAYOUT = layout(PAIR_SLOTS_METADATA);
const BEAT_LAYOUT = layout(PAIR_SLOTS_BEAT);
/** The slot of an attribute not matched by layout: its name is compared when a builder reads it. */
const S_UNRESOLVED = -2;
const S_OTHER = -1;
/** canonical() gave up: the general attribute scan takes over. */
const FALLBACK = -1;

function recordSlot(b: Uint8Array, ns: number, length: number): number {
  switch (length) {
    case 4:
      return same(b, ns, N.type) ? S_TYPE : same(b, ns, N.unit) ? S_UNIT : S_OTHER;
    case 5:
      return same(b, ns, N.value) ? S_VALUE : S_OTHER;
    case 6:
      return same(b, ns, N.device) ? S_DEVICE : S_OTHER;
    case 7:
      return same(b, ns, N.endDate) ? S_END_DATE : S_OTHER;
    case 9:
      return same(b, ns, N.startDate) ? S_START_DATE : S_OTHER;
    case 10:
      return same(b, ns, N.sourceName) ? S_SOURCE_NAME : S_OTHER;
    case 12:
      return same(b, ns, N.creationDate) ? S_CREATION_DATE : S_OTHER;
    case 13:
      return same(b, ns, N.sourceVersion) ? S_SOURCE_VERSION : S_OTHER;
    default:
      return S_OTHER;
  }
}

/** Slot 0 or 1 of a two-attribute element (MetadataEntry key/value, beat bpm/time), or S_OTHER. */
function pairSlot(b: Uint8Array, ns: number, length: number, first: Uint8Array, second: Uint8Array): number {
  if (length === first.length && same(b, ns, first)) return 0;
  if (length === second.length && same(b, ns, second)) return 1;
  return S_OTHER;
}

function elementCode(b: Uint8Array, at: number, length: number): number {
  switch (length) {
    case 2:
      return same(b, at, N.Me) ? EL_ME : EL_OTHER;
    case 6:
      return same(b, at, N.Record) ? EL_RECORD : EL_OTHER;
    case 7:
      return same(b, at, N.Workout) ? EL_WORKOUT : EL_OTHER;
    case 10:
      if (same(b, at, N.HealthData)) return EL_HEALTH_DATA;
      return same(b, at, N.ExportDate) ? EL_EXPORT_DATE : EL_OTHER;
    case 11:
      return same(b, at, N.Correlation) ? EL_CORRELATION : EL_OTHER;
    case 12:
      if (same(b, at, N.WorkoutEvent)) return EL_WORKOUT_EVENT;
      return same(b, at, N.WorkoutRoute) ? EL_WORKOUT_ROUTE : EL_OTHER;
    case 13:
      if (same(b, at, N.MetadataEntry)) return EL_METADATA_ENTRY;
      return same(b, at, N.FileReference) ? EL_FILE_REFERENCE : EL_OTHER;
    case 15:
      return same(b, at, N.ActivitySummary) ? EL_ACTIVITY_SUMMARY : EL_OTHER;
    case 17:
      return same(b, at, N.WorkoutStatistics) ? EL_WORKOUT_STATISTICS : EL_OTHER;
    case 27:
      return same(b, at, N.InstantaneousBeatsPerMinute) ? EL_BEAT : EL_OTHER;
    case 32:
      return same(b, at, N.HeartRateVariabilityMetadataList) ? EL_HRV_LIST : EL_OTHER;
    default:
      return EL_OTHER;
  }
}

/** The last raw value seen at one place and what it decoded to. */
class Memo {
  raw = '';
  value: string | undefined = undefined;
}

/** b[from, to) is a plain decimal (`-12.5`, `3e-2`), the only numbers the export writes; b[to] is the closing quote. */
function isDecimal(b: Uint8Array, from: number, to: number): boolean {
  let i = from;
  let c = b[i] as number;
  if (c === 45 || c === 43) c = b[++i] as number;
  let digits = 0;
  while (c >= 48 && c <= 57) {
    digits += 1;
    c = b[++i] as number;
  }
  if (c === 46) {
    c = b[++i] as number;
    while (c >= 48 && c <= 57) {
      digits += 1;
      c = b[++i] as number;
    }
  }
  if (digits === 0) return false;
  if (i < to && (c === 101 || c === 69)) {
    c = b[++i] as number;
    if (c === 45 || c === 43) c = b[++i] as number;
    let exponent = 0;
    while (c >= 48 && c <= 57) {
      exponent += 1;
      c = b[++i] as number;
    }
    if (exponent === 0) return false;
  }
  return i === to;
}

/** Whether `</name>` (element code `code`) closes `frame`. */
function closes(frame: Frame, code: number, name: string): boolean {
  return frame.code === code && (code !== EL_OTHER || frame.name === name);
}

/** One open element. Frames are reused by depth: opening an element allocates nothing. */
class Frame {
  kind = F_ROOT;
  code = EL_OTHER;
  /** The element name when `code` is EL_OTHER (known names come from ELEMENT_NAMES). */
  name = '';
  ordinal = 0;
  error: string | undefined = undefined;
  sample: Writable<AppleHealthSample> | undefined = undefined;
  correlation: Writable<AppleHealthCorrelation> | undefined = undefined;
  workout: Writable<AppleHealthWorkout> | undefined = undefined;
  event: Writable<AppleHealthWorkoutEvent> | undefined = undefined;
  leaf: AppleHealthRecord | undefined = undefined;

  reset(kind: number, code: number, name: string, ordinal: number): this {
    this.kind = kind;
    this.code = code;
    this.name = name;
    this.ordinal = ordinal;
    this.error = undefined;
    this.sample = undefined;
    this.correlation = undefined;
    this.workout = undefined;
    this.event = undefined;
    this.leaf = undefined;
    return this;
  }
}

type DoctypeState = { offset: number; state: number; quote: number };
const DT_OUTSIDE = 0;
const DT_SUBSET = 1;
const DT_DECLARATION = 2;
const DT_COMMENT = 3;
const DT_INSTRUCTION = 4;

/**
 * Feed it export.xml's bytes with `push`, take what it found with `take`, and call `finish` at
 * the end of the file. Records come out in document order. Synchronous and free of I/O: the
 * reader (reader.ts) drives it from a stream.
 */
export class AppleHealthScanner {
  /** Records found and not yet taken (read them with take). */
  records: AppleHealthRecord[] = [];
  /** Skipped records found and not yet taken. */
  skipped: AppleHealthSkippedRecord[] = [];

  private buf = '';
  /** The bytes `buf` was read from (latin1: byte i is character i). */
  private bytes: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Bytes dropped from the front of `buf`: buf[i] is byte `consumed + i` of the file. */
  private consumed = 0;
  private final = false;
  private rootSeen = false;
  private rootClosed = false;
  /** The document type names HealthData: cut short before the root, it is still a truncated export. */
  private healthDataDoctype = false;
  private ordinal = 0;
  private readonly frames: Frame[] = [];
  private depth = 0;
  private doctype: DoctypeState | undefined;
  private attrs = new Int32Array(4 * 32);
  /** Per attribute, its slot in the element's layout (see canonical), or S_UNRESOLVED. */
  private slots = new Int8Array(32);
  private readonly dates = new AppleHealthDateParser();
  private readonly strings = new Map<string, string>();
  private readonly devices = new Map<string, AppleHealthDevice | null>();
  private readonly typeMemo = new Memo();
  private readonly unitMemo = new Memo();
  private readonly sourceMemo = new Memo();
  private readonly versionMemo = new Memo();
  private readonly keyMemo = new Memo();
  private readonly deviceMemo = { raw: '', device: undefined as AppleHealthDevice | undefined };
  private lastType = '';
  private lastTypeIsQuantity = false;
  private lastTypeIsSleep = false;

  /**
   * Scans the next bytes of export.xml; a piece may end anywhere, even inside a name or a
   * UTF-8 sequence. The unfinished tail of the previous piece is joined to it as bytes, so the
   * text scanned is always one flat string.
   */
  push(chunk: Uint8Array): void {
    if (this.final) throw new Error('AppleHealthScanner: push after finish');
    const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.consumed += this.pos;
    this.bytes = this.pos === this.bytes.length ? piece : Buffer.concat([this.bytes.subarray(this.pos), piece]);
    this.buf = this.bytes.toString('latin1');
    this.pos = 0;
    this.scan();
    const pending = this.buf.length - this.pos;
    if (pending > MAX_ELEMENT_BYTES) {
      throw new AppleHealthExportError('not_well_formed', `export.xml has an element longer than ${MAX_ELEMENT_BYTES} bytes at byte ${this.consumed + this.pos}; this is not an Apple Health export as the Health app writes it.`, { byte: this.consumed + this.pos });
    }
  }

  /** Ends the scan: throws when the file was cut short or never was an export. */
  finish(): void {
    if (this.final) return;
    this.final = true;
    this.scan();
    const rest = this.buf.slice(this.pos);
    if (!this.rootSeen && !this.healthDataDoctype && !rest.startsWith('<HealthData')) {
      throw new AppleHealthExportError('not_an_export', 'Not an Apple Health export: the file has no <HealthData> element (it is empty, or ends before its root element).');
    }
    if (!this.rootSeen || this.depth > 0 || rest.trim() !== '') {
      const open = this.frames.slice(1, this.depth).map((f) => `<${f.code === EL_OTHER ? f.name : ELEMENT_NAMES[f.code]}>`);
      const inside = this.depth > 1 ? ` inside ${open.join(' > ')} (record ${this.frames[1]?.ordinal})` : '';
      throw new AppleHealthExportError(
        'truncated',
        `export.xml is truncated: it ends at byte ${this.consumed + this.buf.length}${inside} before </HealthData>. The export was cut short; export it again from the Health app.`,
        { bytes: this.consumed + this.buf.length, records: this.ordinal },
      );
    }
  }

  /** Records and skips found so far, at most `max` records (and the skips found with them). */
  take(max = Number.POSITIVE_INFINITY): { records: AppleHealthRecord[]; skipped: AppleHealthSkippedRecord[] } {
    const skipped = this.skipped;
    this.skipped = [];
    if (this.records.length <= max) {
      const records = this.records;
      this.records = [];
      return { records, skipped };
    }
    return { records: this.records.splice(0, max), skipped };
  }

  /** Bytes scanned so far (everything before the first unfinished element). */
  get bytesScanned(): number {
    return this.consumed + this.pos;
  }

  // ---- markup ------------------------------------------------------------------------------

  private scan(): void {
    const buf = this.buf;
    const len = buf.length;
    let pos = this.pos;
    // A byte order mark split across the first pieces: wait for all of it.
    if (this.consumed === 0 && pos === 0 && len < 3 && !this.final && '\xef\xbb\xbf'.startsWith(buf)) return;
    while (pos < len) {
      const lt = buf.indexOf('<', pos);
      if (lt === -1) {
        if (!this.rootSeen) this.checkProlog(buf, pos, len);
        pos = len;
        break;
      }
      if (lt > pos && !this.rootSeen) this.checkProlog(buf, pos, lt);
      pos = lt;
      if (lt + 1 >= len) break;
      const c = buf.charCodeAt(lt + 1);
      let end: number;
      if (c === 33 /* ! */) end = this.skipDeclaration(buf, lt);
      else if (c === 63 /* ? */) {
        const close = buf.indexOf('?>', lt + 2);
        end = close === -1 ? -1 : close + 2;
      } else if (c === 47 /* / */) end = this.closeTag(buf, lt);
      else end = this.startTag(buf, lt);
      // Unfinished: wait for the next piece (at the end of the file, finish() calls it truncated).
      if (end === -1) break;
      pos = end;
    }
    this.pos = pos;
  }

  /** Before the root only markup and white space may appear; anything else is not XML. */
  private checkProlog(buf: string, from: number, to: number): void {
    for (let i = from; i < to; i += 1) {
      const c = buf.charCodeAt(i);
      if (isSpace(c)) continue;
      // A UTF-8 byte order mark, read as latin1, at the very start of the file.
      if (this.consumed + i === 0 && buf.startsWith('\xef\xbb\xbf', i)) {
        i += 2;
        continue;
      }
      this.refuseProlog(buf, i);
    }
  }

  private refuseProlog(buf: string, at: number): never {
    const head = Buffer.from(buf.slice(at, at + 8), 'latin1');
    const kind =
      head[0] === 0x50 && head[1] === 0x4b ? 'a zip archive (pass export.zip as a file path, not as a stream)'
      : head[0] === 0x1f && head[1] === 0x8b ? 'gzip-compressed data'
      : (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) ? 'UTF-16 text (Apple Health writes UTF-8)'
      : 'not XML';
    throw new AppleHealthExportError(
      'not_an_export',
      `Not an Apple Health export: expected export.xml (XML with a <HealthData> root) but byte ${this.consumed + at} starts ${kind} (bytes ${head.toString('hex').replace(/(..)(?!$)/g, '$1 ')}).`,
      { byte: this.consumed + at },
    );
  }

  /** `<!-- -->`, `<![CDATA[ ]]>`, `<!DOCTYPE … [ … ]>` and other `<!…>`: the offset after it, or -1 to wait for more. */
  private skipDeclaration(buf: string, lt: number): number {
    const len = buf.length;
    if (len - lt < 9 && !this.final) {
      const head = buf.slice(lt, lt + 9);
      if ('<!DOCTYPE'.startsWith(head) || '<![CDATA['.startsWith(head) || head.startsWith('<!--') || '<!--'.startsWith(head)) return -1;
    }
    if (buf.startsWith('<!--', lt)) {
      const end = buf.indexOf('-->', lt + 4);
      return end === -1 ? -1 : end + 3;
    }
    if (buf.startsWith('<![CDATA[', lt)) {
      const end = buf.indexOf(']]>', lt + 9);
      return end === -1 ? -1 : end + 3;
    }
    if (buf.startsWith('<!DOCTYPE', lt)) {
      if (buf.startsWith('<!DOCTYPE HealthData', lt)) this.healthDataDoctype = true;
      return this.skipDoctype(buf, lt);
    }
    const end = buf.indexOf('>', lt + 2);
    return end === -1 ? -1 : end + 1;
  }

  /**
   * The document type declaration with its internal subset: `<!ELEMENT …>`, `<!ATTLIST …>`
   * (whose quoted defaults may hold `>` and `]`), comments and processing instructions. Resumes
   * where it stopped when the declaration spans chunks.
   */
  private skipDoctype(buf: string, lt: number): number {
    const dt = this.doctype ?? { offset: 9, state: DT_OUTSIDE, quote: 0 };
    const len = buf.length;
    let i = lt + dt.offset;
    let state = dt.state;
    let quote = dt.quote;
    let end = -1;
    scan: while (i < len) {
      if (quote !== 0) {
        const close = buf.indexOf(quote === 34 ? '"' : "'", i);
        if (close === -1) {
          i = len;
          break;
        }
        quote = 0;
        i = close + 1;
        continue;
      }
      if (state === DT_COMMENT || state === DT_INSTRUCTION) {
        const close = buf.indexOf(state === DT_COMMENT ? '-->' : '?>', i);
        if (close === -1) {
          i = Math.max(i, len - 2);
          break;
        }
        i = close + (state === DT_COMMENT ? 3 : 2);
        state = DT_SUBSET;
        continue;
      }
      const c = buf.charCodeAt(i);
      if (c === 34 || c === 39) {
        if (state !== DT_SUBSET) quote = c;
      } else if (state === DT_OUTSIDE) {
        if (c === 91 /* [ */) state = DT_SUBSET;
        else if (c === 62 /* > */) {
          end = i + 1;
          break scan;
        }
      } else if (state === DT_SUBSET) {
        if (c === 93 /* ] */) state = DT_OUTSIDE;
        else if (c === 60 /* < */) {
          if (len - i < 4 && !this.final) break;
          if (buf.startsWith('<!--', i)) {
            state = DT_COMMENT;
            i += 4;
            continue;
          }
          if (buf.startsWith('<?', i)) {
            state = DT_INSTRUCTION;
            i += 2;
            continue;
          }
          state = DT_DECLARATION;
        }
      } else if (c === 62 /* > */) {
        state = DT_SUBSET;
      }
      i += 1;
    }
    if (end !== -1) {
      this.doctype = undefined;
      return end;
    }
    this.doctype = { offset: i - lt, state, quote };
    return -1;
  }

  /**
   * Reads `<name attr="value" …>` or `…/>` at `lt` and acts on it; returns where the scan goes
   * on, or -1 when the tag is not all here yet. The tag's extent is not searched for first:
   * every value a record keeps is checked (a raw `<` in a value means an unclosed quote ran
   * into the next tag), and only a tag found broken costs a search for the next `<`.
   */
  private startTag(buf: string, lt: number): number {
    // Short scans read the bytes (cheap typed-array loads, each bounds-checked: reading past the
    // end would make V8 deoptimize); long ones (to a closing quote) use the string's indexOf.
    const b = this.bytes;
    const len = buf.length;
    let i = lt + 1;
    while (i < len) {
      const c = b[i] as number;
      if (c <= 32 || c === 47 || c === 62 || c === 60) break;
      i += 1;
    }
    if (i >= len) return -1;
    const nameEnd = i;
    const code = elementCode(b, lt + 1, nameEnd - lt - 1);
    let n = 0;
    let selfClosing = false;
    let end = -1;
    let problem: string | undefined;
    let attrs = this.attrs;
    if (nameEnd === lt + 1) problem = 'a tag without an element name';
    else {
      const layout = code === EL_RECORD ? RECORD_LAYOUT : code === EL_METADATA_ENTRY ? METADATA_LAYOUT : code === EL_BEAT ? BEAT_LAYOUT : undefined;
      if (layout !== undefined) {
        const after = this.canonical(b, buf, nameEnd, layout);
        if (after !== FALLBACK) {
          i = after;
          n = this.canonicalCount;
        }
      }
      for (;;) {
        while (i < len && isSpace(b[i] as number)) i += 1;
        if (i >= len) return -1;
        const c = b[i] as number;
        if (c === 62 /* > */) {
          end = i + 1;
          break;
        }
        if (c === 47 /* / */) {
          if (i + 1 >= len) return -1;
          if (b[i + 1] === 62) {
            selfClosing = true;
            end = i + 2;
          } else problem = 'a stray "/" in a tag';
          break;
        }
        // The name runs to "=" (or white space before it); any other stop is a malformed tag.
        const ns = i;
        while (i < len) {
          const x = b[i] as number;
          if (x === 61 || x <= 32 || x === 34 || x === 39 || x === 47 || x === 60 || x === 62) break;
          i += 1;
        }
        const ne = i;
        while (i < len && isSpace(b[i] as number)) i += 1;
        if (i >= len) return -1;
        if (b[i] !== 61 || ne === ns) {
          problem = ne === ns ? `an unexpected ${preview(buf.slice(i, i + 1))}` : `attribute ${preview(buf.slice(ns, ne))} without a value`;
          break;
        }
        i += 1;
        while (i < len && isSpace(b[i] as number)) i += 1;
        if (i >= len) return -1;
        const q = b[i] as number;
        if (q !== 34 && q !== 39) {
          problem = `attribute ${preview(buf.slice(ns, ne))} without a quoted value`;
          break;
        }
        const ve = buf.indexOf(q === 34 ? '"' : "'", i + 1);
        if (ve === -1) return -1;
        if (n * 4 + 4 > attrs.length) attrs = this.growAttributes();
        const at = n * 4;
        attrs[at] = ns;
        attrs[at + 1] = ne;
        attrs[at + 2] = i + 1;
        attrs[at + 3] = ve;
        (this.slots as Int8Array)[n] = S_UNRESOLVED;
        n += 1;
        i = ve + 1;
      }
    }

    if (problem !== undefined) {
      const next = this.nextTag(lt);
      if (next === -1) return -1;
      for (let k = 0; k < n; k += 1) {
        const x = buf.indexOf('<', attrs[k * 4 + 2] as number);
        if (x !== -1 && x < (attrs[k * 4 + 3] as number)) {
          problem = `the value of ${preview(buf.slice(attrs[k * 4], attrs[k * 4 + 1]))} runs into the next tag (an unclosed quote)`;
          break;
        }
      }
      if (this.depth === 0) {
        this.openRoot(buf, lt, nameEnd, code);
        return next;
      }
      this.brokenElement(code, buf.slice(lt + 1, nameEnd), this.opensBefore(lt, next), `malformed <${buf.slice(lt + 1, nameEnd)}> tag: ${problem}`);
      return next;
    }
    if (this.depth === 0) {
      this.openRoot(buf, lt, nameEnd, code);
      if (selfClosing) this.closeRoot();
      return end;
    }
    const parent = this.frames[this.depth - 1] as Frame;
    try {
      if (parent.kind === F_ROOT) this.topLevel(code, lt, nameEnd, n, selfClosing);
      else this.child(parent, code, lt, nameEnd, n, selfClosing);
      return end;
    } catch (error) {
      if (!(error instanceof RecordProblem)) throw error;
      // A value ran into the next tag: the tag really ends before that `<`.
      const next = this.nextTag(lt);
      const structural = next !== -1 && next < end;
      const opens = structural ? this.opensBefore(lt, next) : !selfClosing;
      const reason = structural ? `malformed <${buf.slice(lt + 1, nameEnd)}> tag: ${error.reason}` : error.reason;
      if (parent.kind === F_ROOT) {
        // topLevel counted the element before it threw.
        const ordinal = this.ordinal;
        if (opens) this.pushFrame(F_BROKEN, code, code === EL_OTHER ? buf.slice(lt + 1, nameEnd) : '', ordinal).error = reason;
        else this.skip(ordinal, code === EL_OTHER ? buf.slice(lt + 1, nameEnd) : (ELEMENT_NAMES[code] as string), reason);
      } else {
        this.flag(`<${code === EL_OTHER ? buf.slice(lt + 1, nameEnd) : ELEMENT_NAMES[code]}> inside: ${reason}`);
        if (opens) this.openChild(F_IGNORE, code, lt, nameEnd, parent.ordinal);
      }
      return structural ? next : end;
    }
  }

  private canonicalCount = 0;

  /**
   * Apple writes the attributes of Record, MetadataEntry and InstantaneousBeatsPerMinute in one
   * order, one space apart, double-quoted. Matching ` name="` against that layout names each
   * attribute and finds its value in one comparison; absent optional attributes are skipped.
   * Anything else (another order, an unknown attribute, the end of the piece) returns FALLBACK
   * and the general scan reads the tag from the start.
   */
  private canonical(b: Uint8Array, buf: string, from: number, layout: readonly Uint8Array[]): number {
    const len = buf.length;
    let attrs = this.attrs;
    let i = from;
    let n = 0;
    for (let slot = 0; slot < layout.length; slot += 1) {
      const pattern = layout[slot] as Uint8Array;
      if (i + pattern.length > len) return FALLBACK;
      if (!same(b, i, pattern)) continue;
      const vs = i + pattern.length;
      const ve = buf.indexOf('"', vs);
      if (ve === -1) return FALLBACK;
      if (n * 4 + 4 > attrs.length) attrs = this.growAttributes();
      const at = n * 4;
      attrs[at] = i + 1;
      attrs[at + 1] = vs - 2;
      attrs[at + 2] = vs;
      attrs[at + 3] = ve;
      (this.slots as Int8Array)[n] = slot;
      n += 1;
      i = ve + 1;
    }
    if (i >= len) return FALLBACK;
    const c = b[i];
    if (c !== 47 && c !== 62) return FALLBACK;
    this.canonicalCount = n;
    return i;
  }

  private growAttributes(): Int32Array<ArrayBuffer> {
    const grown = new Int32Array(this.attrs.length * 2);
    grown.set(this.attrs);
    this.attrs = grown;
    const slots = new Int8Array(this.slots.length * 2);
    slots.set(this.slots);
    this.slots = slots;
    return grown;
  }

  /** The next `<` after `lt`: where a broken tag ends. -1 while it may still come; the end of the text at the end of the file. */
  private nextTag(lt: number): number {
    const next = this.buf.indexOf('<', lt + 1);
    if (next !== -1) return next;
    return this.final ? this.buf.length : -1;
  }

  /** Whether the broken tag in buf[lt, next) opens an element (its last `>` is not `/>`). */
  private opensBefore(lt: number, next: number): boolean {
    const gt = this.buf.lastIndexOf('>', next - 1);
    return gt > lt && this.buf.charCodeAt(gt - 1) !== 47;
  }

  /** For the elements whose attributes are not read: a `<` inside the tag means it is broken. */
  private checkTagExtent(lt: number, n: number): void {
    if (n === 0) return;
    const last = (this.attrs[n * 4 - 1] as number) + 1;
    const next = this.buf.indexOf('<', lt + 1);
    if (next !== -1 && next < last) throw new RecordProblem('a raw "<" in an attribute value (an unclosed quote?)');
  }

  private openRoot(buf: string, lt: number, nameEnd: number, code: number): void {
    if (this.rootClosed) {
      throw new AppleHealthExportError('not_well_formed', `export.xml goes on after </HealthData>: <${buf.slice(lt + 1, nameEnd)}> at byte ${this.consumed + lt}.`, { byte: this.consumed + lt });
    }
    if (code !== EL_HEALTH_DATA) {
      throw new AppleHealthExportError(
        'not_an_export',
        `Not an Apple Health export: the XML root element is <${buf.slice(lt + 1, Math.min(nameEnd, lt + 80))}>, expected <HealthData>.`,
        { root: buf.slice(lt + 1, Math.min(nameEnd, lt + 80)) },
      );
    }
    this.rootSeen = true;
    this.pushFrame(F_ROOT, EL_HEALTH_DATA, '', 0);
  }

  private closeRoot(): void {
    this.depth = 0;
    this.rootClosed = true;
  }

  /** `</name>` at `lt`; returns where the scan goes on, or -1 when it is not all here yet. */
  private closeTag(buf: string, lt: number): number {
    const b = this.bytes;
    const len = buf.length;
    let nameEnd = lt + 2;
    while (nameEnd < len) {
      const c = b[nameEnd] as number;
      if (c <= 32 || c === 62 || c === 60) break;
      nameEnd += 1;
    }
    let gt = nameEnd;
    while (gt < len && isSpace(b[gt] as number)) gt += 1;
    if (gt >= len) return -1;
    const complete = b[gt] === 62;
    const end = complete ? gt + 1 : this.nextTag(lt);
    if (end === -1) return -1;
    const code = elementCode(b, lt + 2, nameEnd - lt - 2);
    const name = code === EL_OTHER ? buf.slice(lt + 2, nameEnd) : (ELEMENT_NAMES[code] as string);
    if (this.depth === 0) {
      throw new AppleHealthExportError('not_well_formed', `export.xml has a stray </${name}> at byte ${this.consumed + lt} outside <HealthData>.`, { byte: this.consumed + lt });
    }
    let d = this.depth - 1;
    if (complete && closes(this.frames[d] as Frame, code, name)) {
      this.closeFrame();
      return end;
    }
    // Mismatched: close what it closes (marking the elements it cuts short), or ignore it.
    while (d > 0 && !closes(this.frames[d] as Frame, code, name)) d -= 1;
    if (d === 0 && code !== EL_HEALTH_DATA) {
      this.flag(`a stray </${name}> tag`);
      return end;
    }
    while (this.depth - 1 > d) {
      const open = this.frames[this.depth - 1] as Frame;
      this.flag(`<${open.code === EL_OTHER ? open.name : ELEMENT_NAMES[open.code]}> is not closed before </${name}>`);
      this.closeFrame();
    }
    if (!complete) this.flag(`a malformed </${name}> tag`);
    this.closeFrame();
    return end;
  }

  private pushFrame(kind: number, code: number, name: string, ordinal: number): Frame {
    let frame = this.frames[this.depth];
    if (frame === undefined) {
      frame = new Frame();
      this.frames.push(frame);
    }
    this.depth += 1;
    return frame.reset(kind, code, name, ordinal);
  }

  private openChild(kind: number, code: number, lt: number, nameEnd: number, ordinal: number): Frame {
    return this.pushFrame(kind, code, code === EL_OTHER ? this.buf.slice(lt + 1, nameEnd) : '', ordinal);
  }

  /** Marks the top-level record being read as broken (the first reason is kept). */
  private flag(reason: string): void {
    const top = this.frames[1];
    if (this.depth > 1 && top !== undefined && top.error === undefined) top.error = reason;
  }

  private brokenElement(code: number, name: string, opens: boolean, reason: string): void {
    const parent = this.frames[this.depth - 1] as Frame;
    if (parent.kind === F_ROOT) {
      this.ordinal += 1;
      if (opens) this.pushFrame(F_BROKEN, code, code === EL_OTHER ? name : '', this.ordinal).error = reason;
      else this.skip(this.ordinal, name, reason);
      return;
    }
    this.flag(reason);
    if (opens) this.pushFrame(F_IGNORE, code, code === EL_OTHER ? name : '', 0);
  }

  private closeFrame(): void {
    const frame = this.frames[this.depth - 1] as Frame;
    this.depth -= 1;
    if (frame.kind === F_ROOT) {
      this.closeRoot();
      return;
    }
    if (this.depth === 1) {
      const element = frame.code === EL_OTHER ? frame.name : (ELEMENT_NAMES[frame.code] as string);
      if (frame.error !== undefined) {
        this.skip(frame.ordinal, element, frame.error);
        return;
      }
      switch (frame.kind) {
        case F_SAMPLE:
          this.records.push(frame.sample as AppleHealthSample);
          return;
        case F_CORRELATION: {
          const correlation = frame.correlation as AppleHealthCorrelation;
          const problem = correlationProblem(correlation);
          if (problem !== undefined) this.skip(frame.ordinal, element, problem);
          else this.records.push(correlation);
          return;
        }
        case F_WORKOUT:
          this.records.push(frame.workout as AppleHealthWorkout);
          return;
        case F_LEAF:
          this.records.push(frame.leaf as AppleHealthRecord);
          return;
        default:
          return;
      }
    }
    if (frame.kind === F_SAMPLE && frame.sample !== undefined) {
      const parent = this.frames[this.depth - 1] as Frame;
      if (parent.kind === F_CORRELATION) (parent.correlation?.samples as AppleHealthSample[]).push(frame.sample);
    }
  }

  private skip(ordinal: number, element: string, reason: string): void {
    this.skipped.push({ ordinal, element, reason });
  }

  // ---- records -----------------------------------------------------------------------------

  /** A child of <HealthData>: one record. A RecordProblem thrown here is handled by startTag. */
  private topLevel(code: number, lt: number, nameEnd: number, n: number, selfClosing: boolean): void {
    const ordinal = (this.ordinal += 1);
    let kind = F_LEAF;
    let record: AppleHealthRecord;
    switch (code) {
      case EL_RECORD:
        kind = F_SAMPLE;
        record = this.sample(n, ordinal, selfClosing);
        break;
      case EL_CORRELATION:
        kind = F_CORRELATION;
        record = this.correlation(n, ordinal, selfClosing);
        break;
      case EL_WORKOUT:
        kind = F_WORKOUT;
        record = this.workout(n, ordinal, selfClosing);
        break;
      case EL_ACTIVITY_SUMMARY:
        record = this.activitySummary(n, ordinal);
        break;
      case EL_ME:
        record = this.me(n, ordinal);
        break;
      case EL_EXPORT_DATE:
        record = this.exportDate(n, ordinal);
        break;
      default:
        record = this.other(n, ordinal, code === EL_OTHER ? this.buf.slice(lt + 1, nameEnd) : (ELEMENT_NAMES[code] as string));
    }
    if (selfClosing) {
      if (kind === F_CORRELATION) {
        const problem = correlationProblem(record as AppleHealthCorrelation);
        if (problem !== undefined) {
          this.skip(ordinal, 'Correlation', problem);
          return;
        }
      }
      this.records.push(record);
      return;
    }
    const frame = this.openChild(kind, code, lt, nameEnd, ordinal);
    if (kind === F_SAMPLE) frame.sample = record as Writable<AppleHealthSample>;
    else if (kind === F_CORRELATION) frame.correlation = record as Writable<AppleHealthCorrelation>;
    else if (kind === F_WORKOUT) frame.workout = record as Writable<AppleHealthWorkout>;
    else frame.leaf = record;
  }

  /** A child element of an open record (or deeper). A RecordProblem thrown here is handled by startTag. */
  private child(parent: Frame, code: number, lt: number, nameEnd: number, n: number, selfClosing: boolean): void {
    let kind = F_IGNORE;
    switch (parent.kind) {
      case F_SAMPLE: {
        const sample = parent.sample as Writable<AppleHealthSample>;
        if (code === EL_METADATA_ENTRY) {
          (sample.metadata as AppleHealthMetadataEntry[]).push(this.metadataEntry(n));
          break;
        }
        this.checkTagExtent(lt, n);
        if (code === EL_HRV_LIST) {
          if (sample.beats === undefined) sample.beats = [];
          if (!selfClosing) this.openChild(F_HRV, code, lt, nameEnd, parent.ordinal).sample = sample;
          return;
        }
        break;
      }
      case F_HRV:
        if (code === EL_BEAT) ((parent.sample as AppleHealthSample).beats as AppleHealthBeat[]).push(this.beat(n));
        else this.checkTagExtent(lt, n);
        break;
      case F_CORRELATION: {
        const correlation = parent.correlation as Writable<AppleHealthCorrelation>;
        if (code === EL_METADATA_ENTRY) (correlation.metadata as AppleHealthMetadataEntry[]).push(this.metadataEntry(n));
        else if (code === EL_RECORD) {
          const sample = this.sample(n, parent.ordinal, selfClosing);
          if (selfClosing) (correlation.samples as AppleHealthSample[]).push(sample);
          else this.openChild(F_SAMPLE, code, lt, nameEnd, parent.ordinal).sample = sample;
          return;
        } else this.checkTagExtent(lt, n);
        break;
      }
      case F_WORKOUT: {
        const workout = parent.workout as Writable<AppleHealthWorkout>;
        if (code === EL_METADATA_ENTRY) (workout.metadata as AppleHealthMetadataEntry[]).push(this.metadataEntry(n));
        else if (code === EL_WORKOUT_STATISTICS) (workout.statistics as AppleHealthWorkoutStatistics[]).push(this.workoutStatistics(n));
        else if (code === EL_WORKOUT_EVENT) {
          const event = this.workoutEvent(n, selfClosing);
          (workout.events as AppleHealthWorkoutEvent[]).push(event);
          if (!selfClosing) this.openChild(F_EVENT, code, lt, nameEnd, parent.ordinal).event = event;
          return;
        } else {
          this.checkTagExtent(lt, n);
          if (code === EL_WORKOUT_ROUTE) kind = F_ROUTE;
        }
        break;
      }
      case F_EVENT:
        if (code === EL_METADATA_ENTRY) ((parent.event as AppleHealthWorkoutEvent).metadata as AppleHealthMetadataEntry[]).push(this.metadataEntry(n));
        else this.checkTagExtent(lt, n);
        break;
      case F_ROUTE:
        if (code === EL_FILE_REFERENCE) {
          const path = this.requiredText(this.rawAttributes(n).path, 'path');
          ((parent.workout as AppleHealthWorkout).routeFiles as string[]).push(path);
        } else this.checkTagExtent(lt, n);
        break;
      default:
        this.checkTagExtent(lt, n);
        break;
    }
    if (!selfClosing) {
      const frame = this.openChild(kind, code, lt, nameEnd, parent.ordinal);
      if (kind === F_ROUTE) frame.workout = parent.workout;
    }
  }

  /** `<Record>`: the hot path; attributes come named by their slot (canonical) or are named here. */
  private sample(n: number, ordinal: number, selfClosing: boolean): Writable<AppleHealthSample> {
    const buf = this.buf;
    const b = this.bytes;
    const a = this.attrs;
    let type: string | undefined;
    let unit: string | undefined;
    let value: string | undefined;
    let numericValue: number | undefined;
    let sourceName: string | undefined;
    let sourceVersion: string | undefined;
    let device: AppleHealthDevice | undefined;
    let creationDate: AppleHealthDate | undefined;
    let startDate: AppleHealthDate | undefined;
    let endDate: AppleHealthDate | undefined;
    let other: Record<string, string> | undefined;
    const slots = this.slots;
    for (let k = 0; k < n; k += 1) {
      const vs = a[k * 4 + 2] as number;
      const ve = a[k * 4 + 3] as number;
      let slot = slots[k] as number;
      if (slot === S_UNRESOLVED) slot = recordSlot(b, a[k * 4] as number, (a[k * 4 + 1] as number) - (a[k * 4] as number));
      switch (slot) {
        case S_TYPE:
          type = this.memo(this.typeMemo, vs, ve, 'type');
          break;
        case S_SOURCE_NAME:
          sourceName = this.memo(this.sourceMemo, vs, ve, 'sourceName');
          break;
        case S_SOURCE_VERSION:
          sourceVersion = this.memo(this.versionMemo, vs, ve, 'sourceVersion');
          break;
        case S_DEVICE:
          device = this.device(vs, ve);
          break;
        case S_UNIT:
          unit = this.memo(this.unitMemo, vs, ve, 'unit');
          break;
        case S_CREATION_DATE:
          creationDate = this.date(vs, ve, 'creationDate');
          break;
        case S_START_DATE:
          startDate = this.date(vs, ve, 'startDate');
          break;
        case S_END_DATE:
          endDate = this.date(vs, ve, 'endDate');
          break;
        case S_VALUE:
          if (vs !== ve) {
            value = buf.slice(vs, ve);
            if (isDecimal(b, vs, ve)) numericValue = Number(value);
            else value = this.decode(value, 'value');
          }
          break;
        default:
          other = this.otherAttribute(other, k);
      }
    }
    if (type === undefined) throw new RecordProblem('no type attribute');
    if (sourceName === undefined) throw new RecordProblem('no sourceName attribute');
    if (startDate === undefined) throw new RecordProblem('no startDate attribute');
    if (endDate === undefined) throw new RecordProblem('no endDate attribute');
    if (endDate.epochMs < startDate.epochMs) throw new RecordProblem(`endDate ${endDate.instant} is before startDate ${startDate.instant}`);
    if (type !== this.lastType) {
      this.lastType = type;
      this.lastTypeIsQuantity = type.startsWith(QUANTITY_PREFIX);
      this.lastTypeIsSleep = type === SLEEP_TYPE;
    }
    if (this.lastTypeIsQuantity && numericValue === undefined) {
      throw new RecordProblem(value === undefined ? `no value for quantity type ${type}` : `value ${preview(value)} of ${type} is not a number`);
    }
    return {
      kind: 'sample',
      ordinal,
      type,
      unit,
      value,
      numericValue,
      sleepValue: this.lastTypeIsSleep && value !== undefined ? SLEEP_VALUES.get(value) : undefined,
      sourceName,
      sourceVersion,
      device,
      creationDate,
      startDate,
      endDate,
      metadata: selfClosing ? EMPTY : [],
      beats: undefined,
      otherAttributes: other,
    };
  }

  private correlation(n: number, ordinal: number, selfClosing: boolean): Writable<AppleHealthCorrelation> {
    const s = this.sourced(n, CORRELATION_ATTRIBUTES);
    return {
      kind: 'correlation',
      ordinal,
      type: this.requiredCached(s.raw.type, 'type'),
      sourceName: s.sourceName,
      sourceVersion: s.sourceVersion,
      device: s.device,
      creationDate: s.creationDate,
      startDate: s.startDate,
      endDate: s.endDate,
      metadata: selfClosing ? EMPTY : [],
      otherAttributes: s.other,
      samples: selfClosing ? EMPTY : [],
    };
  }

  private workout(n: number, ordinal: number, selfClosing: boolean): Writable<AppleHealthWorkout> {
    const s = this.sourced(n, WORKOUT_ATTRIBUTES);
    const raw = s.raw;
    return {
      kind: 'workout',
      ordinal,
      activityType: this.requiredCached(raw.workoutActivityType, 'workoutActivityType'),
      duration: this.numberOf(raw.duration, 'duration'),
      durationUnit: this.cachedOf(raw.durationUnit, 'durationUnit'),
      totalDistance: this.numberOf(raw.totalDistance, 'totalDistance'),
      totalDistanceUnit: this.cachedOf(raw.totalDistanceUnit, 'totalDistanceUnit'),
      totalEnergyBurned: this.numberOf(raw.totalEnergyBurned, 'totalEnergyBurned'),
      totalEnergyBurnedUnit: this.cachedOf(raw.totalEnergyBurnedUnit, 'totalEnergyBurnedUnit'),
      sourceName: s.sourceName,
      sourceVersion: s.sourceVersion,
      device: s.device,
      creationDate: s.creationDate,
      startDate: s.startDate,
      endDate: s.endDate,
      metadata: selfClosing ? EMPTY : [],
      otherAttributes: s.other,
      statistics: selfClosing ? EMPTY : [],
      events: selfClosing ? EMPTY : [],
      routeFiles: selfClosing ? EMPTY : [],
    };
  }

  /** The attributes every sample-like element has, plus `known` others left raw in `raw`. */
  private sourced(n: number, known: ReadonlySet<string>) {
    const raw = this.rawAttributes(n);
    let other: Record<string, string> | undefined;
    for (const [name, value] of Object.entries(raw)) {
      if (!known.has(name)) (other ??= {})[name] = this.decode(value, name);
    }
    const sourceName = this.requiredCached(raw.sourceName, 'sourceName');
    const startDate = this.dateOf(raw.startDate, 'startDate');
    const endDate = this.dateOf(raw.endDate, 'endDate');
    if (startDate === undefined) throw new RecordProblem('no startDate attribute');
    if (endDate === undefined) throw new RecordProblem('no endDate attribute');
    if (endDate.epochMs < startDate.epochMs) throw new RecordProblem(`endDate ${endDate.instant} is before startDate ${startDate.instant}`);
    return {
      raw,
      other,
      sourceName,
      sourceVersion: this.cachedOf(raw.sourceVersion, 'sourceVersion'),
      device: raw.device === undefined ? undefined : this.deviceOf(raw.device),
      creationDate: this.dateOf(raw.creationDate, 'creationDate'),
      startDate,
      endDate,
    };
  }

  private activitySummary(n: number, ordinal: number): AppleHealthActivitySummary {
    const raw = this.rawAttributes(n);
    const date = this.textOf(raw.dateComponents, 'dateComponents');
    if (date === undefined) throw new RecordProblem('no dateComponents attribute');
    if (!isCalendarDay(date)) throw new RecordProblem(`dateComponents ${preview(date)} is not a date YYYY-MM-DD`);
    let other: Record<string, string> | undefined;
    for (const [name, value] of Object.entries(raw)) {
      if (!ACTIVITY_SUMMARY_ATTRIBUTES.has(name)) (other ??= {})[name] = this.decode(value, name);
    }
    return {
      kind: 'activitySummary',
      ordinal,
      date,
      activeEnergyBurned: this.numberOf(raw.activeEnergyBurned, 'activeEnergyBurned'),
      activeEnergyBurnedGoal: this.numberOf(raw.activeEnergyBurnedGoal, 'activeEnergyBurnedGoal'),
      activeEnergyBurnedUnit: this.cachedOf(raw.activeEnergyBurnedUnit, 'activeEnergyBurnedUnit'),
      appleMoveTime: this.numberOf(raw.appleMoveTime, 'appleMoveTime'),
      appleMoveTimeGoal: this.numberOf(raw.appleMoveTimeGoal, 'appleMoveTimeGoal'),
      appleExerciseTime: this.numberOf(raw.appleExerciseTime, 'appleExerciseTime'),
      appleExerciseTimeGoal: this.numberOf(raw.appleExerciseTimeGoal, 'appleExerciseTimeGoal'),
      appleStandHours: this.numberOf(raw.appleStandHours, 'appleStandHours'),
      appleStandHoursGoal: this.numberOf(raw.appleStandHoursGoal, 'appleStandHoursGoal'),
      otherAttributes: other,
    };
  }

  private me(n: number, ordinal: number): AppleHealthMe {
    const attributes = this.decodedAttributes(n);
    const named = (key: string): string | undefined => (attributes[key] === '' ? undefined : attributes[key]);
    return {
      kind: 'me',
      ordinal,
      dateOfBirth: named('HKCharacteristicTypeIdentifierDateOfBirth'),
      biologicalSex: named('HKCharacteristicTypeIdentifierBiologicalSex'),
      bloodType: named('HKCharacteristicTypeIdentifierBloodType'),
      attributes,
    };
  }

  private exportDate(n: number, ordinal: number): AppleHealthExportDate {
    const value = this.dateOf(this.rawAttributes(n).value, 'value');
    if (value === undefined) throw new RecordProblem('no value attribute');
    return { kind: 'exportDate', ordinal, value };
  }

  private other(n: number, ordinal: number, element: string): AppleHealthOtherElement {
    return { kind: 'other', ordinal, element, attributes: this.decodedAttributes(n) };
  }

  private metadataEntry(n: number): AppleHealthMetadataEntry {
    const b = this.bytes;
    const a = this.attrs;
    let key: string | undefined;
    let value = '';
    for (let k = 0; k < n; k += 1) {
      let slot = this.slots[k] as number;
      if (slot === S_UNRESOLVED) slot = pairSlot(b, a[k * 4] as number, (a[k * 4 + 1] as number) - (a[k * 4] as number), N.key, N.value);
      if (slot === 0) key = this.memo(this.keyMemo, a[k * 4 + 2] as number, a[k * 4 + 3] as number, 'key');
      else if (slot === 1) value = this.text(a[k * 4 + 2] as number, a[k * 4 + 3] as number, 'value') ?? '';
      else this.checkIgnored(k);
    }
    if (key === undefined) throw new RecordProblem('a MetadataEntry without a key');
    return { key, value };
  }

  private beat(n: number): AppleHealthBeat {
    const buf = this.buf;
    const b = this.bytes;
    const a = this.attrs;
    let bpm: number | undefined;
    let time: string | undefined;
    for (let k = 0; k < n; k += 1) {
      const vs = a[k * 4 + 2] as number;
      const ve = a[k * 4 + 3] as number;
      let slot = this.slots[k] as number;
      if (slot === S_UNRESOLVED) slot = pairSlot(b, a[k * 4] as number, (a[k * 4 + 1] as number) - (a[k * 4] as number), N.bpm, N.time);
      if (slot === 0) {
        if (!isDecimal(b, vs, ve)) throw new RecordProblem(`bpm ${preview(buf.slice(vs, ve))} is not a number`);
        bpm = Number(buf.slice(vs, ve));
      } else if (slot === 1) time = this.text(vs, ve, 'time');
      else this.checkIgnored(k);
    }
    if (bpm === undefined) throw new RecordProblem('an InstantaneousBeatsPerMinute without bpm');
    if (time === undefined) throw new RecordProblem('an InstantaneousBeatsPerMinute without time');
    return { bpm, time, timeOfDayMs: parseTimeOfDay(time) };
  }

  private workoutStatistics(n: number): AppleHealthWorkoutStatistics {
    const raw = this.rawAttributes(n);
    return {
      type: this.requiredCached(raw.type, 'type'),
      startDate: this.dateOf(raw.startDate, 'startDate'),
      endDate: this.dateOf(raw.endDate, 'endDate'),
      average: this.numberOf(raw.average, 'average'),
      minimum: this.numberOf(raw.minimum, 'minimum'),
      maximum: this.numberOf(raw.maximum, 'maximum'),
      sum: this.numberOf(raw.sum, 'sum'),
      unit: this.cachedOf(raw.unit, 'unit'),
    };
  }

  private workoutEvent(n: number, selfClosing: boolean): Writable<AppleHealthWorkoutEvent> {
    const raw = this.rawAttributes(n);
    const date = this.dateOf(raw.date, 'date');
    if (date === undefined) throw new RecordProblem('a WorkoutEvent without a date');
    return {
      type: this.requiredCached(raw.type, 'type'),
      date,
      duration: this.numberOf(raw.duration, 'duration'),
      durationUnit: this.cachedOf(raw.durationUnit, 'durationUnit'),
      metadata: selfClosing ? EMPTY : [],
    };
  }

  // ---- attribute values --------------------------------------------------------------------

  /** Raw (undecoded) attribute values by name, for the elements that are not on the hot path. */
  private rawAttributes(n: number): Record<string, string> {
    const buf = this.buf;
    const a = this.attrs;
    const raw: Record<string, string> = {};
    for (let k = 0; k < n; k += 1) {
      const value = buf.slice(a[k * 4 + 2], a[k * 4 + 3]);
      if (value.includes('<')) throw new RecordProblem(`a raw "<" in attribute ${buf.slice(a[k * 4], a[k * 4 + 1])} (an unclosed quote?)`);
      raw[buf.slice(a[k * 4], a[k * 4 + 1])] = value;
    }
    return raw;
  }

  private decodedAttributes(n: number): Record<string, string> {
    const raw = this.rawAttributes(n);
    const decoded: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw)) decoded[name] = this.decode(detached(value), name);
    return decoded;
  }

  /** An attribute a builder does not read: no `<` in its value (an unclosed quote). */
  private checkIgnored(k: number): void {
    const a = this.attrs;
    const next = this.buf.indexOf('<', a[k * 4 + 2] as number);
    if (next !== -1 && next < (a[k * 4 + 3] as number)) throw new RecordProblem(`a raw "<" in attribute ${this.buf.slice(a[k * 4], a[k * 4 + 1])} (an unclosed quote?)`);
  }

  private otherAttribute(other: Record<string, string> | undefined, k: number): Record<string, string> {
    const a = this.attrs;
    const name = this.buf.slice(a[k * 4], a[k * 4 + 1]);
    const result = other ?? {};
    result[name] = this.decode(detached(this.buf.slice(a[k * 4 + 2], a[k * 4 + 3])), name);
    return result;
  }

  private decode(raw: string, name: string): string {
    try {
      return decodeAttributeValue(raw);
    } catch (error) {
      if (error instanceof AttributeValueError) throw new RecordProblem(`${name}: ${error.message}`);
      throw error;
    }
  }

  /** A value at buf[vs, ve); undefined when empty. */
  private text(vs: number, ve: number, name: string): string | undefined {
    if (vs === ve) return undefined;
    return this.decode(this.buf.slice(vs, ve), name);
  }

  private textOf(raw: string | undefined, name: string): string | undefined {
    return raw === undefined || raw === '' ? undefined : this.decode(raw, name);
  }

  private requiredText(raw: string | undefined, name: string): string {
    const text = this.textOf(raw, name);
    if (text === undefined) throw new RecordProblem(`no ${name} attribute`);
    return text;
  }

  /**
   * A repetitive value through a one-entry memo: the value of the last record at this place —
   * consecutive records mostly repeat it — then through the cache. Short values are compared
   * byte by byte, longer ones as a substring and === (V8 compares those a word at a time).
   */
  private memo(memo: Memo, vs: number, ve: number, name: string): string | undefined {
    if (vs === ve) return undefined;
    const raw = memo.raw;
    const n = ve - vs;
    let fresh: string | undefined;
    if (raw.length === n) {
      if (n <= 16) {
        const b = this.bytes;
        let k = 0;
        while (k < n && b[vs + k] === raw.charCodeAt(k)) k += 1;
        if (k === n) return memo.value;
      } else {
        fresh = this.buf.slice(vs, ve);
        if (fresh === raw) return memo.value;
      }
    }
    fresh ??= this.buf.slice(vs, ve);
    const value = this.cachedOf(fresh, name) as string;
    memo.raw = detached(fresh);
    memo.value = value;
    return value;
  }

  /** A value that repeats across records (type, unit, source, key): one string per distinct value. */
  private cachedOf(raw: string | undefined, name: string): string | undefined {
    if (raw === undefined || raw === '') return undefined;
    const hit = this.strings.get(raw);
    if (hit !== undefined) return hit;
    if (this.strings.size >= CACHE_LIMIT) this.strings.clear();
    const key = detached(raw);
    const value = this.decode(key, name);
    this.strings.set(key, value);
    return value;
  }

  private requiredCached(raw: string | undefined, name: string): string {
    const value = this.cachedOf(raw, name);
    if (value === undefined) throw new RecordProblem(`no ${name} attribute`);
    return value;
  }

  private date(vs: number, ve: number, name: string): AppleHealthDate {
    const date = this.dates.parseBytes(this.bytes, vs, ve, this.buf);
    if (date === undefined) throw new RecordProblem(`${name} ${preview(this.buf.slice(vs, ve))} is not a date like 2024-03-10 07:12:44 -0800`);
    return date;
  }

  private dateOf(raw: string | undefined, name: string): AppleHealthDate | undefined {
    if (raw === undefined || raw === '') return undefined;
    const date = this.dates.parse(raw);
    if (date === undefined) throw new RecordProblem(`${name} ${preview(raw)} is not a date like 2024-03-10 07:12:44 -0800`);
    return date;
  }

  private numberOf(raw: string | undefined, name: string): number | undefined {
    if (raw === undefined || raw === '') return undefined;
    if (!DECIMAL.test(raw)) throw new RecordProblem(`${name} ${preview(raw)} is not a number`);
    return Number(raw);
  }

  /**
   * `&lt;&lt;HKDevice: 0x283b1c3c0&gt;, name:…&gt;`: everything after the address is the same
   * for the same device, so that part, compared with the last device's, finds it.
   */
  private device(vs: number, ve: number): AppleHealthDevice | undefined {
    if (vs === ve) return undefined;
    const b = this.bytes;
    if (ve - vs > N.devicePrefix.length + N.gt.length && same(b, vs, N.devicePrefix)) {
      // The value ends at its closing quote, so the hex digits end inside it.
      let i = vs + N.devicePrefix.length;
      for (let c = b[i] as number; (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70); c = b[++i] as number);
      if (i + N.gt.length <= ve && same(b, i, N.gt)) {
        const memo = this.deviceMemo;
        const key = this.buf.slice(i, ve);
        if (key === memo.raw) return memo.device;
        let device = this.devices.get(key);
        if (device === undefined) {
          if (this.devices.size >= CACHE_LIMIT) this.devices.clear();
          device = parseAppleHealthDevice(this.decode(detached(this.buf.slice(vs, ve)), 'device')) ?? null;
          this.devices.set(detached(key), device);
        }
        memo.raw = detached(key);
        memo.device = device ?? undefined;
        return memo.device;
      }
    }
    return this.deviceOf(this.buf.slice(vs, ve));
  }

  /** Devices are cached by their text after the memory address, which differs in every record. */
  private deviceOf(raw: string): AppleHealthDevice | undefined {
    let key = raw;
    const address = raw.indexOf('0x');
    if (address !== -1 && address < 32) {
      const escaped = raw.indexOf('&gt;', address);
      const plain = raw.indexOf('>', address);
      const close = escaped === -1 ? plain : plain === -1 ? escaped : Math.min(escaped, plain);
      if (close !== -1) key = raw.slice(close);
    }
    const hit = this.devices.get(key);
    if (hit !== undefined) return hit ?? undefined;
    if (this.devices.size >= CACHE_LIMIT) this.devices.clear();
    const device = parseAppleHealthDevice(this.decode(detached(raw), 'device'));
    this.devices.set(detached(key), device ?? null);
    return device;
  }
}

const SOURCED_ATTRIBUTES = ['sourceName', 'sourceVersion', 'device', 'creationDate', 'startDate', 'endDate'];
const CORRELATION_ATTRIBUTES: ReadonlySet<string> = new Set([...SOURCED_ATTRIBUTES, 'type']);
const WORKOUT_ATTRIBUTES: ReadonlySet<string> = new Set([
  ...SOURCED_ATTRIBUTES,
  'workoutActivityType', 'duration', 'durationUnit', 'totalDistance', 'totalDistanceUnit', 'totalEnergyBurned', 'totalEnergyBurnedUnit',
]);
const ACTIVITY_SUMMARY_ATTRIBUTES: ReadonlySet<string> = new Set([
  'dateComponents', 'activeEnergyBurned', 'activeEnergyBurnedGoal', 'activeEnergyBurnedUnit', 'appleMoveTime', 'appleMoveTimeGoal',
  'appleExerciseTime', 'appleExerciseTimeGoal', 'appleStandHours', 'appleStandHoursGoal',
]);

/** A blood-pressure correlation is one systolic and one diastolic reading; other kinds need one sample. */
function correlationProblem(correlation: AppleHealthCorrelation): string | undefined {
  if (correlation.type === BLOOD_PRESSURE) {
    const systolic = correlation.samples.filter((s) => s.type === SYSTOLIC).length;
    const diastolic = correlation.samples.filter((s) => s.type === DIASTOLIC).length;
    if (systolic !== 1 || diastolic !== 1) {
      return `a blood-pressure correlation needs one systolic and one diastolic Record, it has ${systolic} and ${diastolic}`;
    }
    return undefined;
  }
  return correlation.samples.length === 0 ? `correlation ${correlation.type} holds no Record` : undefined;
}
