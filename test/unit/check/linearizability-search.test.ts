// The search itself: fair turns between partitions, the first illegal partition deciding, the
// reasons for `unknown`, and malformed histories rejected before any search.
import { describe, expect, it } from 'vitest';
import { MalformedHistoryError as FromHistory, type Operation } from '../../../engine/check/history';
import { checkOperations, describeResult, MalformedHistoryError, STOP_POLL_STEPS } from '../../../engine/check/linearizability';
import { kvModel, registerModel, type KvInput, type KvOutput, type RegisterInput, type RegisterOutput } from '../../../engine/check/models';

type KvOp = Operation<KvInput, KvOutput>;
const kv = (clientId: number, input: KvInput, output: KvOutput | undefined, callMs: number, returnMs: number | null): KvOp => ({ clientId, input, output, callMs, returnMs });

/**
 * A legal key that is very expensive to search: `n` appends all in flight together, then a get
 * that saw them in the reverse of their call order. Every order gives a different value, so the
 * memo cannot prune, and the search (which tries operations in call order) visits about e·(n-1)!·n
 * states before reaching the one order that works.
 */
function hardLegalKey(key: string, n: number, clientBase = 0): KvOp[] {
  const ops: KvOp[] = [];
  for (let i = 0; i < n; i++) ops.push(kv(clientBase + i, { type: 'append', key, value: String.fromCharCode(97 + i) }, null, i, 100 + i));
  const reversed = ops.map((o) => (o.input as { value: string }).value).reverse().join('');
  // A few reads in flight with the appends, seeing nothing yet: more interleavings, same answer.
  for (let i = 0; i < 3; i++) ops.push(kv(clientBase + n + i, { type: 'get', key }, '', i, 50));
  ops.push(kv(clientBase, { type: 'get', key }, reversed, 200, 210));
  return ops;
}

/** A small illegal key: a completed put that a later get does not see. */
function smallIllegalKey(key: string): KvOp[] {
  return [kv(50, { type: 'put', key, value: 'x' }, null, 0, 10), kv(51, { type: 'get', key }, '', 20, 30)];
}

describe('fair search across partitions', () => {
  it('the expensive key is legal (a small instance finishes) and the big one does not finish within the budget', () => {
    expect(checkOperations(kvModel, hardLegalKey('a', 6)).verdict).toBe('ok');
    expect(checkOperations(kvModel, hardLegalKey('a', 10), { maxSteps: 100_000 })).toMatchObject({ verdict: 'unknown', reason: 'search budget exhausted', unfinished: 1, steps: 100_000 });
  });

  it('a hard legal key checked first cannot hide a small illegal key after it: the answer is illegal, not unknown', () => {
    const history = [...hardLegalKey('a', 10), ...smallIllegalKey('b')];
    expect(kvModel.partition!(history).map((p) => p[0]!.input.key)).toEqual(['a', 'b']); // 'a' is searched first
    const r = checkOperations(kvModel, history, { maxSteps: 100_000 });
    expect(r.verdict).toBe('illegal');
    if (r.verdict !== 'illegal') return;
    expect(r.partition.every((o) => o.input.key === 'b')).toBe(true);
    expect(r.firstUnlinearizable).toEqual(smallIllegalKey('b')[1]);
    expect(r.steps).toBeLessThan(10_000); // one turn of 'a', then 'b' is found out
    // Searching one partition to the end before the next (the old order) would not get there.
    expect(checkOperations(kvModel, history, { maxSteps: 100_000, sliceSteps: Infinity }).verdict).toBe('unknown');
  });

  it('the illegal key is found among several hard keys, whatever their number', () => {
    const history = [...hardLegalKey('a', 10), ...hardLegalKey('c', 10, 20), ...hardLegalKey('d', 10, 40), ...smallIllegalKey('e')];
    expect(checkOperations(kvModel, history, { maxSteps: 100_000 })).toMatchObject({ verdict: 'illegal', partitions: 4 });
  });

  it('unknown only when no partition is illegal and some did not finish; it says how many', () => {
    const small = [kv(1, { type: 'put', key: 'z', value: 'v' }, null, 0, 10), kv(2, { type: 'get', key: 'z' }, 'v', 20, 30)];
    expect(checkOperations(kvModel, [...hardLegalKey('a', 10), ...small], { maxSteps: 50_000 })).toMatchObject({ verdict: 'unknown', unfinished: 1, partitions: 2 });
    expect(checkOperations(kvModel, [...hardLegalKey('a', 10), ...hardLegalKey('b', 10, 20), ...small], { maxSteps: 50_000 })).toMatchObject({ verdict: 'unknown', unfinished: 2, steps: 50_000 });
  });

  it('the budget is shared, not given to each partition: steps never exceed maxSteps', () => {
    const history = [...hardLegalKey('a', 10), ...hardLegalKey('b', 10, 20), ...hardLegalKey('c', 10, 40)];
    for (const maxSteps of [0, 1, 4095, 4096, 12_289, 30_000]) {
      const r = checkOperations(kvModel, history, { maxSteps });
      expect(r).toMatchObject({ verdict: 'unknown', steps: maxSteps, reason: 'search budget exhausted' });
    }
  });

  it('a budget that is just enough gives ok; one step less gives unknown', () => {
    const history = [...hardLegalKey('a', 5), ...hardLegalKey('b', 4, 20), ...smallIllegalKey('c').slice(0, 1)];
    const full = checkOperations(kvModel, history);
    expect(full.verdict).toBe('ok');
    expect(checkOperations(kvModel, history, { maxSteps: full.steps }).verdict).toBe('ok');
    expect(checkOperations(kvModel, history, { maxSteps: full.steps - 1 }).verdict).toBe('unknown');
    // Turn size changes the interleaving, never the verdict or the total work of a legal history.
    for (const sliceSteps of [1, 7, 100, Infinity]) expect(checkOperations(kvModel, history, { sliceSteps })).toEqual(full);
  });

  it('is deterministic: the same history and budget give the same result', () => {
    const history = [...hardLegalKey('a', 9), ...smallIllegalKey('b'), ...hardLegalKey('c', 6, 30)];
    expect(checkOperations(kvModel, history, { maxSteps: 70_000 })).toEqual(checkOperations(kvModel, history, { maxSteps: 70_000 }));
  });

  it('empty histories and empty partitions are ok without a step', () => {
    expect(checkOperations(kvModel, [], { maxSteps: 0 })).toEqual({ verdict: 'ok', partitions: 0, steps: 0 });
    expect(checkOperations(registerModel, [], { maxSteps: 0 })).toEqual({ verdict: 'ok', partitions: 1, steps: 0 });
  });
});

