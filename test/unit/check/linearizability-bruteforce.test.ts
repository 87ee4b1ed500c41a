// The search against a brute-force checker: on small random histories (random outputs, so legal
// and illegal both come up; pending operations; touching intervals) the verdict must be the one
// found by trying every order that respects real time. This covers what the search adds to plain
// Wing–Gong: read-only operations taken first and never tried later, states interned to ids (long
// strings included), the step cache, and the memo. Then larger generated histories: a sequential
// execution is legal, one corrupted read is not, with and without the models' `readOnly` hint,
// and across the 96-operation line where the memo's set keys go from exact to Zobrist-hashed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../engine/check/history';
import { checkOperations } from '../../../engine/check/linearizability';
import type { Model } from '../../../engine/check/model';
import { casRegisterModel, kvModel, optionalRegisterModel, registerModel, type KvInput, type KvOutput } from '../../../engine/check/models';

type AnyOp = Operation<unknown, unknown>;
type AnyModel = Model<unknown, unknown, unknown>;

/**
 * Is there an order of the operations, each placed after every operation that returned before
 * its call (intervals are closed: touching ones overlap), in which the model accepts each one?
 * Every completed operation must be placed; a pending one may be left out (it never took effect).
 */
function bruteForce(model: AnyModel, history: readonly AnyOp[]): boolean {
  const n = history.length;
  const placed = new Array<boolean>(n).fill(false);
  const ret = (op: AnyOp) => op.returnMs ?? Infinity;
  const search = (state: unknown, left: number): boolean => {
    if (left === 0) return true;
    for (let x = 0; x < n; x++) {
      if (placed[x]) continue;
      const op = history[x]!;
      // Some unplaced operation returned before x was called: it must come first.
      let blocked = false;
      for (let y = 0; y < n && !blocked; y++) if (!placed[y] && y !== x && ret(history[y]!) < op.callMs) blocked = true;
      if (blocked) continue;
      const r = model.step(state, op.input, op.output);
      if (!r.ok) continue;
      placed[x] = true;
      const found = search(r.state, left - (op.returnMs === null ? 0 : 1));
      placed[x] = false;
      if (found) return true;
    }
    return false;
  };
  // Operations that are pending cost nothing to leave out: count only the completed ones.
  return search(model.init(), history.filter((o) => o.returnMs !== null).length);
}

interface Raw {
  readonly client: number;
  readonly gap: number;
  readonly duration: number;
  readonly pending: boolean;
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly out: number;
}

const raws = fc.array(
  fc.record({
    client: fc.integer({ min: 0, max: 2 }),
    gap: fc.integer({ min: 0, max: 4 }),
    duration: fc.integer({ min: 0, max: 12 }),
    pending: fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
    kind: fc.integer({ min: 0, max: 3 }),
    a: fc.integer({ min: 0, max: 2 }),
    b: fc.integer({ min: 0, max: 2 }),
    out: fc.integer({ min: 0, max: 3 }),
  }),
  { minLength: 1, maxLength: 7 },
);

/** Times from the raw records: each client's operations one after another. */
function timed<I, O>(raw: readonly Raw[], make: (r: Raw) => { input: I; output: O }): Operation<I, O>[] {
  const free = [0, 0, 0];
  return raw.map((r) => {
    const callMs = free[r.client]! + r.gap;
    const returnMs = callMs + r.duration;
    free[r.client] = returnMs + (r.pending ? 1000 : 0); // a client whose call is pending stays blocked
    const { input, output } = make(r);
    return { clientId: r.client, input, output: r.pending ? undefined : output, callMs, returnMs: r.pending ? null : returnMs };
  });
}

// Long values (over the 24 characters under which strings are interned through a Map) take the
// other path of the state table; short ones the Map.
const LONG = 'abcdefghijklmnopqrstuvwxyz';
const kvValue = (k: number) => (k === 0 ? 'x;' : k === 1 ? 'y;' : `${LONG}${k};`);
const kvHistory = (raw: readonly Raw[]) =>
  timed<KvInput, KvOutput>(raw, (r) => {
    const key = r.b === 2 ? 'k2' : 'k1';
    if (r.kind <= 1) {
      const seen = ['', kvValue(r.a), kvValue(r.a) + kvValue(r.out % 3), kvValue(2) + kvValue(r.a)][r.out]!;
      return { input: { type: 'get', key }, output: seen };
    }
    return { input: r.kind === 2 ? { type: 'put', key, value: kvValue(r.a) } : { type: 'append', key, value: kvValue(r.a) }, output: null };
  });

const cases: [string, AnyModel, (raw: readonly Raw[]) => AnyOp[]][] = [
  [
    'register',
    registerModel as AnyModel,
    (raw) => timed<unknown, unknown>(raw, (r) => (r.kind <= 1 ? { input: { type: 'read' }, output: r.out % 3 } : r.kind === 2 ? { input: { type: 'write', value: r.a }, output: null } : { input: { type: 'cas', expected: r.a, value: r.b }, output: r.out % 2 === 0 })),
  ],
  [
    'CAS register',
    casRegisterModel as AnyModel,
    (raw) =>
      timed<unknown, unknown>(raw, (r) =>
        r.kind <= 1 ? { input: { type: 'read' }, output: r.out === 3 ? null : r.out } : r.kind === 2 ? { input: { type: 'write', value: r.a }, output: null } : { input: { type: 'cas', expected: r.a === 0 ? null : r.a, value: r.b }, output: r.out % 2 === 0 },
      ),
  ],
  ['optional register', optionalRegisterModel as AnyModel, (raw) => timed<unknown, unknown>(raw, (r) => (r.kind <= 1 ? { input: { type: 'read' }, output: r.out === 3 ? null : r.out } : r.kind === 2 ? { input: { type: 'write', value: r.a }, output: null } : { input: { type: 'delete' }, output: null }))],
  ['KV store (two keys, long values)', kvModel as AnyModel, (raw) => kvHistory(raw) as AnyOp[]],
];

