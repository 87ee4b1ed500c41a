/**
 * Server-only: generated deliveries to one participant, compared call by call with the reference
 * participant. A case is a few branches (debits and credits on two accounts, some larger than the
 * balance), each with 0–3 copies of its Try and 1–3 copies of its Confirm or Cancel, interleaved
 * in a generated order (late Tries, duplicates, reordering), and restarts between calls. As a
 * coordinator would, a branch is confirmed only if an earlier Try copy reserved it; otherwise its
 * decision is Cancel. After every call the amounts must equal the reference's; a Try must answer
 * as the reference does (a duplicate Try after Confirm excepted: nothing depends on its answer).
 */
import { fc } from '../../grader/harness/property';
import { ParticipantBench } from '../../engine/txn/participant-bench';
import type { Branch, ParticipantClass } from '../../engine/txn/types';
import { advice } from './checks';

interface BranchPlan {
  readonly kind: 'debit' | 'credit';
  readonly account: 'a' | 'b';
  readonly amount: number;
  readonly wantConfirm: boolean;
  readonly tries: number;
  readonly decisions: number;
}

export interface DeliveryCase {
  readonly branches: readonly BranchPlan[];
  /** Delivery order: each entry picks the branch with the next undelivered message (index modulo the branches left). */
  readonly order: readonly number[];
  readonly restartEvery: number;
}

const BALANCES = { a: 100, b: 40 };

const branchPlan: fc.Arbitrary<BranchPlan> = fc.record({
  kind: fc.constantFrom('debit' as const, 'credit' as const),
  account: fc.constantFrom('a' as const, 'b' as const),
  amount: fc.integer({ min: 1, max: 12 }).map((n) => n * 10),
  wantConfirm: fc.boolean(),
  tries: fc.integer({ min: 0, max: 3 }),
  decisions: fc.integer({ min: 1, max: 3 }),
});

export const deliveryCase: fc.Arbitrary<DeliveryCase> = fc.record({
  branches: fc.array(branchPlan, { minLength: 1, maxLength: 4 }),
  order: fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 0, maxLength: 24 }),
  restartEvery: fc.integer({ min: 0, max: 5 }),
});

interface Delivery {
  readonly branch: number;
  readonly kind: 'try' | 'decision';
}

/** The deliveries of a case, in order: a Try copy may come before or after the decision (late), decisions in between. */
function schedule(c: DeliveryCase): Delivery[] {
  const queues: Delivery[][] = c.branches.map((b, i) => {
    // A branch to confirm needs its first Try before any decision; the other copies go anywhere.
    const q: Delivery[] = [];
    for (let k = 0; k < b.tries; k++) q.push({ branch: i, kind: 'try' });
    for (let k = 0; k < b.decisions; k++) q.push({ branch: i, kind: 'decision' });
    return q;
  });
  const out: Delivery[] = [];
  let n = 0;
  for (;;) {
    const live = queues.filter((q) => q.length > 0);
    if (live.length === 0) return out;
    const pick = c.order[n++ % Math.max(1, c.order.length)] ?? 0;
    const q = live[pick % live.length]!;
    // Late Try: after the first message of a branch, the rest are shuffled by the same order draws.
    const take = q.length > 1 && pick % 2 === 1 && q[0]!.kind === 'try' && out.some((d) => d.branch === q[0]!.branch) ? q.length - 1 : 0;
    out.push(q.splice(take, 1)[0]!);
  }
}

export function describeDeliveryCase(c: DeliveryCase): string {
  const branches = c.branches.map((b, i) => `x${i + 1}: ${b.kind} ${b.account} ${b.amount}, ${b.tries} Try cop${b.tries === 1 ? 'y' : 'ies'}, ${b.decisions}× ${b.wantConfirm ? 'Confirm (if reserved)' : 'Cancel'}`);
  return `balances a=${BALANCES.a}, b=${BALANCES.b}; ${branches.join('; ')}; order ${schedule(c).map((d) => `${d.kind === 'try' ? 'T' : 'D'}${d.branch + 1}`).join(' ')}${c.restartEvery ? `; restart every ${c.restartEvery} calls` : ''}`;
}

/** Null when the learner's participant agrees with the reference on every call, else why not. */
export function compareDeliveries(c: DeliveryCase, learner: ParticipantClass, reference: ParticipantClass): string | null {
  const mine = new ParticipantBench(learner, BALANCES);
  const ref = new ParticipantBench(reference, BALANCES);
  const reserved = new Set<number>();
  const decision = new Map<number, 'confirm' | 'cancel'>();
  let calls = 0;
  for (const d of schedule(c)) {
    const plan = c.branches[d.branch]!;
    const branch: Branch = { xid: `x${d.branch + 1}`, participant: 1, account: plan.account, kind: plan.kind, amount: plan.amount };
    let op: 'try' | 'confirm' | 'cancel' = 'try';
    if (d.kind === 'decision') {
      if (!decision.has(d.branch)) decision.set(d.branch, plan.wantConfirm && reserved.has(d.branch) ? 'confirm' : 'cancel');
      op = decision.get(d.branch)!;
    }
    const statusBefore = ref.read(`tcc/${branch.xid}`);
    const want = ref.call(op, branch);
    const got = mine.call(op, branch);
    calls++;
    const what = `call ${calls}: ${op} ${branch.xid} (${branch.kind} ${branch.account} ${branch.amount})`;
    if ('threw' in got) return `${what} threw "${got.threw}". ${op === 'cancel' && statusBefore === undefined ? advice('empty-rollback') : advice('no-throw')}`;
    if (op === 'try' && 'ok' in want && want.ok) reserved.add(d.branch);
    if (op === 'try' && statusBefore !== 'confirmed' && 'ok' in want && got.ok !== want.ok) {
      const key = statusBefore === 'cancelled' ? 'suspension' : statusBefore === 'tried' ? 'confirm-twice' : 'try-balance';
      return `${what} answered ${got.ok}, expected ${want.ok}. ${advice(key === 'confirm-twice' ? 'try-twice' : key)}`;
    }
    const a = JSON.stringify(mine.amounts());
    const b = JSON.stringify(ref.amounts());
    if (a !== b) {
      const again = statusBefore === 'confirmed' || statusBefore === 'cancelled';
      const key = op === 'confirm' ? (again ? 'confirm-twice' : 'confirm-apply') : op === 'cancel' ? (statusBefore === undefined ? 'empty-rollback' : again ? 'cancel-twice' : 'cancel-apply') : statusBefore === 'cancelled' ? 'suspension' : 'try-balance';
      return `after ${what}, the amounts are ${a}, expected ${b}. ${advice(statusBefore === 'tried' && op === 'try' ? 'try-twice' : key)}`;
    }
    if (c.restartEvery > 0 && calls % c.restartEvery === 0) {
      mine.restart();
      ref.restart();
    }
  }
  return null;
}
