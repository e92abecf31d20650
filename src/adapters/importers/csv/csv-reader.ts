import { StringDecoder } from 'node:string_decoder';
import { FileImportError, type TabularFormat } from './errors.ts';

/**
 * A streaming RFC 4180 reader (no CSV library is installed): quoted fields, doubled quotes,
 * delimiters and line breaks inside quotes, CRLF / LF / CR line ends, a UTF-8 or UTF-16 byte
 * order mark, and a delimiter sniffed from the header line when not given.
 *
 * Real files bend the RFC; the reader keeps going where the intent is clear and says so where
 * it is not:
 * - a quote inside an unquoted field (`5'11"`) is kept as text;
 * - text after a closing quote (`"ab"c`) is kept, and the record carries an `error`;
 * - a quoted field still open at the end of the file gives a record with an `error`;
 * - a record longer than `maxRecordLength` characters, or a NUL character (a binary file),
 *   refuses the whole file: one runaway quote must not pull the rest of a large file into memory.
 * Blank lines are skipped; line numbers still count them.
 */
export interface CsvRecord {
  /** 1-based line of the file on which the record starts (the header is usually line 1). */
  readonly line: number;
  readonly fields: string[];
  /** Set when the record breaks the quoting rules; its fields are what could be read. */
  readonly error?: string;
}

export type CsvDelimiter = ',' | ';' | '\t' | '|';

export interface CsvReaderOptions {
  /** Field separator; sniffed from the first line when absent (`,` `;` tab `|`, default `,`). */
  readonly delimiter?: CsvDelimiter;
  /** Longest record, in characters, before the file is refused (default 1 MiB). */
  readonly maxRecordLength?: number;
  /** Which importer is reading, for the refusal's details. */
  readonly format?: TabularFormat;
}

export const DEFAULT_MAX_RECORD_LENGTH = 1 << 20;
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote seen inside a quoted field: a doubled quote or the closing one. */
  QuoteInQuoted,
  /** After the closing quote, before the delimiter or line end. */
  AfterQuoted,
}

/** Push-based parser: feed text in any slicing, take complete records as they close. */
export class CsvParser {
  private delimiter: CsvDelimiter | undefined;
  private delimiterCode = 0;
  private readonly maxRecordLength: number;
  private readonly format: TabularFormat | undefined;
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private recordLength = 0;
  private recordLine = 1;
  private line = 1;
  private quotedFrom = 0;
  private error: string | undefined;
  /** The previous chunk ended with CR: a LF opening the next chunk belongs to it. */
  private afterCR = false;
  /** The last character read inside a quoted field was CR (a LF after it is the same break). */
  private quotedCR = false;
  private started = false;
  /** Text held back until the first line is complete, to sniff the delimiter. */
  private sniffBuffer = '';

  constructor(options: CsvReaderOptions = {}) {
    this.delimiter = options.delimiter;
    if (this.delimiter !== undefined) {
      if (!DELIMITERS.includes(this.delimiter)) throw new RangeError(`unsupported delimiter ${JSON.stringify(this.delimiter)}`);
      this.delimiterCode = this.delimiter.charCodeAt(0);
    }
    this.maxRecordLength = options.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH;
    this.format = options.format;
  }

  /** The delimiter in use; undefined until the first line has been seen when sniffing. */
  get separator(): CsvDelimiter | undefined {
    return this.delimiter;
  }

