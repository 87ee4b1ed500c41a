import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../engine/check/history';
import { HistoryRecorder } from '../../../engine/check/history';
import { checkOperations, describeResult } from '../../../engine/check/linearizability';
import { kvModel, type KvInput, type KvOutput } from '../../../engine/check/models/kv-model';
import { registerModel, type RegisterInput, type RegisterOutput } from '../../../engine/check/models/register-model';

type RegOp = Operation<RegisterInput, RegisterOutput>;
const op = (clientId: number, input: RegisterInput, output: RegisterOutput | undefined, callMs: number, returnMs: number | null): RegOp => ({ clientId, input, output, callMs, returnMs });
const kv = (clientId: number, input: KvInput, output: KvOutput | undefined, callMs: number, returnMs: number | null): Operation<KvInput, KvOutput> => ({ clientId, input, output, callMs, returnMs });

describe('linearizability checker: register model', () => {
  it('accepts a sequential history and concurrent operations that can be ordered', () => {
    const h = [op(1, { type: 'write', value: 1 }, null, 0, 10), op(2, { type: 'read' }, 1, 20, 30), op(1, { type: 'write', value: 2 }, null, 25, 40), op(3, { type: 'read' }, 1, 26, 35), op(2, { type: 'read' }, 2, 41, 50)];
    expect(checkOperations(registerModel, h).verdict).toBe('ok');
  });

  it('rejects a stale read after a completed write, naming the longest prefix and the operation that breaks it', () => {
    const write = op(1, { type: 'write', value: 1 }, null, 0, 10);
    const stale = op(2, { type: 'read' }, 0, 20, 30);
    const r = checkOperations(registerModel, [write, stale]);
    expect(r.verdict).toBe('illegal');
    if (r.verdict !== 'illegal') return;
    expect(r.longestPrefix).toEqual([write]);
    expect(r.firstUnlinearizable).toEqual(stale);
    expect(describeResult(registerModel, r)).toContain('cannot place: client 2: read() → 0');
  });

  it('rejects a read that un-sees a value (new-old inversion between two readers)', () => {
    const h = [op(1, { type: 'write', value: 1 }, null, 0, 100), op(2, { type: 'read' }, 1, 10, 20), op(3, { type: 'read' }, 0, 30, 40)];
    expect(checkOperations(registerModel, h).verdict).toBe('illegal');
  });

  it('checks compare-and-swap outcomes', () => {
    const ok = [op(1, { type: 'cas', expected: 0, value: 5 }, true, 0, 10), op(2, { type: 'cas', expected: 0, value: 7 }, false, 5, 15), op(3, { type: 'read' }, 5, 20, 30)];
    expect(checkOperations(registerModel, ok).verdict).toBe('ok');
    const bad = [op(1, { type: 'cas', expected: 0, value: 5 }, true, 0, 10), op(2, { type: 'cas', expected: 0, value: 7 }, true, 20, 30)];
    expect(checkOperations(registerModel, bad).verdict).toBe('illegal');
  });

  it('treats a pending (timed-out) write as possibly applied: a later read may or may not see it', () => {
    const pending = op(1, { type: 'write', value: 9 }, undefined, 0, null);
    expect(checkOperations(registerModel, [pending, op(2, { type: 'read' }, 9, 50, 60)]).verdict).toBe('ok');
    expect(checkOperations(registerModel, [pending, op(2, { type: 'read' }, 0, 50, 60)]).verdict).toBe('ok');
    // …but once a read saw it, a later read cannot un-see it.
    expect(checkOperations(registerModel, [pending, op(2, { type: 'read' }, 9, 50, 60), op(3, { type: 'read' }, 0, 70, 80)]).verdict).toBe('illegal');
    // …and it cannot take effect before its call.
    expect(checkOperations(registerModel, [op(2, { type: 'read' }, 9, 0, 10), op(1, { type: 'write', value: 9 }, undefined, 20, null)]).verdict).toBe('illegal');
  });

  it('answers unknown when the search budget runs out, and when the caller stops it', () => {
    const h: RegOp[] = [];
    for (let i = 0; i < 12; i++) h.push(op(i, { type: 'write', value: i }, null, 0, 100));
    h.push(op(99, { type: 'read' }, 42, 200, 210));
    expect(checkOperations(registerModel, h, { maxSteps: 50 })).toMatchObject({ verdict: 'unknown', reason: 'search budget exhausted', steps: 50, unfinished: 1 });
    expect(checkOperations(registerModel, h, { shouldStop: () => true })).toMatchObject({ verdict: 'unknown', reason: 'stopped by the caller', steps: 4096, unfinished: 1 });
    expect(checkOperations(registerModel, h).verdict).toBe('illegal');
  });
});

describe('linearizability checker: KV model', () => {
  it('partitions by key and accepts a legal multi-key history with appends', () => {
    const h = [
      kv(1, { type: 'put', key: 'x', value: 'a' }, null, 0, 10),
      kv(2, { type: 'append', key: 'x', value: 'b' }, null, 5, 15),
      kv(3, { type: 'get', key: 'x' }, 'ab', 20, 30),
      kv(1, { type: 'append', key: 'y', value: '1' }, null, 0, 50),
      kv(2, { type: 'get', key: 'y' }, '', 1, 2),
    ];
    const r = checkOperations(kvModel, h);
    expect(r).toMatchObject({ verdict: 'ok', partitions: 2 });
  });

  it('rejects a lost append and reports the partition of the broken key only', () => {
    const h = [
      kv(1, { type: 'append', key: 'x', value: 'a' }, null, 0, 10),
      kv(2, { type: 'append', key: 'x', value: 'b' }, null, 20, 30),
      kv(3, { type: 'get', key: 'x' }, 'b', 40, 50),
      kv(1, { type: 'put', key: 'y', value: 'ok' }, null, 0, 10),
    ];
    const r = checkOperations(kvModel, h);
    expect(r.verdict).toBe('illegal');
    if (r.verdict === 'illegal') {
      expect(r.partition.every((o) => o.input.key === 'x')).toBe(true);
      expect(r.longestPrefix.length).toBe(2);
    }
  });

  it('a duplicated append (a retry applied twice) is illegal', () => {
    const h = [kv(1, { type: 'append', key: 'k', value: 'z' }, null, 0, 10), kv(2, { type: 'get', key: 'k' }, 'zz', 20, 30)];
    expect(checkOperations(kvModel, h).verdict).toBe('illegal');
  });

  it('the history recorder builds operations with pending ones left open', () => {
    const rec = new HistoryRecorder<KvInput, KvOutput>();
    const a = rec.call(1, { type: 'put', key: 'k', value: 'v' }, 0);
    rec.call(2, { type: 'get', key: 'k' }, 1);
    rec.complete(a, null, 5);
    expect(rec.operations()).toEqual([
      { clientId: 1, input: { type: 'put', key: 'k', value: 'v' }, output: null, callMs: 0, returnMs: 5 },
      { clientId: 2, input: { type: 'get', key: 'k' }, output: undefined, callMs: 1, returnMs: null },
    ]);
    expect(() => rec.complete(a, null, 6)).toThrow(/twice/);
  });
});
