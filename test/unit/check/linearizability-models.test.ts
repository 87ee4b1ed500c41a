// Hand-made histories in the style of Porcupine's test suite (written for this project): for each
// model a legal and an illegal variant of the same shape, with overlapping calls, pending
// (timed-out) operations and touching intervals ([a, b] then [b, c] overlap at b).
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../engine/check/history';
import { checkOperations, describeResult } from '../../../engine/check/linearizability';
import type { Model } from '../../../engine/check/model';
import { casRegisterModel, kvModel, optionalRegisterModel, registerModel, type CasRegisterInput, type CasRegisterOutput, type KvInput, type KvOutput, type OptionalRegisterInput, type OptionalRegisterOutput, type RegisterInput, type RegisterOutput } from '../../../engine/check/models';

const P = null; // a pending operation's return time
function mk<I, O>() {
  return (clientId: number, input: I, output: O | undefined, callMs: number, returnMs: number | null): Operation<I, O> => ({ clientId, input, output: returnMs === null ? undefined : output, callMs, returnMs });
}
const verdict = <S, I, O>(model: Model<S, I, O>, h: Operation<I, O>[]) => checkOperations(model, h, { maxSteps: 1_000_000 }).verdict;

describe('register (a number, initially 0; read, write, cas)', () => {
  const op = mk<RegisterInput, RegisterOutput>();
  const w = (c: number, v: number, a: number, b: number | null) => op(c, { type: 'write', value: v }, null, a, b);
  const r = (c: number, v: number, a: number, b: number | null) => op(c, { type: 'read' }, v, a, b);

  it('two concurrent writes, then reads that agree on which came last: legal; reads that disagree: illegal', () => {
    expect(verdict(registerModel, [w(0, 1, 0, 10), w(1, 2, 0, 10), r(2, 2, 11, 12), r(3, 2, 13, 14)])).toBe('ok');
    expect(verdict(registerModel, [w(0, 1, 0, 10), w(1, 2, 0, 10), r(2, 1, 11, 12), r(3, 1, 13, 14)])).toBe('ok');
    expect(verdict(registerModel, [w(0, 1, 0, 10), w(1, 2, 0, 10), r(2, 2, 11, 12), r(3, 1, 13, 14)])).toBe('illegal');
  });

  it('reads overlapping a write may return the old value then the new one, never the new one then the old', () => {
    expect(verdict(registerModel, [w(0, 7, 0, 100), r(1, 0, 10, 20), r(2, 7, 30, 40), r(1, 7, 50, 60)])).toBe('ok');
    // The two reads overlap each other: either order is possible.
    expect(verdict(registerModel, [w(0, 7, 0, 100), r(1, 7, 10, 40), r(2, 0, 30, 60)])).toBe('ok');
    expect(verdict(registerModel, [w(0, 7, 0, 100), r(1, 7, 10, 20), r(2, 0, 30, 40)])).toBe('illegal');
  });

  it('touching intervals overlap: a read that starts the instant a write returns may still miss it', () => {
    expect(verdict(registerModel, [w(0, 3, 0, 10), r(1, 0, 10, 20)])).toBe('ok');
    expect(verdict(registerModel, [w(0, 3, 0, 10), r(1, 3, 10, 20)])).toBe('ok');
    expect(verdict(registerModel, [w(0, 3, 0, 10), r(1, 0, 11, 20)])).toBe('illegal');
    // A read that returns the instant a write is called may already see it.
    expect(verdict(registerModel, [r(1, 3, 0, 10), w(0, 3, 10, 20)])).toBe('ok');
    expect(verdict(registerModel, [r(1, 3, 0, 9), w(0, 3, 10, 20)])).toBe('illegal');
  });

  it('pending writes may land late or never, but not twice and not before their call', () => {
    const h = [w(0, 5, 0, P), w(1, 6, 5, P), r(2, 0, 10, 20), r(2, 6, 30, 40), r(3, 5, 50, 60)];
    expect(verdict(registerModel, h)).toBe('ok');
    expect(verdict(registerModel, [...h, r(2, 6, 70, 80)])).toBe('illegal');
    expect(verdict(registerModel, [r(2, 5, 0, 4), w(0, 5, 5, P)])).toBe('illegal');
  });

  it('a failed cas must be explained by another value at its linearization point', () => {
    const cas = (c: number, e: number, v: number, out: boolean, a: number, b: number | null) => op(c, { type: 'cas', expected: e, value: v }, out, a, b);
    expect(verdict(registerModel, [cas(0, 0, 1, true, 0, 10), cas(1, 0, 2, false, 5, 15), w(2, 0, 20, 30), cas(1, 0, 3, true, 31, 40), r(0, 3, 41, 50)])).toBe('ok');
    expect(verdict(registerModel, [w(0, 4, 0, 10), cas(1, 4, 5, false, 20, 30)])).toBe('illegal');
    expect(verdict(registerModel, [w(0, 4, 0, 10), cas(1, 4, 5, false, 5, 30)])).toBe('ok'); // before the write
  });
});

