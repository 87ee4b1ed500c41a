/**
 * A min-heap of timed events ordered by (time, insertion sequence). Ties break by insertion
 * order, so the simulation never depends on heap internals: same schedule, same run.
 */
interface Slot<E> {
  atMs: number;
  seq: number;
  event: E;
}

export class EventQueue<E> {
  private readonly heap: Slot<E>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(atMs: number, event: E): void {
    const slot: Slot<E> = { atMs, seq: this.nextSeq++, event };
    const heap = this.heap;
    let i = heap.length;
    heap.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Slot<E>;
      if (p.atMs < atMs || (p.atMs === atMs && p.seq < slot.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeMs(): number {
    const top = this.heap[0];
    return top === undefined ? Infinity : top.atMs;
  }

  /** Removes and returns the earliest event; throws when empty (check size or peekTimeMs first). */
  pop(): { atMs: number; event: E } {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) throw new RangeError('pop() on an empty event queue');
    const last = heap.pop() as Slot<E>;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        const lc = heap[l] as Slot<E>;
        if (r < n) {
          const rc = heap[r] as Slot<E>;
          if (rc.atMs < lc.atMs || (rc.atMs === lc.atMs && rc.seq < lc.seq)) c = r;
        }
        const child = heap[c] as Slot<E>;
        if (last.atMs < child.atMs || (last.atMs === child.atMs && last.seq < child.seq)) break;
        heap[i] = child;
        i = c;
      }
      heap[i] = last;
    }
    return top; // the slot itself: no allocation per event
  }
}

const RING = 1024; // ms of the near future kept in per-millisecond buckets (message delays, ticks, client timers)
const RING_MASK = RING - 1;
const RING_WORDS = RING >> 5;

/**
 * The same (time, insertion sequence) order as EventQueue, for hot loops, allocating nothing per
 * event. Events are (tag, number, reference) triples in recycled slots whose keys live in typed
 * arrays. An event at a whole millisecond less than RING (1024) ms ahead goes into that millisecond's
 * FIFO bucket (a ring of buckets with a bitmap of the non-empty ones): insertion order within a
 * bucket is sequence order, so no comparison is needed. Anything else (far ahead, fractional, in
 * the past) goes into an indexed binary heap. `pop` takes the smaller (time, seq) of the ring's
 * first bucket head and the heap's top, so the order is exactly EventQueue's.
 * After `pop()` the event's fields are in `poppedAtMs`, `poppedTag`, `poppedNum` and `poppedRef`.
 */
export class TaggedEventQueue<R> {
  // Slot pool.
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private tags = new Int32Array(64);
  private nums = new Float64Array(64);
  private refs: (R | undefined)[] = new Array<R | undefined>(64).fill(undefined);
  /** Next slot in the same bucket, or -1. */
  private links = new Int32Array(64);
  private freeSlots = new Int32Array(64);
  private freeCount = 0;
  private slotCount = 0;
  private nextSeq = 0;
  // Ring of buckets: integer times in [base, base + RING).
  private readonly heads = new Int32Array(RING).fill(-1);
  private readonly tails = new Int32Array(RING).fill(-1);
  private readonly bits = new Uint32Array(RING_WORDS);
  private ringCount = 0;
  private base = 0;
  /** The first non-empty bucket (-1: ring empty), valid while frontKnown. */
  private front = -1;
  private frontKnown = true;
  // Overflow heap of slot indexes.
  private heap = new Int32Array(64);
  private n = 0;

  poppedAtMs = 0;
  poppedTag = 0;
  poppedNum = 0;
  poppedRef: R | undefined = undefined;

  get size(): number {
    return this.n + this.ringCount;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    this.times = widened(this.times, new Float64Array(cap));
    this.seqs = widened(this.seqs, new Float64Array(cap));
    this.tags = widened(this.tags, new Int32Array(cap));
    this.nums = widened(this.nums, new Float64Array(cap));
    this.links = widened(this.links, new Int32Array(cap));
    this.freeSlots = widened(this.freeSlots, new Int32Array(cap));
    this.heap = widened(this.heap, new Int32Array(cap));
    for (let i = this.refs.length; i < cap; i++) this.refs.push(undefined);
  }