  push(text: string): CsvRecord[] {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.includes('\0')) throw this.refuse('not_text', `line ${this.line}: the file holds NUL characters; it is not a text CSV file`);
    if (this.delimiter === undefined) {
      this.sniffBuffer += text;
      const firstLine = completeFirstLine(this.sniffBuffer);
      if (firstLine === undefined) {
        if (this.sniffBuffer.length > this.maxRecordLength) throw this.tooLong();
        return [];
      }
      this.setDelimiter(sniffDelimiter(firstLine));
      text = this.sniffBuffer;
      this.sniffBuffer = '';
    }
    const out: CsvRecord[] = [];
    this.scan(text, out);
    return out;
  }

  /** Closes the last record (a file need not end with a line break). */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.delimiter === undefined) {
      this.setDelimiter(sniffDelimiter(this.sniffBuffer));
      const text = this.sniffBuffer;
      this.sniffBuffer = '';
      this.scan(text, out);
    }
    if (this.state === State.Quoted) this.error ??= `a quoted field opened on line ${this.quotedFrom} is never closed`;
    if (this.state !== State.FieldStart || this.fields.length > 0) this.endRecord(out);
    return out;
  }

  private setDelimiter(delimiter: CsvDelimiter): void {
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  private scan(text: string, out: CsvRecord[]): void {
    const delimiter = this.delimiterCode;
    const length = text.length;
    let i = 0;
    if (this.afterCR && length > 0) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    // Start of the pending run of plain characters, appended to `field` in one slice.
    let run = i;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.quotedFrom = this.line;
            this.quotedCR = false;
            run = i + 1;
          } else if (c === delimiter) {
            this.pushField('');
            run = i + 1;
          } else if (c === LF || c === CR) {
            i = this.lineBreak(text, i, out);
            run = i + 1;
          } else {
            this.state = State.Unquoted;
            run = i;
          }
          break;
        case State.Unquoted:
        case State.AfterQuoted: // text after a closing quote is kept, as in an unquoted field (the error says so)
          if (c === delimiter) {
            this.pushField(this.field + text.slice(run, i));
            this.state = State.FieldStart;
            run = i + 1;
          } else if (c === LF || c === CR) {
            this.field += text.slice(run, i);
            i = this.lineBreak(text, i, out);
            run = i + 1;
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(run, i);
            this.state = State.QuoteInQuoted;
          } else if (c === CR || (c === LF && !this.quotedCR)) {
            this.line++;
          }
          this.quotedCR = c === CR;
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            run = i + 1;
          } else if (c === delimiter) {
            this.pushField(this.field);
            this.state = State.FieldStart;
            run = i + 1;
          } else if (c === LF || c === CR) {
            i = this.lineBreak(text, i, out);
            run = i + 1;
          } else {
            this.error ??= `line ${this.line}: text after a closing quote`;
            this.state = State.AfterQuoted;
            run = i;
          }
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted || this.state === State.AfterQuoted) {
      this.field += text.slice(run, length);
      if (this.recordLength + this.field.length > this.maxRecordLength) throw this.tooLong();
    }
    if (length > 0 && text.charCodeAt(length - 1) === CR && this.state === State.FieldStart) this.afterCR = true;
  }

  /** Ends the record at text[i] (CR or LF); returns the index of the last character consumed. */
  private lineBreak(text: string, i: number, out: CsvRecord[]): number {
    this.endRecord(out);
    this.line++;
    this.recordLine = this.line;
    if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) return i + 1;
    return i;
  }

  private pushField(value: string): void {
    this.recordLength += value.length + 1;
    if (this.recordLength > this.maxRecordLength) throw this.tooLong();
    this.fields.push(value);
    this.field = '';
  }

  private endRecord(out: CsvRecord[]): void {
    if (this.state !== State.FieldStart || this.fields.length > 0) {
      if (this.state !== State.FieldStart) this.pushField(this.field);
      else this.fields.push('');
    }
    const fields = this.fields;
    const blank = fields.length === 0 || (fields.length === 1 && fields[0] === '' && this.error === undefined);
    if (!blank) out.push(this.error === undefined ? { line: this.recordLine, fields } : { line: this.recordLine, fields, error: this.error });
    this.fields = [];
    this.field = '';
    this.error = undefined;
    this.recordLength = 0;
    this.state = State.FieldStart;
  }

  private tooLong(): FileImportError {
    return this.refuse(
      'record_too_long',
      `line ${this.recordLine}: a record longer than ${this.maxRecordLength} characters (an unbalanced quote, or not a CSV file)`,
    );
  }

  private refuse(refusal: 'not_text' | 'record_too_long', message: string): FileImportError {
    return new FileImportError(this.format ?? 'csv', refusal, message, { line: this.recordLine });
  }
}

/** The first line of `text` if a line break outside quotes has arrived, else undefined. */
function completeFirstLine(text: string): string | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) return text.slice(0, i);
  }
  return undefined;
}

/** The delimiter occurring most often outside quotes in a header line; `,` on a tie or none. */
export function sniffDelimiter(line: string): CsvDelimiter {
  const counts = new Map<number, number>(DELIMITERS.map((d) => [d.charCodeAt(0), 0]));
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
    else if (!quoted && (c === LF || c === CR)) break;
  }
  let best: CsvDelimiter = ',';
  let bestCount = counts.get(44) ?? 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d.charCodeAt(0)) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** What importers accept: a Readable, or any async iterable of bytes or text. */
export type CsvInput = AsyncIterable<Buffer | Uint8Array | string>;

export interface CsvChunk {
  readonly records: CsvRecord[];
  /** Bytes of the input consumed so far. */
  readonly bytesRead: number;
  /** The field separator in use (given or sniffed). */
  readonly delimiter: CsvDelimiter;
}

/**
 * Records of a CSV byte stream, a batch per input chunk. Bytes are decoded as UTF-8, or as
 * UTF-16 when the file opens with a UTF-16 byte order mark (Excel's "Unicode text").
 * Breaking out of the loop closes the input.
 */
export async function* readCsv(input: CsvInput, options: CsvReaderOptions = {}): AsyncGenerator<CsvChunk, void, undefined> {
  const parser = new CsvParser(options);
  let decoder: StringDecoder | undefined;
  let bytesRead = 0;
  for await (const chunk of input) {
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
      bytesRead += Buffer.byteLength(chunk);
    } else {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      bytesRead += bytes.length;
      if (decoder === undefined) {
        const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
        if (utf16 && bytes[0] === 0xfe) {
          throw new FileImportError(options.format ?? 'csv', 'not_text', 'the file is UTF-16 big-endian; save it as UTF-8 or UTF-16 little-endian');
        }
        decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
      }
      text = decoder.write(bytes);
    }
    const records = parser.push(text);
    if (records.length > 0) yield { records, bytesRead, delimiter: parser.separator ?? ',' };
  }
  const tail = decoder?.end() ?? '';
  const records = [...(tail === '' ? [] : parser.push(tail)), ...parser.end()];
  if (records.length > 0) yield { records, bytesRead, delimiter: parser.separator ?? ',' };
}

/** Every record of a CSV text held in memory (tests, small headers). */
export function parseCsvText(text: string, options: CsvReaderOptions = {}): CsvRecord[] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()];
}