describe('CAS register (initially absent; read, write, cas)', () => {
  const op = mk<CasRegisterInput, CasRegisterOutput>();
  const w = (c: number, v: number | string, a: number, b: number | null) => op(c, { type: 'write', value: v }, null, a, b);
  const r = (c: number, v: number | string | null, a: number, b: number | null) => op(c, { type: 'read' }, v, a, b);
  const cas = (c: number, e: number | string | null, v: number | string, out: boolean, a: number, b: number | null) => op(c, { type: 'cas', expected: e, value: v }, out, a, b);

  it('starts absent: a first read says null (not 0), and create-if-absent succeeds once', () => {
    expect(verdict(casRegisterModel, [r(0, null, 0, 10)])).toBe('ok');
    expect(verdict(casRegisterModel, [r(0, 0, 0, 10)])).toBe('illegal');
    expect(verdict(casRegisterModel, [cas(0, null, 'a', true, 0, 10), cas(1, null, 'b', false, 0, 10), r(2, 'a', 11, 20)])).toBe('ok');
    expect(verdict(casRegisterModel, [cas(0, null, 'a', true, 0, 10), cas(1, null, 'b', true, 0, 10)])).toBe('illegal');
    expect(verdict(casRegisterModel, [cas(0, null, 'a', true, 0, 10), cas(1, null, 'b', false, 0, 10), r(2, 'b', 11, 20)])).toBe('illegal');
  });

  it('a chain of concurrent cas calls: some order must explain every outcome', () => {
    const h = [w(0, 1, 0, 10), cas(1, 1, 2, true, 20, 50), cas(2, 2, 3, true, 20, 50), cas(3, 1, 9, false, 20, 50), cas(4, 3, 4, true, 25, 45)];
    expect(verdict(casRegisterModel, [...h, r(0, 4, 60, 70)])).toBe('ok');
    expect(verdict(casRegisterModel, [...h, r(0, 3, 60, 70)])).toBe('illegal');
    // Both cas(1→2) and cas(1→9) cannot succeed: the value 1 is consumed by the first.
    expect(verdict(casRegisterModel, [w(0, 1, 0, 10), cas(1, 1, 2, true, 20, 50), cas(3, 1, 9, true, 20, 50)])).toBe('illegal');
  });

  it('a pending cas may take effect or not, once', () => {
    const pending = cas(0, null, 7, false, 0, P); // output dropped: it is pending
    expect(verdict(casRegisterModel, [pending, r(1, 7, 10, 20)])).toBe('ok');
    expect(verdict(casRegisterModel, [pending, r(1, null, 10, 20)])).toBe('ok');
    expect(verdict(casRegisterModel, [pending, r(1, null, 10, 20), r(1, 7, 30, 40)])).toBe('ok');
    expect(verdict(casRegisterModel, [pending, r(1, 7, 10, 20), r(1, null, 30, 40)])).toBe('illegal');
  });

  it('describes operations and states with absence spelled out', () => {
    expect(casRegisterModel.describeOperation!({ type: 'cas', expected: null, value: 'x' }, true)).toBe('cas(absent → "x") → true');
    expect(casRegisterModel.describeOperation!({ type: 'read' }, null)).toBe('read() → absent');
    expect(casRegisterModel.describeOperation!({ type: 'read' }, undefined)).toBe('read() → ?');
    expect(casRegisterModel.describeOperation!({ type: 'write', value: 3 }, null)).toBe('write(3)');
    expect(casRegisterModel.describeState!(null)).toBe('absent');
    const res = checkOperations(casRegisterModel, [cas(0, null, 'a', true, 0, 10), cas(1, null, 'b', true, 20, 30)]);
    expect(describeResult(casRegisterModel, res)).toContain('cannot place: client 1: cas(absent → "b") → true [20, 30]');
  });
});

