/** Readings as plain arrays, oldest first: epoch ms, value, context flags, local offset in minutes. */
export interface ReadingColumns {
  readonly t: number[];
  readonly value: number[];
  readonly flags: number[];
  readonly offset: number[];
}

const INITIAL_CAPACITY = 16;
/** Slots of a new arena: a few rings; it doubles as rings are added and grow. */
const INITIAL_ARENA = 64;

// A row per ring: its positions and where its slots lie in the arena.
const HEAD = 0;
const TAIL = 1;
/** The ring's first slot in the arena, and its capacity (a power of two) less one. */
const BASE = 2;
const MASK = 3;
/** How many of its latest readings the ring keeps when it is full; the older ones are dropped. */
const KEPT = 4;
const ROW = 8;
/** Keeps every reading: more than a ring can hold. */
const KEEP_ALL = 0x7fffffff;

/** Each slot holds t, value, flags, offset side by side: two slots a cache line. */
const SLOT = 4;

/**
 * Many small rings of readings in time order, each from `head` to `tail`: sequence numbers that
 * only grow. A full ring drops its oldest readings beyond the ones it keeps, and otherwise moves
 * to twice the slots.
 *
 * Every ring's positions sit in one Int32Array and every ring's slots in a Float64Array (an
 * arena), so a ring's reading costs two independent memory reads rather than a chain of
 * objects, each a cache miss when thousands of other rings have been used since. Positions
 * are int32: a ring takes 2^31 readings (68 years of one a second) before it wraps.
 */
export class SampleRings {
  private rows = new Int32Array(ROW * 16);
  private arena = new Float64Array(SLOT * INITIAL_ARENA);
  private count = 0;
  /** Slots handed out so far, and how many of them belong to rings that have since moved. */
  private used = 0;
  private abandoned = 0;

  /** A new ring holding `readings`, that keeps its latest `kept` readings when full (Infinity: all); returns its index. */
  add(kept: number, readings: ReadingColumns): number {
    const capacity = Math.max(INITIAL_CAPACITY, 2 ** Math.ceil(Math.log2(readings.t.length + 1)));
    const base = this.allocate(capacity);
    const ring = this.count;
    if ((ring + 1) * ROW > this.rows.length) this.rows = grownCopy(this.rows, this.rows.length * 2);
    this.count += 1;
    const row = ring * ROW;
    this.rows[row + BASE] = base;
    this.rows[row + MASK] = capacity - 1;
    this.rows[row + KEPT] = Math.min(kept, KEEP_ALL);
    readings.t.forEach((t, i) => this.insert(ring, t, readings.value[i]!, readings.flags[i]!, readings.offset[i]!));
    return ring;
  }

  head(ring: number): number {
    return this.rows[ring * ROW + HEAD]!;
  }

  tail(ring: number): number {
    return this.rows[ring * ROW + TAIL]!;
  }

  /** Where reading `seq` of the ring starts in slots(): t, value, flags, offset follow one another. */
  slotOf(ring: number, seq: number): number {
    const row = ring * ROW;
    return (this.rows[row + BASE]! + (seq & this.rows[row + MASK]!)) * SLOT;
  }

  /** Every ring's slots; valid until the next insert into any ring of this set. */
  slots(): Float64Array {
    return this.arena;
  }

  timeAt(ring: number, seq: number): number {
    return this.arena[this.slotOf(ring, seq)]!;
  }

  valueAt(ring: number, seq: number): number {
    return this.arena[this.slotOf(ring, seq) + 1]!;
  }

  flagsAt(ring: number, seq: number): number {
    return this.arena[this.slotOf(ring, seq) + 2]!;
  }

  offsetAt(ring: number, seq: number): number {
    return this.arena[this.slotOf(ring, seq) + 3]!;
  }

  /** Adds a reading after every one at or before `t`, so equal times keep their arrival order. */
  insert(ring: number, t: number, value: number, flags: number, offset: number): void {
    const { rows } = this;
    const row = ring * ROW;
    if (rows[row + TAIL]! - rows[row + HEAD]! > rows[row + MASK]!) this.makeRoom(ring);
    const { arena: slots } = this;
    const head = rows[row + HEAD]!;
    const tail = rows[row + TAIL]!;
    const base = rows[row + BASE]!;
    const mask = rows[row + MASK]!;
    let slot = (base + (tail & mask)) * SLOT;
    for (let seq = tail; seq > head; seq -= 1) {
      const before = (base + ((seq - 1) & mask)) * SLOT;
      if (slots[before]! <= t) break;
      for (let field = 0; field < SLOT; field += 1) slots[slot + field] = slots[before + field]!;
      slot = before;
    }
    slots[slot] = t;
    slots[slot + 1] = value;
    slots[slot + 2] = flags;
    slots[slot + 3] = offset;
    rows[row + TAIL] = tail + 1;
  }

  /** Forgets every reading before `seq`. */
  dropBefore(ring: number, seq: number): void {
    const row = ring * ROW;
    if (seq > this.rows[row + HEAD]!) this.rows[row + HEAD] = Math.min(seq, this.rows[row + TAIL]!);
  }

  columns(ring: number, from: number, to: number): ReadingColumns {
    const columns: ReadingColumns = { t: [], value: [], flags: [], offset: [] };
    for (let seq = from; seq < to; seq += 1) {
      columns.t.push(this.timeAt(ring, seq));
      columns.value.push(this.valueAt(ring, seq));
      columns.flags.push(this.flagsAt(ring, seq));
      columns.offset.push(this.offsetAt(ring, seq));
    }
    return columns;
  }

  private makeRoom(ring: number): void {
    const row = ring * ROW;
    const { rows } = this;
    rows[row + HEAD] = Math.max(rows[row + HEAD]!, rows[row + TAIL]! - rows[row + KEPT]!);
    const capacity = rows[row + MASK]! + 1;
    if (rows[row + TAIL]! - rows[row + HEAD]! < capacity) return;
    const base = this.allocate(capacity * 2);
    // Allocating may have compacted the arena: the ring's old slots are read where they are now.
    const oldBase = rows[row + BASE]!;
    for (let seq = rows[row + HEAD]!; seq < rows[row + TAIL]!; seq += 1) {
      const from = (oldBase + (seq & (capacity - 1))) * SLOT;
      this.arena.copyWithin((base + (seq & (capacity * 2 - 1))) * SLOT, from, from + SLOT);
    }
    rows[row + BASE] = base;
    rows[row + MASK] = capacity * 2 - 1;
    this.abandoned += capacity;
  }

  /** The first of `capacity` free slots at the arena's end, compacting and growing it when they do not fit. */
  private allocate(capacity: number): number {
    if ((this.used + capacity) * SLOT > this.arena.length) {
      const live = this.used - this.abandoned;
      const size = Math.max(INITIAL_ARENA, 2 ** Math.ceil(Math.log2(2 * (live + capacity))));
      this.compactInto(new Float64Array(size * SLOT));
    }
    const base = this.used;
    this.used += capacity;
    return base;
  }

  /** Moves every ring's slots, in ring order, to the start of `arena`, leaving out those abandoned. */
  private compactInto(arena: Float64Array<ArrayBuffer>): void {
    let used = 0;
    for (let row = 0; row < this.count * ROW; row += ROW) {
      const capacity = this.rows[row + MASK]! + 1;
      const from = this.rows[row + BASE]! * SLOT;
      arena.set(this.arena.subarray(from, from + capacity * SLOT), used * SLOT);
      this.rows[row + BASE] = used;
      used += capacity;
    }
    this.arena = arena;
    this.used = used;
    this.abandoned = 0;
  }
}

function grownCopy(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}
