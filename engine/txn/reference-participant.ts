/**
 * The reference TCC participant: a control record per xid ("tried", "confirmed", "cancelled"),
 * written in the same local transaction as the money, as Seata's TCC fence (tcc_fence_log) does.
 * It makes Confirm and Cancel idempotent, turns a Cancel without a Try into a recorded empty
 * rollback, and refuses a Try that arrives after the Cancel (no suspension).
 */
import type { Branch, Tx } from './types';

const amountAt = (tx: Tx, key: string): number => (tx.get(key) as number | undefined) ?? 0;

export class ReferenceParticipant {
  try(tx: Tx, b: Branch): boolean {
    const status = tx.get(`tcc/${b.xid}`);
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
    if (tx.get(`tcc/${b.xid}`) !== 'tried') return;
    if (b.kind === 'debit') tx.put(`frozen/${b.account}`, amountAt(tx, `frozen/${b.account}`) - b.amount);
    else tx.put(`balance/${b.account}`, amountAt(tx, `balance/${b.account}`) + b.amount);
    tx.put(`tcc/${b.xid}`, 'confirmed');
  }

  cancel(tx: Tx, b: Branch): void {
    if (tx.get(`tcc/${b.xid}`) === 'tried' && b.kind === 'debit') {
      tx.put(`balance/${b.account}`, amountAt(tx, `balance/${b.account}`) + b.amount);
      tx.put(`frozen/${b.account}`, amountAt(tx, `frozen/${b.account}`) - b.amount);
    }
    tx.put(`tcc/${b.xid}`, 'cancelled');
  }
}