/** The same model without the `readOnly` hint: the plain search, every operation tried everywhere. */
const withoutHint = (model: AnyModel): AnyModel => ({ ...model, readOnly: undefined });

describe('the search agrees with a brute-force checker on small histories', () => {
  for (const [name, model, make] of cases) {
    it(`${name}: same verdict as trying every real-time order (with and without the readOnly hint, any turn size)`, () => {
      fc.assert(
        fc.property(raws, fc.integer({ min: 1, max: 50 }), (raw, slice) => {
          const history = make(raw);
          // Per partition, as the checker does (for the KV store a key is independent of the others).
          const parts = model.partition ? model.partition(history) : [history];
          const expected = parts.every((p) => bruteForce(model, p)) ? 'ok' : 'illegal';
          const r = checkOperations(model, history, { sliceSteps: slice });
          expect(r.verdict).toBe(expected);
          expect(checkOperations(withoutHint(model), history).verdict).toBe(expected);
          if (r.verdict === 'illegal') {
            // The reported prefix is a linearization: the model accepts it in that order, and no
            // operation in it comes after one that was called after it returned.
            let state = model.init();
            r.longestPrefix.forEach((op, k) => {
              const step = model.step(state, op.input, op.output);
              expect(step.ok).toBe(true);
              if (step.ok) state = step.state;
              for (const earlier of r.longestPrefix.slice(0, k)) expect(op.returnMs === null || earlier.callMs <= op.returnMs).toBe(true);
            });
            expect(r.partition.length).toBeGreaterThan(r.longestPrefix.length);
          }
        }),
        { numRuns: 400 },
      );
    });
  }
});

/** A KV history executed at points inside its intervals (legal by construction), on one key. */
function legalKv(seed: number, operations: number, clients: number): Operation<KvInput, KvOutput>[] {
  const plans = fc.sample(fc.record({ client: fc.nat(clients - 1), gap: fc.nat(3), duration: fc.integer({ min: 0, max: 20 }), at: fc.nat(100), kind: fc.nat(3) }), { seed, numRuns: operations });
  const free = new Array<number>(clients).fill(0);
  const ops = plans.map((p, i) => {
    const callMs = free[p.client]! + p.gap;
    const returnMs = callMs + p.duration;
    free[p.client] = returnMs + 1;
    const input: KvInput = p.kind <= 1 ? { type: 'get', key: 'k' } : p.kind === 2 ? { type: 'put', key: 'k', value: `p${i};` } : { type: 'append', key: 'k', value: `${LONG}${i};` };
    return { clientId: p.client, input, callMs, returnMs, atMs: callMs + (p.at / 100) * p.duration, i, output: null as KvOutput | undefined };
  });
  let state = '';
  for (const o of ops.slice().sort((a, b) => a.atMs - b.atMs || a.i - b.i)) {
    if (o.input.type === 'get') o.output = state;
    else state = o.input.type === 'put' ? o.input.value : state + o.input.value;
  }
  return ops.map((o) => ({ clientId: o.clientId, input: o.input, output: o.output, callMs: o.callMs, returnMs: o.returnMs }));
}

describe('generated histories of a few hundred operations', () => {
  it('legal by construction is ok, one corrupted get is illegal: below and above 96 operations (exact set keys, then Zobrist keys), with and without the readOnly hint', () => {
    for (const [seed, operations] of [
      [1, 60],
      [2, 96],
      [3, 97],
      [4, 300],
      [5, 600],
    ] as const) {
      const history = legalKv(seed, operations, 4);
      for (const model of [kvModel, withoutHint(kvModel as AnyModel) as typeof kvModel]) {
        expect(checkOperations(model, history).verdict, `seed ${seed}, ${operations} operations`).toBe('ok');
        const gets = history.map((o, i) => [o, i] as const).filter(([o]) => o.input.type === 'get');
        const [victim, index] = gets[Math.floor(gets.length / 2)]!;
        const bad = history.slice();
        bad[index] = { ...victim, output: `${victim.output as string}!` };
        const r = checkOperations(model, bad);
        expect(r.verdict, `seed ${seed}, ${operations} operations, get #${index} corrupted`).toBe('illegal');
        if (r.verdict === 'illegal') expect(r.longestPrefix).not.toContain(bad[index]);
      }
    }
  });

  it('the same history and options give the same result, steps and prefix included', () => {
    const history = legalKv(9, 400, 5);
    const bad = history.map((o, i) => (i === 200 && o.input.type === 'get' ? { ...o, output: 'never' } : o));
    for (const h of [history, bad]) expect(checkOperations(kvModel, h)).toEqual(checkOperations(kvModel, h));
  });
});
