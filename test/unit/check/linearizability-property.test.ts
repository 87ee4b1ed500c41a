// Generated histories: a sequential execution whose operations take effect at a random instant
// inside randomly overlapping intervals is linearizable by construction; changing one completed
// read to a value nobody wrote makes it illegal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../engine/check/history';
import { checkOperations } from '../../../engine/check/linearizability';
import type { Model } from '../../../engine/check/model';
import { casRegisterModel, kvModel, optionalRegisterModel, registerModel, type CasRegisterInput, type CasRegisterOutput, type OptionalRegisterInput, type OptionalRegisterOutput, type RegisterValue } from '../../../engine/check/models';

interface Plan {
  readonly client: number;
  readonly op: number; // which operation (per model, see `Spec.input`)
  readonly value: number;
  readonly gap: number;
  readonly duration: number;
  readonly at: number; // 0..100: where in its interval it takes effect
  readonly pending: boolean;
  readonly takesEffect: boolean;
}

/** An independent sequential implementation of a model, to produce the outputs. */
interface Spec<S, I, O> {
  readonly model: Model<S, I, O>;
  readonly init: S;
  input(plan: Plan): I;
  apply(state: S, input: I): [S, O];
  isRead(input: I): boolean;
  /** An output no read of this history can legally give. */
  readonly impossible: O;
}

const plans = fc.array(
  fc.record({
    client: fc.integer({ min: 0, max: 3 }),
    op: fc.integer({ min: 0, max: 3 }),
    value: fc.integer({ min: 0, max: 4 }),
    gap: fc.integer({ min: 0, max: 6 }),
    duration: fc.integer({ min: 0, max: 30 }),
    at: fc.integer({ min: 0, max: 100 }),
    pending: fc.integer({ min: 0, max: 11 }).map((x) => x === 0),
    takesEffect: fc.boolean(),
  }),
  { minLength: 1, maxLength: 24 },
);

function execute<S, I, O>(spec: Spec<S, I, O>, planned: readonly Plan[]): Operation<I, O>[] {
  const nextFree = [0, 0, 0, 0];
  let pendingLeft = 2; // more pending operations make the search exponential; two are plenty
  const ops = planned.map((p, seq) => {
    const callMs = nextFree[p.client]! + p.gap;
    const returnMs = callMs + p.duration;
    nextFree[p.client] = returnMs + 1;
    const pending = p.pending && pendingLeft-- > 0;
    return { p, seq, input: spec.input(p), callMs, returnMs, atMs: callMs + (p.at / 100) * (returnMs - callMs), pending, output: undefined as O | undefined };
  });
  let state = spec.init;
  for (const o of ops.slice().sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)) {
    if (o.pending && !o.p.takesEffect) continue;
    const [next, out] = spec.apply(state, o.input);
    state = next;
    o.output = out;
  }
  return ops.map((o) => ({ clientId: o.p.client, input: o.input, output: o.pending ? undefined : o.output, callMs: o.callMs, returnMs: o.pending ? null : o.returnMs }));
}

type Reg = { type: 'read' } | { type: 'write'; value: number } | { type: 'cas'; expected: number; value: number };
const registerSpec: Spec<number, Reg, number | boolean | null> = {
  model: registerModel as Model<number, Reg, number | boolean | null>,
  init: 0,
  input: (p) => (p.op <= 1 ? { type: 'read' } : p.op === 2 ? { type: 'write', value: p.value } : { type: 'cas', expected: p.value % 2, value: p.value }),
  apply: (s, i) => (i.type === 'read' ? [s, s] : i.type === 'write' ? [i.value, null] : s === i.expected ? [i.value, true] : [s, false]),
  isRead: (i) => i.type === 'read',
  impossible: -1,
};

type Cas = CasRegisterInput;
const casSpec: Spec<RegisterValue | null, Cas, CasRegisterOutput> = {
  model: casRegisterModel,
  init: null,
  input: (p) => (p.op <= 1 ? { type: 'read' } : p.op === 2 ? { type: 'write', value: p.value } : { type: 'cas', expected: p.value === 0 ? null : p.value - 1, value: p.value }),
  apply: (s, i) => (i.type === 'read' ? [s, s] : i.type === 'write' ? [i.value, null] : s === i.expected ? [i.value, true] : [s, false]),
  isRead: (i) => i.type === 'read',
  impossible: 'never written',
};

