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