describe('why the answer is unknown', () => {
  const hard = hardLegalKey('a', 10);

  it('says "stopped by the caller" when shouldStop stopped the search, polled every 4096 steps', () => {
    let polls = 0;
    const r = checkOperations(kvModel, hard, { shouldStop: () => ++polls >= 3 });
    expect(r).toMatchObject({ verdict: 'unknown', reason: 'stopped by the caller', unfinished: 1, steps: 3 * STOP_POLL_STEPS });
    expect(polls).toBe(3);
    expect(describeResult(kvModel, r)).toBe('unknown: stopped by the caller (1 of 1 partitions unfinished, 12288 steps)');
    expect(checkOperations(kvModel, hard, { shouldStop: () => true })).toMatchObject({ verdict: 'unknown', reason: 'stopped by the caller', steps: STOP_POLL_STEPS });
  });

  it('says "search budget exhausted" when maxSteps ran out, even with a shouldStop that never fired', () => {
    expect(checkOperations(kvModel, hard, { maxSteps: 20_000 })).toMatchObject({ verdict: 'unknown', reason: 'search budget exhausted' });
    expect(checkOperations(kvModel, hard, { maxSteps: 20_000, shouldStop: () => false })).toMatchObject({ verdict: 'unknown', reason: 'search budget exhausted', steps: 20_000 });
    expect(describeResult(kvModel, checkOperations(kvModel, hard, { maxSteps: 20_000 }))).toBe('unknown: search budget exhausted (1 of 1 partitions unfinished, 20000 steps)');
  });

  it('rejects options that would make the budget meaningless', () => {
    expect(() => checkOperations(kvModel, hard, { maxSteps: Number.NaN })).toThrow(RangeError);
    expect(() => checkOperations(kvModel, hard, { sliceSteps: 0 })).toThrow(/sliceSteps must be at least 1/);
    expect(() => checkOperations(kvModel, hard, { sliceSteps: Number.NaN })).toThrow(RangeError);
  });

  it('a stop signal the search outruns changes nothing; it is not polled before 4096 steps', () => {
    let polls = 0;
    const quick = hardLegalKey('a', 4);
    expect(checkOperations(kvModel, quick, { shouldStop: () => (polls++, true) })).toEqual(checkOperations(kvModel, quick));
    expect(polls).toBe(0);
  });

  it('the caller can stop a search that is fair across partitions: the illegal key is still found first when it comes early enough', () => {
    let polls = 0;
    const r = checkOperations(kvModel, [...hard, ...hardLegalKey('b', 10, 20), ...smallIllegalKey('c')], { shouldStop: () => ++polls > 2 });
    expect(r.verdict).toBe('illegal');
  });
});

