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
 *
 * Model states are interned to small integers (`StateTable`), so the memo and the stack hold
 * numbers, and comparing two states is comparing two numbers. Operations the model calls
 * read-only (`Model.readOnly`) are linearized as soon as they are legal and their frame is
 * "forced": backtracking goes through it without trying the alternatives, and a read-only
 * operation whose result is already in the memo ends the branch (Lowe's observation: a read that
 * is legal now can be moved to now in any linearization of the rest).
 */
class PartitionSearch<S, I, O> {
  status = RUNNING;
  /** When illegal: the longest linearizable prefix, and the first operation outside it to return. */
  prefix: Operation<I, O>[] = [];
  stuck: Operation<I, O> | null = null;

  private readonly n: number;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  /** Per op i, its 96-bit key in zobrist[3i..3i+2]; the linearized set's key is their XOR. */
  private readonly zobrist: Int32Array;
  private readonly memo: VisitedSet;
  private readonly states: StateTable<S>;
  private readonly transitions = new TransitionTable();
  private readonly inputs: I[];
  private readonly outputs: (O | undefined)[];
  /** 1 when op i is read-only with its output (see Model.readOnly). */
  private readonly readOnly: Uint8Array;
  /** The linearized calls (event ids), and the state (id) before each; forced frames carry bit 0 of `forced`. */
  private readonly callStack: Int32Array;
  private readonly stateStack: Int32Array;
  private readonly forced: Uint8Array;
  private depth = 0;
  /** The deepest linearization seen (op indexes), snapshotted when backtracking from it. */
  private readonly best: Int32Array;
  private bestLength = 0;
  private h0 = 0;
  private h1 = 0;
  private h2 = 0;
  private state: number;
  private entry: number;
  /** Which pass over the current configuration's candidates: read-only operations first. */
  private readsFirst = true;