type Opt = OptionalRegisterInput;
const optionalSpec: Spec<RegisterValue | null, Opt, OptionalRegisterOutput> = {
  model: optionalRegisterModel,
  init: null,
  input: (p) => (p.op <= 1 ? { type: 'read' } : p.op === 2 ? { type: 'write', value: p.value } : { type: 'delete' }),
  apply: (s, i) => (i.type === 'read' ? [s, s] : i.type === 'write' ? [i.value, null] : [null, null]),
  isRead: (i) => i.type === 'read',
  impossible: 99,
};

// The KV store over two keys; its state maps key → value.
type Kv = { type: 'get'; key: string } | { type: 'put'; key: string; value: string } | { type: 'append'; key: string; value: string };
const kvSpec: Spec<Readonly<Record<string, string>>, Kv, string | null> = {
  model: kvModel as unknown as Model<Readonly<Record<string, string>>, Kv, string | null>,
  init: {},
  input: (p) => {
    const key = p.value % 2 === 0 ? 'x' : 'y';
    return p.op <= 1 ? { type: 'get', key } : p.op === 2 ? { type: 'put', key, value: `${p.value};` } : { type: 'append', key, value: `${p.client}.${p.value};` };
  },
  apply: (s, i) => {
    const cur = s[i.key] ?? '';
    if (i.type === 'get') return [s, cur];
    return [{ ...s, [i.key]: i.type === 'put' ? i.value : cur + i.value }, null];
  },
  isRead: (i) => i.type === 'get',
  impossible: 'never#written',
};

const specs = [
  ['register', registerSpec],
  ['CAS register', casSpec],
  ['optional register', optionalSpec],
  ['KV store', kvSpec],
] as const;

describe('generated histories', () => {
  for (const [name, spec] of specs) {
    it(`${name}: an execution at points inside the intervals is linearizable; a read of a value never written is not`, () => {
      const s = spec as Spec<unknown, { type: string }, unknown>;
      fc.assert(
        fc.property(plans, fc.nat(), (planned, pick) => {
          const history = execute(s, planned);
          const r = checkOperations(s.model, history, { maxSteps: 2_000_000 });
          expect(r.verdict).toBe('ok');
          const reads = history.map((o, i) => [o, i] as const).filter(([o]) => o.returnMs !== null && s.isRead(o.input));
          if (reads.length === 0) return;
          const [victim, index] = reads[pick % reads.length]!;
          const corrupted = history.slice();
          corrupted[index] = { ...victim, output: s.impossible };
          const bad = checkOperations(s.model, corrupted, { maxSteps: 2_000_000 });
          expect(bad.verdict).toBe('illegal');
          if (bad.verdict === 'illegal') expect(bad.partition).toContain(corrupted[index]);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('turn size never changes a verdict that is reached: KV histories with random outputs', () => {
    fc.assert(
      fc.property(plans, fc.array(fc.constantFrom('', '0;', '1;', '0.1;', null), { maxLength: 24 }), fc.integer({ min: 1, max: 40 }), (planned, outputs, slice) => {
        const history = execute(kvSpec, planned).map((o, i) => (o.returnMs !== null && o.input.type === 'get' && outputs[i] !== undefined ? { ...o, output: outputs[i]! } : o));
        const sequential = checkOperations(kvSpec.model, history, { sliceSteps: Infinity });
        const fair = checkOperations(kvSpec.model, history, { sliceSteps: slice });
        expect(fair.verdict).toBe(sequential.verdict);
        // Illegal iff some key alone is illegal.
        const perKey = kvSpec.model.partition!(history).map((part) => checkOperations(kvSpec.model, part).verdict);
        expect(fair.verdict).toBe(perKey.includes('illegal') ? 'illegal' : 'ok');
      }),
      { numRuns: 200 },
    );
  });
});