describe('malformed histories are rejected before the search', () => {
  type RegOp = Operation<RegisterInput, RegisterOutput>;
  const good: RegOp = { clientId: 1, input: { type: 'write', value: 1 }, output: null, callMs: 0, returnMs: 10 };
  const reject = (bad: unknown, pattern: RegExp): MalformedHistoryError => {
    let polled = false;
    let caught: unknown = null;
    try {
      checkOperations(registerModel, [good, bad as RegOp, good], { shouldStop: () => (polled = true) });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MalformedHistoryError);
    const err = caught as MalformedHistoryError;
    expect(err.message).toMatch(pattern);
    expect(err.message).toMatch(/^malformed history: operation #1 \(/);
    expect(err.index).toBe(1);
    expect(err.operation).toBe(bad);
    expect(polled).toBe(false);
    return err;
  };

  it('a return before its call', () => {
    const err = reject({ clientId: 2, input: { type: 'read' }, output: 0, callMs: 10, returnMs: 5 }, /client 2, input \{"type":"read"\}, called at 10, returned at 5\) returns \(at 5\) before its call \(at 10\)/);
    expect(err.problem).toBe('returns (at 5) before its call (at 10)');
    expect(err.name).toBe('MalformedHistoryError');
    expect(err).toBeInstanceOf(Error);
    expect(FromHistory).toBe(MalformedHistoryError);
  });

  it('call and return times that are not finite numbers', () => {
    reject({ clientId: 2, input: { type: 'read' }, output: 0, callMs: Number.NaN, returnMs: 5 }, /has call time NaN: expected a finite number/);
    reject({ clientId: 2, input: { type: 'read' }, output: 0, callMs: 0, returnMs: Number.NaN }, /has return time NaN/);
    reject({ clientId: 2, input: { type: 'read' }, output: 0, callMs: 0, returnMs: Infinity }, /has return time Infinity: expected a finite number, or null for a pending operation/);
    reject({ clientId: 2, input: { type: 'read' }, output: 0, callMs: -Infinity, returnMs: 3 }, /has call time -Infinity/);
    reject({ clientId: 2, input: { type: 'read' }, output: 0, callMs: '3', returnMs: 5 }, /has call time "3"/);
    reject({ clientId: 2, input: { type: 'read' }, output: 0, callMs: 3 }, /returned at undefined\) has return time undefined/);
  });

  it('a pending operation with an output', () => {
    reject({ clientId: 2, input: { type: 'read' }, output: 7, callMs: 3, returnMs: null }, /returned at never \(pending\)\) is pending \(returnMs null\) but has output 7/);
  });

  it('a clientId that is not a non-negative integer', () => {
    reject({ clientId: -1, input: { type: 'read' }, output: 0, callMs: 3, returnMs: 4 }, /has clientId -1: expected a non-negative integer/);
    reject({ clientId: 1.5, input: { type: 'read' }, output: 0, callMs: 3, returnMs: 4 }, /has clientId 1.5/);
    reject({ input: { type: 'read' }, output: 0, callMs: 3, returnMs: 4 }, /has clientId undefined/);
  });

  it('something that is not an operation at all', () => {
    reject(null, /operation #1 \(null\) is not an operation record/);
  });

  it('is checked before the search, even when another partition is illegal', () => {
    const bad = { ...smallIllegalKey('b')[1]!, callMs: 40 }; // returns at 30, called at 40
    expect(() => checkOperations(kvModel, [...smallIllegalKey('a'), bad])).toThrow(/operation #2 \(client 51, input \{"type":"get","key":"b"\}, called at 40, returned at 30\) returns \(at 30\) before its call \(at 40\)/);
  });

  it('allowed: an instant operation (return = call), negative times, a completed operation whose output was lost', () => {
    const h: RegOp[] = [
      { clientId: 0, input: { type: 'write', value: 3 }, output: null, callMs: -5, returnMs: -5 },
      { clientId: 1, input: { type: 'read' }, output: undefined, callMs: 0, returnMs: 1 },
      { clientId: 1, input: { type: 'read' }, output: 3, callMs: 2, returnMs: 2 },
    ];
    expect(checkOperations(registerModel, h).verdict).toBe('ok');
  });
});