describe('optional register (initially absent; read, write, delete)', () => {
  const op = mk<OptionalRegisterInput, OptionalRegisterOutput>();
  const w = (c: number, v: number | string, a: number, b: number | null) => op(c, { type: 'write', value: v }, null, a, b);
  const d = (c: number, a: number, b: number | null) => op(c, { type: 'delete' }, null, a, b);
  const r = (c: number, v: number | string | null, a: number, b: number | null) => op(c, { type: 'read' }, v, a, b);

  it('reads absent before any write and after a delete', () => {
    expect(verdict(optionalRegisterModel, [r(0, null, 0, 5), w(1, 'a', 10, 20), r(0, 'a', 21, 25), d(1, 30, 40), r(0, null, 41, 45)])).toBe('ok');
    expect(verdict(optionalRegisterModel, [r(0, 0, 0, 5)])).toBe('illegal');
    expect(verdict(optionalRegisterModel, [w(1, 'a', 10, 20), d(1, 30, 40), r(0, 'a', 41, 45)])).toBe('illegal');
  });

  it('a write and a delete in flight together: reads see one order, and a value cannot come back', () => {
    const both = [w(0, 'a', 0, 100), d(1, 0, 100)];
    expect(verdict(optionalRegisterModel, [...both, r(2, null, 10, 20), r(2, 'a', 30, 40), r(3, null, 50, 60)])).toBe('ok');
    expect(verdict(optionalRegisterModel, [...both, r(2, 'a', 10, 20), r(2, null, 30, 40), r(3, null, 150, 160)])).toBe('ok');
    expect(verdict(optionalRegisterModel, [...both, r(2, 'a', 10, 20), r(2, null, 30, 40), r(3, 'a', 50, 60)])).toBe('illegal');
    expect(verdict(optionalRegisterModel, [...both, r(2, 'a', 110, 120), r(3, null, 130, 140)])).toBe('illegal');
  });

  it('string and number values are different values', () => {
    expect(verdict(optionalRegisterModel, [w(0, 1, 0, 10), r(1, '1', 20, 30)])).toBe('illegal');
    expect(verdict(optionalRegisterModel, [w(0, 1, 0, 10), r(1, 1, 20, 30)])).toBe('ok');
  });

  it('pending delete and write', () => {
    const h = [w(0, 'a', 0, 10), d(1, 20, P), w(2, 'b', 25, P)];
    expect(verdict(optionalRegisterModel, [...h, r(3, 'a', 30, 40), r(3, null, 50, 60), r(3, 'b', 70, 80)])).toBe('ok');
    expect(verdict(optionalRegisterModel, [...h, r(3, 'b', 30, 40), r(3, null, 50, 60), r(3, 'a', 70, 80)])).toBe('illegal');
  });

  it('describes operations and states', () => {
    expect(optionalRegisterModel.describeOperation!({ type: 'delete' }, null)).toBe('delete()');
    expect(optionalRegisterModel.describeOperation!({ type: 'read' }, 'x')).toBe('read() → "x"');
    expect(optionalRegisterModel.describeState!('x')).toBe('"x"');
    expect(optionalRegisterModel.describeState!(null)).toBe('absent');
  });
});

