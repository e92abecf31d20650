/** A stream's readings as plain arrays, oldest first; `context` as packContext makes it. */
export interface SampleColumns {
  readonly t: number[];
  readonly value: number[];
  readonly context: number[];
}

const INITIAL_CAPACITY = 64;
/** Each slot holds t, value, context side by side: one cache line serves a reading, one array serves the ring. */
const SLOT = 3;

/**
 * A stream's readings in time order, in one typed-array ring: the last `keptReleased`
 * readings already evaluated (an alert's evidence) and the pending ones still waiting for the
 * watermark. Positions are sequence numbers that only grow: head <= firstPending <= tail.
 */
export class SampleRing {
  head = 0;
  firstPending = 0;
  tail = 0;
  private slots: Float64Array;
  private mask: number;

  constructor(
    private readonly keptReleased: number,
    capacity = INITIAL_CAPACITY,
  ) {
    this.slots = new Float64Array(capacity * SLOT);
    this.mask = capacity - 1;
  }

  static fromColumns(keptReleased: number, released: SampleColumns, pending: SampleColumns): SampleRing {
    const count = released.t.length + pending.t.length;
    const ring = new SampleRing(keptReleased, Math.max(INITIAL_CAPACITY, 2 ** Math.ceil(Math.log2(count + 1))));
    for (const columns of [released, pending]) {
      columns.t.forEach((t, i) => ring.write(ring.tail++, t, columns.value[i]!, columns.context[i]!));
    }
    ring.firstPending = released.t.length;
    ring.head = Math.max(0, ring.firstPending - keptReleased);
    return ring;
  }

  timeAt(seq: number): number {
    return this.slots[(seq & this.mask) * SLOT]!;
  }

  valueAt(seq: number): number {
    return this.slots[(seq & this.mask) * SLOT + 1]!;
  }

  contextAt(seq: number): number {
    return this.slots[(seq & this.mask) * SLOT + 2]!;
  }

  /** Adds a pending reading after every pending one at or before `t`, so equal times keep their arrival order. */
  insert(t: number, value: number, context: number): void {
    if (this.tail - this.head > this.mask) this.makeRoom();
    const { slots, mask } = this;
    let seq = this.tail;
    while (seq > this.firstPending && this.timeAt(seq - 1) > t) {
      slots.copyWithin((seq & mask) * SLOT, ((seq - 1) & mask) * SLOT, ((seq - 1) & mask) * SLOT + SLOT);
      seq -= 1;
    }
    this.write(seq, t, value, context);
    this.tail += 1;
  }

  columns(from: number, to: number): SampleColumns {
    const columns: SampleColumns = { t: [], value: [], context: [] };
    for (let seq = from; seq < to; seq += 1) {
      columns.t.push(this.timeAt(seq));
      columns.value.push(this.valueAt(seq));
      columns.context.push(this.contextAt(seq));
    }
    return columns;
  }

  private write(seq: number, t: number, value: number, context: number): void {
    const slot = (seq & this.mask) * SLOT;
    this.slots[slot] = t;
    this.slots[slot + 1] = value;
    this.slots[slot + 2] = context;
  }

  /** Forgets released readings beyond the kept ones; grows only when the pending ones fill the ring. */
  private makeRoom(): void {
    this.head = Math.max(this.head, this.firstPending - this.keptReleased);
    if (this.tail - this.head <= this.mask) return;
    const grown = new SampleRing(this.keptReleased, (this.mask + 1) * 2);
    for (let seq = this.head; seq < this.tail; seq += 1) grown.write(seq, this.timeAt(seq), this.valueAt(seq), this.contextAt(seq));
    this.slots = grown.slots;
    this.mask = grown.mask;
  }
}