  constructor(
    private readonly model: Model<S, I, O>,
    private readonly ops: readonly Operation<I, O>[],
  ) {
    const n = (this.n = ops.length);
    // Events: 2i = call of op i, 2i+1 = its return. Sorted by time; a call sorts before a return at
    // the same instant (touching intervals overlap); pending returns go last.
    const times = new Float64Array(2 * n);
    const order = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const op = ops[i]!;
      times[2 * i] = op.callMs;
      times[2 * i + 1] = op.returnMs ?? Infinity;
      order[2 * i] = 2 * i;
      order[2 * i + 1] = 2 * i + 1;
    }
    order.sort((a, b) => times[a]! - times[b]! || (a & 1) - (b & 1) || a - b);
    const head = 2 * n;
    this.next = new Int32Array(2 * n + 1).fill(NONE);
    this.prev = new Int32Array(2 * n + 1).fill(NONE);
    let last = head;
    for (const ev of order) {
      this.next[last] = ev;
      this.prev[ev] = last;
      last = ev;
    }
    this.inputs = new Array<I>(n);
    this.outputs = new Array<O | undefined>(n);
    this.readOnly = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const op = ops[i]!;
      this.inputs[i] = op.input;
      this.outputs[i] = op.output;
      if (model.readOnly !== undefined && model.readOnly(op.input, op.output)) this.readOnly[i] = 1;
    }
    // Memo of visited (linearized set, state). The set is keyed by 96 bits, the XOR of its ops'
    // keys: up to 96 ops the set itself (op i is bit i: exact), beyond that Zobrist hashing with
    // random 96-bit keys (two different sets share a key with probability 2^-96 per comparison).
    this.zobrist = new Int32Array(3 * n);
    if (n <= 96) {
      for (let i = 0; i < n; i++) this.zobrist[3 * i + (i >>> 5)] = 1 << (i & 31);
    } else {
      let z = 0x9e3779b9;
      for (let k = 0; k < 3 * n; k++) {
        z = (z + 0x6d2b79f5) | 0;
        let t = Math.imul(z ^ (z >>> 15), z | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        this.zobrist[k] = t ^ (t >>> 14);
      }
    }
    this.states = new StateTable<S>(model);
    this.memo = new VisitedSet(1 << Math.min(12, Math.max(4, Math.ceil(Math.log2(4 * n + 1)))));
    this.callStack = new Int32Array(n);
    this.stateStack = new Int32Array(n);
    this.forced = new Uint8Array(n);
    this.best = new Int32Array(n);
    this.state = this.states.id(model.init());
    this.entry = this.next[head]!;
    if (n === 0) this.status = DONE_OK;
  }

  run(steps: number): number {
    if (this.status !== RUNNING) return 0;
    const { model, inputs, outputs, readOnly, next, prev, zobrist, memo, states, transitions, callStack, stateStack, forced, best } = this;
    const head = 2 * this.n;
    let depth = this.depth;
    let h0 = this.h0;
    let h1 = this.h1;
    let h2 = this.h2;
    let state = this.state;
    let stateValue = states.value(state);
    let entry = this.entry;
    let readsFirst = this.readsFirst;
    let done = 0;
    while (next[head]! !== NONE) {
      if (done >= steps) break;
      done++;
      if (entry !== NONE && (entry & 1) === 0) {
        const i = entry >> 1;
        // Two passes over the candidates (the calls before the first return not linearized) of
        // each configuration: first its read-only operations, then the others. A read-only
        // operation legal now is linearized now, as a forced frame; the second pass skips them
        // (all illegal here, or the first pass would have taken one).
        if (readOnly[i]! !== (readsFirst ? 1 : 0)) {
          done--; // skipping is not a search step
          entry = next[entry]!;
          continue;
        }
        // The model's answer for (state, op) as a state id, or ILLEGAL: a read-only op's from the
        // model each time (cheap, and it leaves the state as it is), another op's computed once.
        let after: number;
        if (readsFirst) {
          after = model.step(stateValue, inputs[i]!, outputs[i]).ok ? state : ILLEGAL;
        } else if ((after = transitions.get(state, i)) === UNKNOWN) {
          const r = model.step(stateValue, inputs[i]!, outputs[i]);
          after = !r.ok ? ILLEGAL : r.state === stateValue ? state : states.idAfter(r.state, i);
          transitions.set(state, i, after);
        }
        if (after === ILLEGAL) {
          entry = next[entry]!;
          continue;
        }
        const z = 3 * i;
        const g0 = h0 ^ zobrist[z]!;
        const g1 = h1 ^ zobrist[z + 1]!;
        const g2 = h2 ^ zobrist[z + 2]!;
        // A state made by this step alone (see StateTable.madeOnce) is new to every set: no
        // configuration with it can have been searched.
        if ((after !== state && states.madeOnce(after)) || memo.add(g0, g1, g2, after)) {
          callStack[depth] = entry;
          stateStack[depth] = state;
          forced[depth] = readOnly[i]!;
          depth++;
          h0 = g0;
          h1 = g1;
          h2 = g2;
          lift(next, prev, entry);
          if (readsFirst) {
            // Same state: the reads already found illegal stay so; go on after this one.
            entry = next[prev[entry]!]!;
          } else {
            if (after !== state) {
              state = after;
              stateValue = states.value(after);
            }
            readsFirst = true;
            entry = next[head]!;
          }
          continue;
        }
        // A read-only operation legal here whose result was already searched: that search
        // failed, so this configuration fails too (it could have taken the read first).
        if (!readsFirst) {
          entry = next[entry]!;
          continue;
        }
      } else if (readsFirst) {
        // The first pass is over: now the other operations, from the head.
        readsFirst = false;
        done--;
        entry = next[head]!;
        continue;
      }
      // A return (or the end of the list) reached in the second pass: the op it closes was not
      // linearized (or a read-only op said this branch is done). Backtrack, first remembering
      // the deepest prefix seen (snapshotting only here keeps the forward path cheap), through
      // forced frames.
      if (depth > this.bestLength) {
        for (let d = 0; d < depth; d++) best[d] = callStack[d]! >> 1;
        this.bestLength = depth;
      }
      let call = NONE;
      while (depth > 0) {
        depth--;
        call = callStack[depth]!;
        const i = call >> 1;
        h0 ^= zobrist[3 * i]!;
        h1 ^= zobrist[3 * i + 1]!;
        h2 ^= zobrist[3 * i + 2]!;
        unlift(next, prev, call);
        if (forced[depth]! === 0) break;
        call = NONE;
      }
      if (call === NONE) {
        this.finishIllegal();
        break;
      }
      const before = stateStack[depth]!;
      if (before !== state) {
        state = before;
        stateValue = states.value(before);
      }
      readsFirst = false;
      entry = next[call]!;
    }
    this.readsFirst = readsFirst;
    this.depth = depth;
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
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

/** A cheap 32-bit hash: numbers by value, strings by all their characters, anything else by its JSON. */
function defaultStateHash(state: unknown): number {
  if (typeof state === 'number') return Math.imul(state | 0, 0x85ebca6b) ^ (state * 1000003) | 0;
  const text = typeof state === 'string' ? state : JSON.stringify(state) ?? 'undefined';
  let h = Math.imul(text.length, 0x01000193) ^ 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Model states interned to dense ids: equal states (by the model's `equal`, default ===) get the
 * same id. Primitive states under the default equality go through a Map (the engine hashes a
 * string once and caches it); other states through the model's `hash` (or a JSON hash) and `equal`.
 */
class StateTable<S> {
  private readonly values: S[] = [];
  private readonly lastResult: (S | undefined)[] = [];
  private readonly lastId: number[] = [];
  private once = new Uint8Array(64);
  private readonly primitive: Map<unknown, number> | null;
  private readonly byHash = new Map<number, number[]>();
  private readonly equal: (a: S, b: S) => boolean;
  private readonly hash: (s: S) => number;

  constructor(model: Model<S, unknown, unknown>) {
    this.primitive = model.equal === undefined ? new Map() : null;
    this.equal = model.equal ? model.equal.bind(model) : (a: S, b: S) => a === b;
    this.hash = model.hash ? model.hash.bind(model) : defaultStateHash;
  }

  value(id: number): S {
    return this.values[id]!;
  }

  /**
   * The id of `state`, the result of operation `op`. Long strings (an appended-to value) are not
   * looked up, which would make the engine flatten and hash them: the result is compared with the
   * last result of the same operation (a put gives the same string each time, compared by
   * pointer), else given a fresh id. Equal states under two ids only cost the memo a missed match;
   * one id never stands for two different states.
   */
  idAfter(state: S, op: number): number {
    if (this.primitive === null || typeof state !== 'string' || state.length <= SHORT_STRING) return this.id(state);
    if (this.lastResult[op] === state) {
      this.once[this.lastId[op]!] = 0;
      return this.lastId[op]!;
    }
    const id = this.values.push(state) - 1;
    this.lastResult[op] = state;
    this.lastId[op] = id;
    if (id >= this.once.length) {
      const once = new Uint8Array(2 * id + 64);
      once.set(this.once);
      this.once = once;
    }
    this.once[id] = 1;
    return id;
  }

  /**
   * True while state `id` has been made by one step only (one operation from one state, which the
   * transition table maps to this id every time): then the configuration (set, id) is reached only
   * from (set minus that operation, that state), itself searched at most once, so the memo need
   * not hold it. (Reaching it by a read-only operation keeps the id but adds the read to the set;
   * as reads are taken first, one legal both before and after the step would have been taken
   * before it.) Skipping the memo is sound in any case: at worst a configuration is searched
   * twice. An id shared later (a put of the same string from another state) is memoized from then.
   */
  madeOnce(id: number): boolean {
    return id < this.once.length && this.once[id] === 1;
  }

  id(state: S): number {
    const primitive = this.primitive;
    if (primitive !== null && (typeof state !== 'object' || state === null) && typeof state !== 'function') {
      // NaN is not === to itself: give every NaN a fresh id, as the old memo never matched it.
      if (state !== state) return this.values.push(state) - 1;
      const known = primitive.get(state);
      if (known !== undefined) return known;
      const id = this.values.push(state) - 1;
      primitive.set(state, id);
      return id;
    }
    const h = this.hash(state) | 0;
    let bucket = this.byHash.get(h);
    if (bucket === undefined) this.byHash.set(h, (bucket = []));
    for (const id of bucket) if (this.equal(this.values[id]!, state)) return id;
    const id = this.values.push(state) - 1;
    bucket.push(id);
    return id;
  }
}

/**
 * The memo of visited (linearized set, state id) pairs: an open-addressing hash table (linear
 * probing) over one Int32Array whose slots hold the whole key inline (the set's 96-bit key and the
 * state id), so a probe reads one cache line and an entry costs 16 bytes, whatever the number of
 * operations (a bitset per entry cost n/8 bytes and a second memory access).
 */
class VisitedSet {
  /** 4 ints a slot: the set's key (3 ints), state id + 1 (0 = empty). At most half full. */
  private slots: Int32Array;
  private count = 0;
  private limit: number;

  /** `capacity`: initial number of entries (a power of two); the table doubles as it fills. */
  constructor(capacity = 1 << 12) {
    this.slots = new Int32Array(8 * capacity);
    this.limit = capacity;
  }

  /** Adds the pair; false when it was already there. */
  add(k0: number, k1: number, k2: number, stateId: number): boolean {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    const id = stateId + 1;
    let s = slotHash(k0, k1, k2, stateId) & mask;
    for (;;) {
      const at = s << 2;
      const e = slots[at + 3]!;
      if (e === 0) break;
      if (e === id && slots[at]! === k0 && slots[at + 1]! === k1 && slots[at + 2]! === k2) return false;
      s = (s + 1) & mask;
    }
    if (this.count++ >= this.limit) {
      this.grow();
      return this.add(k0, k1, k2, stateId);
    }
    const at = s << 2;
    slots[at] = k0;
    slots[at + 1] = k1;
    slots[at + 2] = k2;
    slots[at + 3] = id;
    return true;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 3]! === 0) continue;
      const to = findEmpty(slots, slotHash(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]! - 1)) << 2;
      slots[to] = old[at]!;
      slots[to + 1] = old[at + 1]!;
      slots[to + 2] = old[at + 2]!;
      slots[to + 3] = old[at + 3]!;
    }
    this.slots = slots;
    this.limit *= 2;
    this.count--; // the add that grew the table counts itself again
  }
}

