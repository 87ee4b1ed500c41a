/**
 * The rules a finished run of the TCC/Saga world must satisfy, each failure naming the rule, the
 * source it comes from, the seed and where to look in the trace.
 *
 * TCC rules: Seata's TCC mode docs and its TCC fence (tcc_fence_log: idempotence, empty rollback,
 * suspension). Saga rules: Garcia-Molina & Salem, "Sagas", SIGMOD 1987 (§1: T1 … Tj then Cj … C1).
 */
import type { BranchEvent, TxnWorld } from '../../engine/txn/world';

const ADVICE = {
  'try-balance': 'A debit Try checks the balance and refuses (returns false, changes nothing) when it is short; only then is Confirm sure to succeed (Seata TCC: Try checks and reserves).',
  'confirm-twice': 'Confirm must be idempotent: the coordinator retries it until it hears back, so the same Confirm arrives again. Keep a control record per xid (tried / confirmed / cancelled) in the same local transaction as the money, and do nothing when it already says confirmed (Seata TCC: idempotence).',
  'confirm-apply': 'Confirm settles a reserved branch: a debit spends its frozen amount (frozen goes down), a credit adds its amount to the balance. A credit Try must still leave a control record, so that Confirm knows the branch was tried.',
  'cancel-apply': 'Cancel of a reserved debit gives the frozen amount back to the balance; a credit reserved nothing, so its Cancel moves no money.',
  'cancel-twice': 'Cancel must be idempotent: a retried Cancel must not release the reservation a second time. Check the control record and release only while it says tried (Seata TCC: idempotence).',
  'suspension': 'A Try that arrives after the Cancel of its xid must be refused, or it freezes money nobody will ever confirm or cancel. Cancel writes a cancelled record even when Try never ran, and Try refuses when it finds one (Seata TCC: suspension, 悬挂).',
  'empty-rollback': 'Cancel for a xid whose Try never ran here is an empty rollback: record the xid as cancelled and return normally; throwing makes the coordinator retry for ever (Seata TCC: empty rollback, 空回滚).',
  'retry-second-phase': 'The coordinator retries Confirm (or Cancel) on every branch until that participant acknowledges it: a lost request or reply must not leave a branch undecided (Seata TCC: the second phase is retried until it succeeds).',
  'recover': 'After a crash the new coordinator must finish what the log holds: log the branches before the first Try, log the decision before the first Confirm or Cancel, and in recover() resend the logged decision (no decision logged: cancel).',
  'atomic': 'A global transaction confirms on every branch or cancels on every branch: decide once, from all the Try replies, and log the decision before acting on it.',
  'try-twice': 'A duplicate Try answers as the first copy did (true) and reserves nothing more: look up the control record of the xid first.',
  'no-throw': 'Confirm and Cancel must not throw: the coordinator retries them until they succeed, so a throw never ends.',
  'vote': 'Confirm only when every Try answered true. A Try with no reply (null) may never have run, or may still arrive: count it as a no and cancel.',
  'saga-order': 'Compensations run in exactly the reverse order of the steps that completed: Tj … T1 done, then Cj … C1 (Garcia-Molina & Salem 1987, §1).',
  'saga-missing': 'Every completed step of a failed saga must be compensated, and each compensation retried until it succeeds (a busy service or a lost reply is not the end).',
  'saga-forward': 'Steps run one at a time, in order, and nothing runs after a step that failed. A step whose reply was lost may have run: ask again (steps are idempotent) before moving on.',
  'saga-direction': 'Once a saga has begun compensating it only goes backward: log that it is compensating before the first compensation, keep that in every later record, and let recover() continue backward from the log.',
  'saga-finish': 'A saga that has no failing step and no crash must complete: every step done, nothing compensated.',
};

export type AdviceKey = keyof typeof ADVICE;

export function advice(key: AdviceKey): string {
  return ADVICE[key];
}

function crashText(world: TxnWorld): string {
  const crashed = world.steps.filter((s) => s.crash !== undefined);
  if (crashed.length === 0) return 'no crash';
  return crashed.map((s) => `crash ${s.crash} step #${s.i} (${s.node === 0 ? 'coordinator' : `p${s.node}`}: ${s.what}, t=${s.t})`).join(', ');
}

const ev = (e: BranchEvent) => `${e.op} → ${e.result} at t=${e.t}${e.error ? ` (threw: ${e.error})` : ''}`;