describe('KV store (get / put / append per key; a missing key reads as "")', () => {
  const op = mk<KvInput, KvOutput>();
  const put = (c: number, k: string, v: string, a: number, b: number | null) => op(c, { type: 'put', key: k, value: v }, null, a, b);
  const app = (c: number, k: string, v: string, a: number, b: number | null) => op(c, { type: 'append', key: k, value: v }, null, a, b);
  const get = (c: number, k: string, v: string, a: number, b: number | null) => op(c, { type: 'get', key: k }, v, a, b);

  it('concurrent appends: any one order, the same for every reader', () => {
    const appends = [app(0, 'x', 'a', 0, 10), app(1, 'x', 'b', 0, 10), app(2, 'x', 'c', 5, 12)];
    expect(verdict(kvModel, [...appends, get(3, 'x', 'cba', 20, 30), get(4, 'x', 'cba', 25, 35)])).toBe('ok');
    expect(verdict(kvModel, [...appends, get(3, 'x', 'cab', 20, 30), get(4, 'x', 'cba', 31, 35)])).toBe('illegal');
    expect(verdict(kvModel, [...appends, get(3, 'x', 'ab', 20, 30)])).toBe('illegal'); // c returned at 12: it cannot be missing
    expect(verdict(kvModel, [...appends, get(3, 'x', 'ab', 6, 30)])).toBe('ok'); // overlaps all three: may see a prefix
  });

  it('keys are independent: each key is its own register', () => {
    const h = [put(0, 'x', '1', 0, 10), put(1, 'y', '2', 0, 10), get(2, 'x', '1', 20, 30), get(2, 'y', '2', 31, 40), get(3, 'z', '', 0, 100)];
    expect(checkOperations(kvModel, h)).toMatchObject({ verdict: 'ok', partitions: 3 });
    const bad = [...h, get(3, 'y', '', 50, 60)];
    const res = checkOperations(kvModel, bad);
    expect(res.verdict).toBe('illegal');
    if (res.verdict === 'illegal') expect(res.partition.map((o) => o.input.key)).toEqual(['y', 'y', 'y']);
  });

  it('a pending put can be seen late, or never; a pending append only once', () => {
    const h = [put(0, 'k', 'v', 0, 10), app(1, 'k', '+', 5, P)];
    expect(verdict(kvModel, [...h, get(2, 'k', 'v', 20, 30), get(2, 'k', 'v+', 100, 110)])).toBe('ok');
    expect(verdict(kvModel, [...h, get(2, 'k', 'v', 20, 30), get(2, 'k', 'v++', 100, 110)])).toBe('illegal');
    expect(verdict(kvModel, [...h, get(2, 'k', '+', 6, 8)])).toBe('ok'); // the append before the put
    expect(verdict(kvModel, [...h, get(2, 'k', '+', 20, 30)])).toBe('illegal'); // the put returned at 10
    expect(verdict(kvModel, [...h, get(2, 'k', '+v', 6, 30)])).toBe('illegal');
  });

  it('touching intervals: a get that starts when a put returns may see the value before it', () => {
    expect(verdict(kvModel, [put(0, 'k', 'new', 0, 10), get(1, 'k', '', 10, 20)])).toBe('ok');
    expect(verdict(kvModel, [put(0, 'k', 'new', 0, 10), get(1, 'k', '', 10, 20), get(2, 'k', '', 5, 10)])).toBe('ok');
    expect(verdict(kvModel, [put(0, 'k', 'new', 0, 10), get(1, 'k', '', 10, 20), get(2, 'k', '', 11, 12)])).toBe('illegal');
    expect(verdict(kvModel, [put(0, 'k', 'new', 0, 10), get(1, 'k', 'new', 10, 20), get(2, 'k', '', 20, 30)])).toBe('illegal');
  });
});
