/**
 * Linearizability checking in the style of Porcupine: the Wing–Gong–Lowe search over a
 * doubly linked list of call/return events, with memoization of (set of linearized operations,
 * model state) and per-partition checking (e.g. per key). Deterministic: the "timeout" is a
 * budget of search steps, plus an optional caller-supplied stop signal.
 */
import type { Operation } from './history';
import type { Model } from './model';

export interface CheckOptions {
  /** Search steps over all partitions before answering `unknown` (default 20 million). */
  readonly maxSteps?: number;
  /** Polled every 4096 steps; return true to give up with `unknown` (e.g. a wall-clock deadline kept by the caller). */
  readonly shouldStop?: () => boolean;
}

export type LinearizabilityResult<I, O> =
  | { readonly verdict: 'ok'; readonly partitions: number; readonly steps: number }
  | {
      readonly verdict: 'illegal';
      readonly partitions: number;
      readonly steps: number;
      /** The sub-history (partition) that has no linearization. */
      readonly partition: readonly Operation<I, O>[];
      /** The longest linearizable prefix found, in linearization order: where the history breaks. */
      readonly longestPrefix: readonly Operation<I, O>[];
      /** Of the operations outside that prefix, the one that returned first: it cannot be placed. */
      readonly firstUnlinearizable: Operation<I, O> | null;
    }
  | { readonly verdict: 'unknown'; readonly partitions: number; readonly steps: number; readonly reason: string };

const NONE = -1;

export function checkOperations<S, I, O>(model: Model<S, I, O>, history: readonly Operation<I, O>[], options: CheckOptions = {}): LinearizabilityResult<I, O> {
  const partitions = model.partition ? model.partition(history) : [history.slice()];
  const budget = { left: options.maxSteps ?? 20_000_000, used: 0, stop: options.shouldStop ?? null };
  let unknown = false;
  for (const part of partitions) {
    const r = checkPartition(model, part, budget);
    if (r.kind === 'illegal') {
      return { verdict: 'illegal', partitions: partitions.length, steps: budget.used, partition: part, longestPrefix: r.prefix, firstUnlinearizable: r.stuck };
    }
    if (r.kind === 'unknown') unknown = true;
    if (budget.left <= 0) break;
  }
  if (unknown || budget.left <= 0) {
    return { verdict: 'unknown', partitions: partitions.length, steps: budget.used, reason: budget.stop !== null && budget.left > 0 ? 'stopped by the caller' : 'search budget exhausted' };
  }
  return { verdict: 'ok', partitions: partitions.length, steps: budget.used };
}

type PartitionResult<I, O> =
  | { kind: 'ok' }
  | { kind: 'unknown' }
  | { kind: 'illegal'; prefix: Operation<I, O>[]; stuck: Operation<I, O> | null };

interface Budget {
  left: number;
  used: number;
  stop: (() => boolean) | null;
}

function checkPartition<S, I, O>(model: Model<S, I, O>, ops: readonly Operation<I, O>[], budget: Budget): PartitionResult<I, O> {
  const n = ops.length;
  if (n === 0) return { kind: 'ok' };
  // Events: 2i = call of op i, 2i+1 = its return. Sorted by time; a call sorts before a return at
  // the same instant (touching intervals overlap); pending returns go last.
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(2 * i, 2 * i + 1);
  const timeOf = (ev: number): number => {
    const op = ops[ev >> 1]!;
    return (ev & 1) === 0 ? op.callMs : (op.returnMs ?? Infinity);
  };
  order.sort((a, b) => timeOf(a) - timeOf(b) || (a & 1) - (b & 1) || a - b);
  const HEAD = 2 * n;
  const next = new Int32Array(2 * n + 1).fill(NONE);
  const prev = new Int32Array(2 * n + 1).fill(NONE);
  let last = HEAD;
  for (const ev of order) {
    next[last] = ev;
    prev[ev] = last;
    last = ev;
  }

  const lift = (call: number): void => {
    const ret = call + 1;
    next[prev[call]!] = next[call]!;
    if (next[call]! !== NONE) prev[next[call]!] = prev[call]!;
    next[prev[ret]!] = next[ret]!;
    if (next[ret]! !== NONE) prev[next[ret]!] = prev[ret]!;
  };
  const unlift = (call: number): void => {
    const ret = call + 1;
    if (next[ret]! !== NONE) prev[next[ret]!] = ret;
    next[prev[ret]!] = ret;
    if (next[call]! !== NONE) prev[next[call]!] = call;
    next[prev[call]!] = call;
  };

  // Memo of visited (linearized set, state): Zobrist hash of the set, combined with a state key.
  const words = (n + 31) >>> 5;
  const bits = new Uint32Array(words);
  const zobrist = new Uint32Array(n);
  let z = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    z = (z + 0x6d2b79f5) >>> 0;
    let t = Math.imul(z ^ (z >>> 15), z | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    zobrist[i] = (t ^ (t >>> 14)) >>> 0;
  }
  const equal = model.equal ?? ((a: S, b: S) => a === b);
  const hashState = model.hash ?? defaultStateHash;
  const memo = new VisitedSet<S>(words, equal);
  const seen = (setHash: number, state: S): boolean => {
    const key = (Math.imul(setHash ^ hashState(state), 0x9e3779b1) ^ setHash) >>> 0;
    return !memo.add(key, bits, state);
  };

  const stack: { call: number; state: S }[] = [];
  let setHash = 0;
  let state = model.init();
  let best: number[] = [];
  let entry = next[HEAD]!;
  while (next[HEAD]! !== NONE) {
    if (--budget.left < 0) return { kind: 'unknown' };
    budget.used++;
    if (budget.stop !== null && (budget.used & 4095) === 0 && budget.stop()) {
      budget.left = 0;
      return { kind: 'unknown' };
    }
    if (entry !== NONE && (entry & 1) === 0) {
      const op = ops[entry >> 1]!;
      const r = model.step(state, op.input, op.output);
      if (r.ok) {
        const i = entry >> 1;
        bits[i >>> 5]! |= 1 << (i & 31);
        const h = (setHash ^ zobrist[i]!) >>> 0;
        if (!seen(h, r.state)) {
          stack.push({ call: entry, state });
          setHash = h;
          state = r.state;
          lift(entry);
          entry = next[HEAD]!;
          continue;
        }
        bits[i >>> 5]! &= ~(1 << (i & 31));
      }
      entry = next[entry]!;
      continue;
    }
    // A return (or the end of the list) reached: the op it closes was not linearized. Backtrack,
    // first remembering the deepest prefix seen (snapshotting only here keeps the forward path cheap).
    if (stack.length > best.length) best = stack.map((s) => s.call >> 1);
    const top = stack.pop();
    if (top === undefined) {
      const inPrefix = new Set(best);
      let stuck: Operation<I, O> | null = null;
      for (let i = 0; i < n; i++) {
        if (inPrefix.has(i)) continue;
        const op = ops[i]!;
        if (stuck === null || (op.returnMs ?? Infinity) < (stuck.returnMs ?? Infinity)) stuck = op;
      }
      return { kind: 'illegal', prefix: best.map((i) => ops[i]!), stuck };
    }
    const i = top.call >> 1;
    bits[i >>> 5]! &= ~(1 << (i & 31));
    setHash = (setHash ^ zobrist[i]!) >>> 0;
    state = top.state;
    unlift(top.call);
    entry = next[top.call]!;
  }
  return { kind: 'ok' };
}