/** The first broken rule of a finished run, or null. */
export function verify(world: TxnWorld, seed: number, options: { mustFinish?: boolean } = {}): string | null {
  const where = `(seed ${seed}, ${crashText(world)})`;
  if (world.problems.length > 0) return `the coordinator misused its API ${where}: ${world.problems[0]}`;

  const v = world.violations[0];
  if (v !== undefined) {
    const step = world.steps[v.step]!;
    const here = world.branchEvents.filter((e) => e.step === v.step)[0];
    const earlier = here === undefined ? [] : world.branchEvents.filter((e) => e.xid === here.xid && e.participant === here.participant && e.step < v.step);
    const before = (op: string, result: string) => earlier.some((e) => e.op === op && e.result === result);
    let why: string = ADVICE['try-balance'];
    if (here?.op === 'confirm') why = ADVICE[before('confirm', 'done') ? 'confirm-twice' : before('try', 'reserved') ? 'confirm-apply' : 'vote'];
    else if (here?.op === 'cancel') why = ADVICE[before('cancel', 'done') ? 'cancel-twice' : before('try', 'reserved') ? 'cancel-apply' : 'empty-rollback'];
    else if (here?.op === 'try' && earlier.some((e) => e.op === 'cancel')) why = ADVICE['suspension'];
    return `money broken at step #${v.step} (p${step.node}: ${step.what}, t=${v.t}) ${where}: ${v.detail}${earlier.length ? `; earlier on this branch: ${earlier.map(ev).join(', ')}` : ''}. ${why}`;
  }

  for (const run of world.transfers) {
    const { xid, branches } = run.transfer;
    const events = world.branchEvents.filter((e) => e.xid === xid);
    if (events.length === 0) {
      if (world.crashCount === 0 && options.mustFinish !== false) return `transfer ${xid} never reached a participant ${where}: transfer() must send Try to every branch. ${ADVICE['atomic']}`;
      continue;
    }
    const confirmed = branches.filter((b) => world.confirmed.has(`${xid}@${b.participant}`));
    const onBranch = (p: number) => events.filter((e) => e.participant === p);
    if (confirmed.length > 0 && confirmed.length < branches.length) {
      const missing = branches.find((b) => !world.confirmed.has(`${xid}@${b.participant}`))!;
      const seen = onBranch(missing.participant);
      const cancelled = seen.some((e) => e.op === 'cancel');
      return `transfer ${xid} is half done ${where}: confirmed on p${confirmed.map((b) => b.participant).join(', p')} but not on p${missing.participant} (there: ${seen.map(ev).join(', ') || 'nothing arrived'}). ${cancelled ? ADVICE['atomic'] : world.crashCount > 0 ? ADVICE['recover'] : ADVICE['retry-second-phase']}`;
    }
    if (confirmed.length === 0) {
      for (const b of branches) {
        const seen = onBranch(b.participant);
        if (seen.some((e) => e.op === 'cancel' && e.result === 'done')) continue;
        const threw = seen.filter((e) => e.op === 'cancel' && e.result === 'threw');
        const tried = seen.some((e) => e.op === 'try' && e.result === 'reserved');
        const why = threw.length > 0 && !tried ? ADVICE['empty-rollback'] : world.crashCount > 0 ? ADVICE['recover'] : ADVICE['retry-second-phase'];
        return `transfer ${xid} never ended on p${b.participant} ${where}: neither confirmed nor cancelled there (${seen.map(ev).join(', ') || 'nothing arrived'}). ${why}`;
      }
    }
    if (run.answer === null && world.crashCount === 0 && options.mustFinish !== false) return `transfer ${xid} never answered ${where}: transfer() must resolve once every branch has acknowledged the decision. ${ADVICE['retry-second-phase']}`;
    if (run.answer !== null && run.answer !== (confirmed.length > 0 ? 'confirmed' : 'cancelled')) {
      return `transfer ${xid} answered "${run.answer}" ${where}, but it was ${confirmed.length > 0 ? 'confirmed' : 'cancelled'} on the participants. ${ADVICE['atomic']}`;
    }
  }

  // Nothing may stay frozen once everything has ended; every balance is its initial amount plus what was confirmed.
  for (let p = 1; p < world.stores.length; p++) {
    for (const key of world.stores[p]!.keys('frozen/')) {
      const frozen = world.amount(p, key);
      if (frozen === 0) continue;
      const late = world.branchEvents.find((e) => e.participant === p && e.op === 'try' && e.result === 'reserved' && world.branchEvents.some((c) => c.xid === e.xid && c.participant === p && c.op === 'cancel' && c.t <= e.t && c.step < e.step));
      return `p${p} ${key} is still ${JSON.stringify(frozen)} after every transaction ended ${where}${late ? `: the Try of ${late.xid} arrived at t=${late.t}, after its Cancel, and froze money again` : ''}. ${late ? ADVICE['suspension'] : ADVICE['retry-second-phase']}`;
    }
  }
  const expected = new Map<string, number>();
  for (const [k, amount] of Object.entries(world.initialBalances)) expected.set(k, amount);
  for (const b of world.confirmed.values()) {
    const k = `${b.participant}/${b.account}`;
    expected.set(k, (expected.get(k) ?? 0) + (b.kind === 'credit' ? b.amount : -b.amount));
  }
  for (const [k, want] of expected) {
    const [p, account] = k.split('/') as [string, string];
    const have = world.amount(Number(p), `balance/${account}`);
    if (have !== want) return `p${p} balance/${account} is ${JSON.stringify(have)}, expected ${want} (its initial amount plus the confirmed credits minus the confirmed debits) ${where}. ${ADVICE['confirm-twice']}`;
  }

  for (const run of world.sagas) {
    const failure = verifySaga(world, run, where, options.mustFinish !== false);
    if (failure !== null) return failure;
  }
  return null;
}

