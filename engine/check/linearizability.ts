/**
 * Linearizability checking in the style of Porcupine: the Wing–Gong–Lowe search over a
 * doubly linked list of call/return events, with memoization of (set of linearized operations,
 * model state) and per-partition checking (e.g. per key). Deterministic: the "timeout" is a
 * budget of search steps, plus an optional caller-supplied stop signal.
 *
 * Partitions are searched fairly, as Porcupine's one goroutine per partition would: each
 * partition's search is resumable and the unfinished ones take turns of `sliceSteps` steps, round
 * robin, so a hard legal partition cannot spend the whole budget before an illegal one is looked
 * at. The first partition found illegal ends the whole check.
 */
import { validateHistory, type Operation } from './history';
import type { Model } from './model';

export { MalformedHistoryError } from './history';

export interface CheckOptions {
  /** Search steps over all partitions before answering `unknown` (default 20 million). */
  readonly maxSteps?: number;
  /** Polled every 4096 steps; return true to give up with `unknown` (e.g. a wall-clock deadline kept by the caller). */
  readonly shouldStop?: () => boolean;
  /** Steps an unfinished partition searches per turn before the next one gets its turn (default 4096). */
  readonly sliceSteps?: number;
}

export const DEFAULT_MAX_STEPS = 20_000_000;
export const DEFAULT_SLICE_STEPS = 4096;
/** How often (in search steps) `shouldStop` is polled. */
export const STOP_POLL_STEPS = 4096;

export const REASON_BUDGET = 'search budget exhausted';
export const REASON_STOPPED = 'stopped by the caller';

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
  | {
      readonly verdict: 'unknown';
      readonly partitions: number;
      readonly steps: number;
      /** `'search budget exhausted'` (maxSteps spent) or `'stopped by the caller'` (shouldStop said so). */
      readonly reason: string;
      /** Partitions whose search had not finished; none of the finished ones was illegal. */
      readonly unfinished: number;
    };

const NONE = -1;
const RUNNING = 0;
const DONE_OK = 1;
const DONE_ILLEGAL = 2;

/**
 * Checks `history` against `model`. Throws MalformedHistoryError (before searching) when an
 * operation has a non-finite or non-number time, returns before its call, is pending with an
 * output, or has a clientId that is not a non-negative integer.
 */
export function checkOperations<S, I, O>(model: Model<S, I, O>, history: readonly Operation<I, O>[], options: CheckOptions = {}): LinearizabilityResult<I, O> {
  validateHistory(history);
  const partitions = model.partition ? model.partition(history) : [history.slice()];
  const count = partitions.length;
  const maxSteps = Math.max(0, Math.floor(options.maxSteps ?? DEFAULT_MAX_STEPS));
  const slice = Math.floor(options.sliceSteps ?? DEFAULT_SLICE_STEPS);
  if (Number.isNaN(maxSteps)) throw new RangeError('maxSteps must be a number of search steps');
  if (!(slice >= 1)) throw new RangeError(`sliceSteps must be at least 1, got ${options.sliceSteps}`);
  const stop = options.shouldStop ?? null;
  let used = 0;
  let nextPoll = STOP_POLL_STEPS;
  let stopped = false;
  // Each partition's search is made on its first turn and dropped when it finishes, so only the
  // unfinished ones hold memory.
  const searches: (PartitionSearch<S, I, O> | undefined)[] = new Array(count);
  let turns: number[] = [];
  for (let p = 0; p < count; p++) if (partitions[p]!.length > 0) turns.push(p);
  while (turns.length > 0 && !stopped && used < maxSteps) {
    const unfinished: number[] = [];
    for (let k = 0; k < turns.length; k++) {
      const p = turns[k]!;
      if (stopped || used >= maxSteps) {
        unfinished.push(p);
        continue;
      }
      const search = searches[p] ?? (searches[p] = new PartitionSearch(model, partitions[p]!));
      let turnLeft = Math.min(slice, maxSteps - used);
      for (;;) {
        if (stop !== null && used >= nextPoll) {
          nextPoll = used + STOP_POLL_STEPS;
          if (stop()) {
            stopped = true;
            break;
          }
        }
        const did = search.run(stop === null ? turnLeft : Math.min(turnLeft, nextPoll - used));
        used += did;
        turnLeft -= did;
        if (search.status !== RUNNING || turnLeft <= 0) break;
      }
      if (search.status === DONE_ILLEGAL) {
        return { verdict: 'illegal', partitions: count, steps: used, partition: partitions[p]!, longestPrefix: search.prefix, firstUnlinearizable: search.stuck };
      }
      if (search.status === DONE_OK) searches[p] = undefined;
      else unfinished.push(p);
    }
    turns = unfinished;
  }
  if (turns.length > 0) {
    return { verdict: 'unknown', partitions: count, steps: used, reason: stopped ? REASON_STOPPED : REASON_BUDGET, unfinished: turns.length };
  }
  return { verdict: 'ok', partitions: count, steps: used };
}