/** A cheap 32-bit hash: strings by length and their last 32 characters (where appends differ), numbers by value, anything else by its JSON. */
function defaultStateHash(state: unknown): number {
  if (typeof state === 'number') return Math.imul(state | 0, 0x85ebca6b) ^ (state * 1000003) | 0;
  const text = typeof state === 'string' ? state : JSON.stringify(state) ?? 'undefined';
  let h = Math.imul(text.length, 0x01000193) ^ 0x811c9dc5;
  for (let i = Math.max(0, text.length - 32); i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The memo of visited (linearized set, model state) pairs: an open hash table with chaining whose
 * bitsets live in one growing Uint32Array, so millions of entries cost no per-entry allocation
 * (the garbage collector, not the search, used to dominate legal histories).
 */
class VisitedSet<S> {
  private table = new Int32Array(1 << 12).fill(NONE);
  private chain = new Int32Array(1 << 12);
  private hashes = new Uint32Array(1 << 12);
  private arena: Uint32Array;
  private readonly states: S[] = [];
  private count = 0;

  constructor(
    private readonly words: number,
    private readonly equal: (a: S, b: S) => boolean,
  ) {
    this.arena = new Uint32Array((1 << 12) * Math.max(1, words));
  }

  /** Adds the pair; false when it was already there. */
  add(key: number, bits: Uint32Array, state: S): boolean {
    const words = this.words;
    for (let e = this.table[key & (this.table.length - 1)]!; e !== NONE; e = this.chain[e]!) {
      if (this.hashes[e] !== key) continue;
      let same = true;
      for (let w = 0, base = e * words; w < words; w++) {
        if (this.arena[base + w] !== bits[w]) {
          same = false;
          break;
        }
      }
      if (same && this.equal(this.states[e]!, state)) return false;
    }
    const e = this.count++;
    if (e >= this.hashes.length) this.grow();
    this.arena.set(bits, e * words);
    this.hashes[e] = key;
    this.states[e] = state;
    const b = key & (this.table.length - 1);
    this.chain[e] = this.table[b]!;
    this.table[b] = e;
    return true;
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    const hashes = new Uint32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const arena = new Uint32Array(size * Math.max(1, this.words));
    arena.set(this.arena);
    this.arena = arena;
    this.chain = new Int32Array(size);
    this.table = new Int32Array(size).fill(NONE);
    for (let e = 0; e < this.count - 1; e++) {
      const b = this.hashes[e]! & (size - 1);
      this.chain[e] = this.table[b]!;
      this.table[b] = e;
    }
  }
}

/** A readable account of an illegal verdict, for test failures and the UI. */
export function describeResult<S, I, O>(model: Model<S, I, O>, result: LinearizabilityResult<I, O>): string {
  if (result.verdict !== 'illegal') return `${result.verdict} (${result.partitions} partitions, ${result.steps} steps)`;
  const show = (op: Operation<I, O>): string => {
    const what = model.describeOperation ? model.describeOperation(op.input, op.output) : JSON.stringify(op.input);
    return `client ${op.clientId}: ${what} [${op.callMs}, ${op.returnMs ?? '∞'}]`;
  };
  const lines = [`illegal: no linearization of ${result.partition.length} operations; the longest linearizable prefix has ${result.longestPrefix.length}:`];
  for (const op of result.longestPrefix.slice(-10)) lines.push(`  ${show(op)}`);
  if (result.firstUnlinearizable !== null) lines.push(`cannot place: ${show(result.firstUnlinearizable)}`);
  return lines.join('\n');
}