function verifySaga(world: TxnWorld, run: TxnWorld['sagas'][number], where: string, mustFinish: boolean): string | null {
  const { sagaId, steps } = run.saga;
  const events = world.sagaEvents.filter((e) => e.sagaId === sagaId);
  const applied = events.filter((e) => e.result === 'applied').map((e) => e.step);
  const compensated = events.filter((e) => e.result === 'compensated').map((e) => e.step);
  const story = `applied ${applied.map((i) => `T${i}`).join(' ') || 'nothing'}; compensated ${compensated.map((i) => `C${i}`).join(' ') || 'nothing'}`;
  const name = `saga ${sagaId} (${steps.length} steps${run.failAt === null ? '' : `, T${run.failAt} fails`})`;
  if (applied.some((s, i) => s !== i)) return `${name} ran its steps out of order ${where}: ${story}. ${ADVICE['saga-forward']}`;
  const firstCompensate = world.sagaSends.find((x) => x.sagaId === sagaId && x.op === 'compensate');
  const stepAfter = firstCompensate === undefined ? undefined : world.sagaSends.find((x) => x.sagaId === sagaId && x.op === 'step' && x.step > firstCompensate.step);
  if (stepAfter !== undefined) return `${name} sent T${stepAfter.sagaStep} again at t=${stepAfter.t}, after it had begun compensating (C${firstCompensate!.sagaStep} sent at t=${firstCompensate!.t}) ${where}: ${story}. ${ADVICE['saga-direction']}`;
  if (run.failAt !== null && applied.length > run.failAt) return `${name} ran a step after T${run.failAt} failed ${where}: ${story}. ${ADVICE['saga-forward']}`;
  const completed = applied.length === steps.length && compensated.length === 0;
  if (completed) {
    if (run.answer !== null && run.answer !== 'completed') return `${name} answered "${run.answer}" but every step completed ${where}: ${story}.`;
    return run.answer === null && world.crashCount === 0 && mustFinish ? `${name} never answered ${where}: ${story}. ${ADVICE['saga-finish']}` : null;
  }
  if (events.length === 0) return world.crashCount === 0 && mustFinish ? `${name} never ran a step ${where}. ${ADVICE['saga-finish']}` : null;
  const reverse = [...applied].reverse();
  const missing = applied.filter((s) => !compensated.includes(s));
  if (missing.length > 0) {
    const busy = events.filter((e) => e.op === 'compensate' && e.result === 'busy' && e.step === missing[0]).length;
    return `${name} left completed steps uncompensated ${where}: ${story}${busy ? ` (C${missing[0]} found its service busy ${busy} times)` : ''}. ${run.failAt === null && world.crashCount === 0 ? ADVICE['saga-finish'] : world.crashCount > 0 ? ADVICE['recover'] : ADVICE['saga-missing']}`;
  }
  if (compensated.join() !== reverse.join()) return `${name} compensated in the wrong order ${where}: ${story}, expected ${reverse.map((i) => `C${i}`).join(' ')}. ${ADVICE['saga-order']}`;
  if (run.failAt === null && world.crashCount === 0) return `${name} was compensated though no step failed and nothing crashed ${where}: ${story}. ${ADVICE['saga-finish']}`;
  if (run.answer !== null && run.answer !== 'compensated') return `${name} answered "${run.answer}" but it was compensated ${where}: ${story}.`;
  if (run.answer === null && world.crashCount === 0 && mustFinish) return `${name} never answered ${where}: ${story}. ${ADVICE['saga-missing']}`;
  return null;
}
