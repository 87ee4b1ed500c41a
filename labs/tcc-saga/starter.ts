import type { Branch, CoordinatorEnv, Saga, Transfer, Tx } from './api';

const amountAt = (tx: Tx, key: string): number => (tx.get(key) as number | undefined) ?? 0;

/**
 * A participant with no memory of what it did: every Try freezes, every Confirm spends, every
 * Cancel releases, however often they arrive and in whatever order. Make it safe against
 * duplicates, a Cancel without a Try (empty rollback) and a Try after its Cancel (suspension).
 */
export class TccParticipant {
  try(tx: Tx, b: Branch): boolean {
    // TODO: refuse a debit the balance cannot cover; remember the xid (a control record).
    if (b.kind === 'debit') {
      tx.put(`balance/${b.account}`, amountAt(tx, `balance/${b.account}`) - b.amount);
      tx.put(`frozen/${b.account}`, amountAt(tx, `frozen/${b.account}`) + b.amount);
    }
    return true;
  }

  confirm(tx: Tx, b: Branch): void {
    // TODO: idempotent.
    if (b.kind === 'debit') tx.put(`frozen/${b.account}`, amountAt(tx, `frozen/${b.account}`) - b.amount);
    else tx.put(`balance/${b.account}`, amountAt(tx, `balance/${b.account}`) + b.amount);
  }

  cancel(tx: Tx, b: Branch): void {
    // TODO: idempotent; an empty rollback (no Try here) records the xid and succeeds.
    if (b.kind === 'debit') {
      tx.put(`balance/${b.account}`, amountAt(tx, `balance/${b.account}`) + b.amount);
      tx.put(`frozen/${b.account}`, amountAt(tx, `frozen/${b.account}`) - b.amount);
    }
  }
}

/**
 * A coordinator that sends every message once, logs nothing and forgets everything in a crash.
 */
export class Coordinator {
  constructor(private readonly env: CoordinatorEnv) {}

  async transfer(t: Transfer): Promise<'confirmed' | 'cancelled'> {
    // TODO: log the branches first; decide from all the Try replies (null = no answer);
    //       log the decision; retry Confirm/Cancel on each branch until it answers ok.
    await Promise.all(t.branches.map((b) => this.env.call(b.participant, { op: 'try', branch: b })));
    await Promise.all(t.branches.map((b) => this.env.call(b.participant, { op: 'confirm', branch: b })));
    return 'confirmed';
  }

  async saga(s: Saga): Promise<'completed' | 'compensated'> {
    // TODO: on a failed step, compensate the completed steps in reverse order (retry each);
    //       a lost reply (null) is not a failure; log progress so recover() can continue.
    for (let i = 0; i < s.steps.length; i++) {
      const reply = await this.env.call(s.steps[i]!.participant, { op: 'step', sagaId: s.sagaId, step: i });
      if (reply?.ok !== true) return 'compensated';
    }
    return 'completed';
  }

  async recover(): Promise<void> {
    // TODO: finish every transfer and saga the log holds.
  }
}
