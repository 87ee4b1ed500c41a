// Mutant: Confirm/Cancel are sent once: a lost request or reply leaves the branch undecided.
import type { Branch, Coordinator as CoordinatorApi, CoordinatorEnv, Json, ParticipantRequest, Saga, Transfer, Tx } from '../../api';

const amountAt = (tx: Tx, key: string): number => (tx.get(key) as number | undefined) ?? 0;

/**
 * A TCC participant with a control record per xid (Seata's tcc_fence_log), written in the same
 * local transaction as the money: "tried", "confirmed" or "cancelled".
 */
export class TccParticipant {
  try(tx: Tx, b: Branch): boolean {
    const status = tx.get(`tcc/${b.xid}`);
    // A duplicate Try answers as before; a Try after a Cancel (even an empty one) is refused: no suspension.
    if (status !== undefined) return status === 'tried';
    if (b.kind === 'debit') {
      const balance = amountAt(tx, `balance/${b.account}`);
      if (balance < b.amount) return false;
      tx.put(`balance/${b.account}`, balance - b.amount);
      tx.put(`frozen/${b.account}`, amountAt(tx, `frozen/${b.account}`) + b.amount);
    }
    tx.put(`tcc/${b.xid}`, 'tried');
    return true;
  }

  confirm(tx: Tx, b: Branch): void {
    if (tx.get(`tcc/${b.xid}`) !== 'tried') return; // idempotent: confirmed already
    if (b.kind === 'debit') tx.put(`frozen/${b.account}`, amountAt(tx, `frozen/${b.account}`) - b.amount);
    else tx.put(`balance/${b.account}`, amountAt(tx, `balance/${b.account}`) + b.amount);
    tx.put(`tcc/${b.xid}`, 'confirmed');
  }

  cancel(tx: Tx, b: Branch): void {
    if (tx.get(`tcc/${b.xid}`) === 'tried' && b.kind === 'debit') {
      tx.put(`balance/${b.account}`, amountAt(tx, `balance/${b.account}`) + b.amount);
      tx.put(`frozen/${b.account}`, amountAt(tx, `frozen/${b.account}`) - b.amount);
    }
    // Also when Try never ran (empty rollback): the record makes a late Try refuse.
    tx.put(`tcc/${b.xid}`, 'cancelled');
  }
}

const RETRY_MS = 15;

interface SagaRecord {
  saga: Saga;
  /** Forward: the next step to run. Backward: the steps below it are still to compensate. */
  next: number;
  compensating: boolean;
}

/** The coordinator: logs before it acts, retries until acknowledged, and recovers from the log. */
export class Coordinator implements CoordinatorApi {
  constructor(private readonly env: CoordinatorEnv) {}

  async transfer(t: Transfer): Promise<'confirmed' | 'cancelled'> {
    // Log the branches before the first Try, so a new coordinator can cancel them after a crash.
    await this.env.log.write(`tcc/${t.xid}`, { transfer: t as unknown as Json, decision: null });
    const votes = await Promise.all(t.branches.map((b) => this.env.call(b.participant, { op: 'try', branch: b })));
    return this.settle(t, votes.every((v) => v?.ok === true) ? 'confirm' : 'cancel');
  }

  private async settle(t: Transfer, decision: 'confirm' | 'cancel'): Promise<'confirmed' | 'cancelled'> {
    await this.env.log.write(`tcc/${t.xid}`, { transfer: t as unknown as Json, decision });
    await Promise.all(t.branches.map((b) => this.env.call(b.participant, { op: decision, branch: b })));
    return decision === 'confirm' ? 'confirmed' : 'cancelled';
  }

  private async untilDone(participant: number, request: ParticipantRequest): Promise<void> {
    while ((await this.env.call(participant, request))?.ok !== true) await this.env.sleep(RETRY_MS);
  }

  async saga(s: Saga): Promise<'completed' | 'compensated'> {
    await this.record({ saga: s, next: 0, compensating: false });
    return this.forward(s, 0);
  }

  private record(r: SagaRecord): Promise<void> {
    return this.env.log.write(`saga/${r.saga.sagaId}`, r as unknown as Json);
  }

  private async forward(s: Saga, from: number): Promise<'completed' | 'compensated'> {
    for (let i = from; i < s.steps.length; i++) {
      let reply = await this.env.call(s.steps[i]!.participant, { op: 'step', sagaId: s.sagaId, step: i });
      // No answer: the step may or may not have run. Steps are idempotent, so ask again.
      while (reply === null) reply = await this.env.call(s.steps[i]!.participant, { op: 'step', sagaId: s.sagaId, step: i });
      if (!reply.ok) return this.backward(s, i);
      await this.record({ saga: s, next: i + 1, compensating: false });
    }
    return 'completed';
  }

  /** Compensates steps from-1 … 0, in that order (backward recovery). */
  private async backward(s: Saga, from: number): Promise<'compensated'> {
    for (let i = from - 1; i >= 0; i--) {
      await this.record({ saga: s, next: i + 1, compensating: true });
      await this.untilDone(s.steps[i]!.participant, { op: 'compensate', sagaId: s.sagaId, step: i });
    }
    await this.record({ saga: s, next: 0, compensating: true });
    return 'compensated';
  }

  async recover(): Promise<void> {
    const work: Promise<unknown>[] = [];
    for (const key of this.env.log.keys('tcc/')) {
      const r = this.env.log.read(key) as unknown as { transfer: Transfer; decision: 'confirm' | 'cancel' | null };
      // Presumed abort: a transfer the log has no decision for is cancelled.
      work.push(this.settle(r.transfer, r.decision ?? 'cancel'));
    }
    for (const key of this.env.log.keys('saga/')) {
      const r = this.env.log.read(key) as unknown as SagaRecord;
      work.push(r.compensating ? this.backward(r.saga, r.next) : this.forward(r.saga, r.next));
    }
    await Promise.all(work);
  }
}