function slotHash(k0: number, k1: number, k2: number, stateId: number): number {
  return mix(k0 ^ Math.imul(k1, 0x27d4eb2d) ^ Math.imul(k2, 0x165667b1), stateId);
}

/** The first empty slot (4 ints a slot; the last int is 0 when empty) from hash `h`. */
function findEmpty(slots: Int32Array, h: number): number {
  const mask = (slots.length >> 2) - 1;
  let s = h & mask;
  while (slots[(s << 2) + 3]! !== 0) s = (s + 1) & mask;
  return s;
}

/** Strings up to this length are interned through a Map; longer ones by `StateTable.idAfter`. */
const SHORT_STRING = 24;
const UNKNOWN = -2;
const ILLEGAL = -1;

/**
 * The model's step per (state id, operation), remembered: the search tries the same operation
 * from the same state in many linearized sets, and the model (a pure function of state and
 * operation) need answer once; above all, the same step gives the same state id, so the memo
 * recognizes it. Each state has a chain of small blocks in one Int32Array; the search tries a
 * state's operations one after another, so its blocks are allocated side by side and a lookup
 * reads a cache line or two (a hash table over all pairs missed the cache on nearly every lookup).
 */
class TransitionTable {
  /** State id → its newest block (a block index; 0 = none). */
  private heads = new Int32Array(1 << 12);
  /** Blocks of 8 ints: 3 × (op, result), the number used, the next (older) block. Block 0 is unused. */
  private blocks = new Int32Array(8 << 12);
  private used = 1;