  push(atMs: number, tag: number, num: number, ref: R | undefined): void {
    let s: number;
    if (this.freeCount > 0) s = this.freeSlots[--this.freeCount]!;
    else {
      if (this.slotCount === this.times.length) this.grow();
      s = this.slotCount++;
    }
    const times = this.times;
    const seq = this.nextSeq++;
    times[s] = atMs;
    this.seqs[s] = seq;
    this.tags[s] = tag;
    this.nums[s] = num;
    this.refs[s] = ref;
    if (atMs >= this.base && atMs < this.base + RING && Math.floor(atMs) === atMs) {
      const b = atMs & RING_MASK; // ToInt32 keeps the low bits of any integer
      this.links[s] = -1;
      const tail = this.tails[b]!;
      if (tail === -1) {
        this.heads[b] = s;
        this.bits[b >> 5]! |= 1 << (b & 31);
      } else this.links[tail] = s;
      this.tails[b] = s;
      this.ringCount++;
      if (this.frontKnown && (this.front === -1 || atMs < times[this.heads[this.front]!]!)) this.front = b;
      return;
    }
    const heap = this.heap;
    const seqs = this.seqs;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      const pt = times[p]!;
      if (pt < atMs || (pt === atMs && seqs[p]! < seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = s;
  }

  /** The first non-empty bucket from `base` on, or -1. */
  private findFront(): number {
    if (this.ringCount === 0) return -1;
    const bits = this.bits;
    const start = this.base & RING_MASK;
    let w = start >> 5;
    let word = bits[w]! & (-1 << (start & 31));
    for (let i = 0; i <= RING_WORDS; i++) {
      if (word !== 0) return (w << 5) + (31 - Math.clz32(word & -word));
      w = (w + 1) & (RING_WORDS - 1);
      word = bits[w]!;
    }
    throw new Error('event queue ring is inconsistent');
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeMs(): number {
    if (!this.frontKnown) {
      this.front = this.findFront();
      this.frontKnown = true;
    }
    const rt = this.front === -1 ? Infinity : this.times[this.heads[this.front]!]!;
    const ht = this.n === 0 ? Infinity : this.times[this.heap[0]!]!;
    return rt < ht ? rt : ht;
  }

  /** Removes the earliest event into the popped* fields; throws when empty. */
  pop(): void {
    if (!this.frontKnown) {
      this.front = this.findFront();
      this.frontKnown = true;
    }
    const front = this.front;
    const times = this.times;
    const seqs = this.seqs;
    let s: number;
    let fromRing: boolean;
    if (front === -1) {
      if (this.n === 0) throw new RangeError('pop() on an empty event queue');
      fromRing = false;
    } else if (this.n === 0) fromRing = true;
    else {
      const r = this.heads[front]!;
      const h = this.heap[0]!;
      const rt = times[r]!;
      const ht = times[h]!;
      fromRing = rt < ht || (rt === ht && seqs[r]! < seqs[h]!);
    }
    if (fromRing) {
      s = this.heads[front]!;
      const next = this.links[s]!;
      this.heads[front] = next;
      if (next === -1) {
        this.tails[front] = -1;
        this.bits[front >> 5]! &= ~(1 << (front & 31));
        this.frontKnown = false;
      }
      this.ringCount--;
    } else {
      const heap = this.heap;
      s = heap[0]!;
      const n = --this.n;
      if (n > 0) {
        const last = heap[n]!;
        const lt = times[last]!;
        const ls = seqs[last]!;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= n) break;
          let c = heap[l]!;
          let ct = times[c]!;
          const r = l + 1;
          let ci = l;
          if (r < n) {
            const rc = heap[r]!;
            const rt = times[rc]!;
            if (rt < ct || (rt === ct && seqs[rc]! < seqs[c]!)) {
              c = rc;
              ct = rt;
              ci = r;
            }
          }
          if (lt < ct || (lt === ct && ls < seqs[c]!)) break;
          heap[i] = c;
          i = ci;
        }
        heap[i] = last;
      }
    }
    const t = times[s]!;
    this.poppedAtMs = t;
    this.poppedTag = this.tags[s]!;
    this.poppedNum = this.nums[s]!;
    this.poppedRef = this.refs[s];
    this.refs[s] = undefined;
    this.freeSlots[this.freeCount++] = s;
    // Every queued time is ≥ t now, so the ring can start at t (whole ms).
    if (t > this.base) this.base = Math.floor(t);
  }
}

/** `into` (a larger array of the same kind) holding `from`'s values first. */
function widened<A extends Float64Array | Int32Array>(from: A, into: A): A {
  into.set(from);
  return into;
}