/**
 * The search of one partition, resumable: `run(steps)` searches at most that many steps and
 * returns how many it took; `status` then says whether it finished (and how). The search state
 * lives in fields between turns and in locals within one.
 */
class PartitionSearch<S, I, O> {
  status = RUNNING;
  /** When illegal: the longest linearizable prefix, and the first operation outside it to return. */
  prefix: Operation<I, O>[] = [];
  stuck: Operation<I, O> | null = null;

  private readonly n: number;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly bits: Uint32Array;
  private readonly zobrist: Uint32Array;
  private readonly memo: VisitedSet<S>;
  private readonly hashState: (state: S) => number;
  /** The linearized calls (event ids), and the state before each. */
  private readonly callStack: Int32Array;
  private readonly stateStack: S[];
  private depth = 0;
  /** The deepest linearization seen (op indexes), snapshotted when backtracking from it. */
  private readonly best: Int32Array;
  private bestLength = 0;
  private setHash = 0;
  private state: S;
  private entry: number;

  constructor(
    private readonly model: Model<S, I, O>,
    private readonly ops: readonly Operation<I, O>[],
  ) {
    const n = (this.n = ops.length);
    // Events: 2i = call of op i, 2i+1 = its return. Sorted by time; a call sorts before a return at
    // the same instant (touching intervals overlap); pending returns go last.
    const order: number[] = [];
    for (let i = 0; i < n; i++) order.push(2 * i, 2 * i + 1);
    const timeOf = (ev: number): number => {
      const op = ops[ev >> 1]!;
      return (ev & 1) === 0 ? op.callMs : (op.returnMs ?? Infinity);
    };
    order.sort((a, b) => timeOf(a) - timeOf(b) || (a & 1) - (b & 1) || a - b);
    const head = 2 * n;
    this.next = new Int32Array(2 * n + 1).fill(NONE);
    this.prev = new Int32Array(2 * n + 1).fill(NONE);
    let last = head;
    for (const ev of order) {
      this.next[last] = ev;
      this.prev[ev] = last;
      last = ev;
    }
    // Memo of visited (linearized set, state): Zobrist hash of the set, combined with a state key.
    const words = (n + 31) >>> 5;
    this.bits = new Uint32Array(words);
    this.zobrist = new Uint32Array(n);
    let z = 0x9e3779b9;
    for (let i = 0; i < n; i++) {
      z = (z + 0x6d2b79f5) >>> 0;
      let t = Math.imul(z ^ (z >>> 15), z | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      this.zobrist[i] = (t ^ (t >>> 14)) >>> 0;
    }
    const equal = model.equal ? model.equal.bind(model) : (a: S, b: S) => a === b;
    this.hashState = model.hash ? model.hash.bind(model) : defaultStateHash;
    this.memo = new VisitedSet<S>(words, equal, 1 << Math.min(12, Math.max(4, Math.ceil(Math.log2(4 * n)))));
    this.callStack = new Int32Array(n);
    this.stateStack = new Array<S>(n);
    this.best = new Int32Array(n);
    this.state = model.init();
    this.entry = this.next[head]!;
    if (n === 0) this.status = DONE_OK;
  }

  run(steps: number): number {
    if (this.status !== RUNNING) return 0;
    const { model, ops, next, prev, bits, zobrist, memo, hashState, callStack, stateStack, best } = this;
    const head = 2 * this.n;
    let depth = this.depth;
    let setHash = this.setHash;
    let state = this.state;
    let entry = this.entry;
    let done = 0;
    while (next[head]! !== NONE) {
      if (done >= steps) break;
      done++;
      if (entry !== NONE && (entry & 1) === 0) {
        const op = ops[entry >> 1]!;
        const r = model.step(state, op.input, op.output);
        if (r.ok) {
          const i = entry >> 1;
          bits[i >>> 5]! |= 1 << (i & 31);
          const h = (setHash ^ zobrist[i]!) >>> 0;
          const key = (Math.imul(h ^ hashState(r.state), 0x9e3779b1) ^ h) >>> 0;
          if (memo.add(key, bits, r.state)) {
            callStack[depth] = entry;
            stateStack[depth] = state;
            depth++;
            setHash = h;
            state = r.state;
            lift(next, prev, entry);
            entry = next[head]!;
            continue;
          }
          bits[i >>> 5]! &= ~(1 << (i & 31));
        }
        entry = next[entry]!;
        continue;
      }
      // A return (or the end of the list) reached: the op it closes was not linearized. Backtrack,
      // first remembering the deepest prefix seen (snapshotting only here keeps the forward path cheap).
      if (depth > this.bestLength) {
        for (let d = 0; d < depth; d++) best[d] = callStack[d]! >> 1;
        this.bestLength = depth;
      }
      if (depth === 0) {
        this.finishIllegal();
        break;
      }
      depth--;
      const call = callStack[depth]!;
      const i = call >> 1;
      bits[i >>> 5]! &= ~(1 << (i & 31));
      setHash = (setHash ^ zobrist[i]!) >>> 0;
      state = stateStack[depth]!;
      stateStack[depth] = undefined as S; // let the state be collected
      unlift(next, prev, call);
      entry = next[call]!;
    }
    this.depth = depth;
    this.setHash = setHash;
    this.state = state;
    this.entry = entry;
    if (this.status === RUNNING && next[head]! === NONE) this.status = DONE_OK;
    return done;
  }

  private finishIllegal(): void {
    const { ops, n, best } = this;
    const inPrefix = new Uint8Array(n);
    const prefix: Operation<I, O>[] = [];
    for (let d = 0; d < this.bestLength; d++) {
      inPrefix[best[d]!] = 1;
      prefix.push(ops[best[d]!]!);
    }
    let stuck: Operation<I, O> | null = null;
    for (let i = 0; i < n; i++) {
      if (inPrefix[i] === 1) continue;
      const op = ops[i]!;
      if (stuck === null || (op.returnMs ?? Infinity) < (stuck.returnMs ?? Infinity)) stuck = op;
    }
    this.prefix = prefix;
    this.stuck = stuck;
    this.status = DONE_ILLEGAL;
  }
}

function lift(next: Int32Array, prev: Int32Array, call: number): void {
  const ret = call + 1;
  next[prev[call]!] = next[call]!;
  if (next[call]! !== NONE) prev[next[call]!] = prev[call]!;
  next[prev[ret]!] = next[ret]!;
  if (next[ret]! !== NONE) prev[next[ret]!] = prev[ret]!;
}

function unlift(next: Int32Array, prev: Int32Array, call: number): void {
  const ret = call + 1;
  if (next[ret]! !== NONE) prev[next[ret]!] = ret;
  next[prev[ret]!] = ret;
  if (next[call]! !== NONE) prev[next[call]!] = call;
  next[prev[call]!] = call;
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
  private table: Int32Array;
  private chain: Int32Array;
  private hashes: Uint32Array;
  private arena: Uint32Array;
  private readonly states: S[] = [];
  private count = 0;

  constructor(
    private readonly words: number,
    private readonly equal: (a: S, b: S) => boolean,
    /** Initial number of entries (a power of two); the table doubles as it fills. */
    capacity = 1 << 12,
  ) {
    this.table = new Int32Array(capacity).fill(NONE);
    this.chain = new Int32Array(capacity);
    this.hashes = new Uint32Array(capacity);
    this.arena = new Uint32Array(capacity * Math.max(1, words));
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

/** A readable account of a verdict (above all an illegal one), for test failures and the UI. */
export function describeResult<S, I, O>(model: Model<S, I, O>, result: LinearizabilityResult<I, O>): string {
  if (result.verdict === 'ok') return `ok (${result.partitions} partitions, ${result.steps} steps)`;
  if (result.verdict === 'unknown') return `unknown: ${result.reason} (${result.unfinished} of ${result.partitions} partitions unfinished, ${result.steps} steps)`;
  const show = (op: Operation<I, O>): string => {
    const what = model.describeOperation ? model.describeOperation(op.input, op.output) : JSON.stringify(op.input);
    return `client ${op.clientId}: ${what} [${op.callMs}, ${op.returnMs ?? '∞'}]`;
  };
  const lines = [`illegal: no linearization of ${result.partition.length} operations; the longest linearizable prefix has ${result.longestPrefix.length}:`];
  for (const op of result.longestPrefix.slice(-10)) lines.push(`  ${show(op)}`);
  if (result.firstUnlinearizable !== null) lines.push(`cannot place: ${show(result.firstUnlinearizable)}`);
  return lines.join('\n');
}