  /** The resulting state id, ILLEGAL, or UNKNOWN when not computed yet. */
  get(state: number, op: number): number {
    if (state >= this.heads.length) return UNKNOWN;
    const blocks = this.blocks;
    for (let b = this.heads[state]!; b !== 0; b = blocks[(b << 3) + 7]!) {
      const at = b << 3;
      const n = blocks[at + 6]!;
      for (let k = 0; k < n; k++) if (blocks[at + 2 * k]! === op) return blocks[at + 2 * k + 1]!;
    }
    return UNKNOWN;
  }

  /** Records a step not yet recorded (after `get` said UNKNOWN). */
  set(state: number, op: number, result: number): void {
    if (state >= this.heads.length) {
      const heads = new Int32Array(Math.max(2 * this.heads.length, state + 1));
      heads.set(this.heads);
      this.heads = heads;
    }
    let b = this.heads[state]!;
    if (b === 0 || this.blocks[(b << 3) + 6]! === 3) {
      const fresh = this.used++;
      if ((fresh << 3) >= this.blocks.length) {
        const blocks = new Int32Array(this.blocks.length * 2);
        blocks.set(this.blocks);
        this.blocks = blocks;
      }
      this.blocks[(fresh << 3) + 7] = b;
      this.heads[state] = b = fresh;
    }
    const at = b << 3;
    const k = this.blocks[at + 6]!;
    this.blocks[at + 2 * k] = op;
    this.blocks[at + 2 * k + 1] = result;
    this.blocks[at + 6] = k + 1;
  }
}

/** Mixes a set hash and a state id into a well-spread 32-bit value (murmur3's finalizer). */
function mix(setHash: number, stateId: number): number {
  let h = setHash ^ Math.imul(stateId + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
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
