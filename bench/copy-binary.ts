// Rows in the binary format of COPY ... FROM STDIN (FORMAT binary): no text for Postgres to
// parse, so it is the cheapest way to hand it rows. Only the types the benchmarks write.
// https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Postgres counts instants from 2000-01-01 (µs) and dates from it (days). */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const CHUNK_BYTES = 1 << 16;

/** A field whose bytes are the same on every row (a uuid, a text): encoded once. */
export type FixedField = Buffer;

export const uuidField = (uuid: string): FixedField => Buffer.from(uuid.replace(/-/g, ''), 'hex');
export const textField = (text: string): FixedField => Buffer.from(text, 'utf8');

/** Writes rows into 64 KiB chunks, handing each full chunk to `emit`. */
export class BinaryCopyWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;

  constructor(private readonly emit: (chunk: Buffer) => void) {
    this.ensure(SIGNATURE.length + 8);
    SIGNATURE.copy(this.buffer, 0);
    this.at = SIGNATURE.length;
    this.at = this.buffer.writeInt32BE(0, this.at); // flags
    this.at = this.buffer.writeInt32BE(0, this.at); // header extension length
  }

  /** Starts a row of `fields` fields; room for `bytes` more is made at once. */
  row(fields: number, bytes: number): this {
    this.ensure(2 + bytes);
    this.at = this.buffer.writeInt16BE(fields, this.at);
    return this;
  }

  fixed(field: FixedField): this {
    this.at = this.buffer.writeInt32BE(field.length, this.at);
    this.at += field.copy(this.buffer, this.at);
    return this;
  }

  timestamptz(epochMs: number): this {
    this.at = this.buffer.writeInt32BE(8, this.at);
    this.at = this.buffer.writeBigInt64BE(BigInt(epochMs - PG_EPOCH_MS) * 1000n, this.at);
    return this;
  }

  date(epochMs: number): this {
    this.at = this.buffer.writeInt32BE(4, this.at);
    this.at = this.buffer.writeInt32BE(Math.floor((epochMs - PG_EPOCH_MS) / DAY_MS), this.at);
    return this;
  }

  float8(value: number): this {
    this.at = this.buffer.writeInt32BE(8, this.at);
    this.at = this.buffer.writeDoubleBE(value, this.at);
    return this;
  }

  int2(value: number): this {
    this.at = this.buffer.writeInt32BE(2, this.at);
    this.at = this.buffer.writeInt16BE(value, this.at);
    return this;
  }

  bool(value: boolean): this {
    this.at = this.buffer.writeInt32BE(1, this.at);
    this.at = this.buffer.writeUInt8(value ? 1 : 0, this.at);
    return this;
  }

  null(): this {
    this.at = this.buffer.writeInt32BE(-1, this.at);
    return this;
  }

  /** The trailer, then the last chunk. */
  end(): void {
    this.ensure(2);
    this.at = this.buffer.writeInt16BE(-1, this.at);
    this.flush();
  }

  private ensure(bytes: number): void {
    if (this.at + bytes > this.buffer.length) this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  private flush(): void {
    if (this.at === 0) return;
    this.emit(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.at = 0;
  }
}
