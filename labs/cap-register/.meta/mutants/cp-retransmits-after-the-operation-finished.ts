import type { PeerMessage, ReadResult, ReplicaEnv, ReplicaId, Stored, Version, WriteResult } from '../../api';

/** Retransmit to silent peers this often while an operation waits for a majority. */
const RETRY_MS = 40;
/** Give up and refuse (CP) when no majority answered within this time. */
const OP_TIMEOUT_MS = 400;
/** AP anti-entropy: push the local copy to every peer this often. */
const GOSSIP_MS = 100;

function newer(a: Version, b: Version): boolean {
  return a.counter !== b.counter ? a.counter > b.counter : a.replica > b.replica;
}

interface Pending {
  kind: 'read' | 'write';
  phase: 'query' | 'store';
  /** The value to write (writes), or the value chosen to return (reads, phase 'store'). */
  stored: Stored | null;
  writeValue: number;
  /** Peers that answered the current phase; the replica itself always counts. */
  answered: Set<ReplicaId>;
  best: Stored;
  finish: (result: Stored | null) => void;
}

/**
 * CP: the ABD quorum register (Attiya, Bar-Noy, Dolev), multi-writer. Both operations run two
 * phases over a majority (2 of 3, the replica itself included): query the highest version, then
 * store (a write: a fresh version above it; a read: write back what it is about to return), and
 * answer only when a majority acknowledged. No majority within the timeout: refuse.
 * AP: answer from the local copy at once; writes take (Lamport counter + 1, own id); replicate by
 * pushing the copy to the peers on every write and periodically (anti-entropy); merge by
 * last-writer-wins, so all replicas converge on the highest version once messages flow again.
 */
export class Replica {
  private copy: Stored = { value: 0, version: { counter: 0, replica: 'A' } };
  private readonly pending = new Map<number, Pending>();
  private nextOpId = 1;
  /** The highest counter this replica gave a write: two writes in flight here need distinct versions. */
  private lastIssued = 0;

  constructor(private readonly env: ReplicaEnv) {
    if (env.mode === 'ap') this.gossip();
  }

  read(reply: (result: ReadResult) => void): void {
    if (this.env.mode === 'ap') {
      reply({ ok: true, value: this.copy.value, version: { ...this.copy.version } });
      return;
    }
    this.start('read', 0, (s) => reply(s === null ? { ok: false, reason: 'no majority reachable' } : { ok: true, value: s.value, version: { ...s.version } }));
  }

  write(value: number, reply: (result: WriteResult) => void): void {
    if (this.env.mode === 'ap') {
      this.copy = { value, version: { counter: this.copy.version.counter + 1, replica: this.env.id } };
      this.broadcast({ type: 'store', opId: 0, stored: this.copy });
      reply({ ok: true, version: { ...this.copy.version } });
      return;
    }
    this.start('write', value, (s) => reply(s === null ? { ok: false, reason: 'no majority reachable' } : { ok: true, version: { ...s.version } }));
  }

  receive(from: ReplicaId, message: PeerMessage): void {
    switch (message.type) {
      case 'query':
        this.env.send(from, { type: 'query-reply', opId: message.opId, stored: this.copy });
        return;
      case 'store':
        this.adopt(message.stored);
        if (message.opId !== 0) this.env.send(from, { type: 'store-ack', opId: message.opId });
        return;
      case 'query-reply': {
        const op = this.pending.get(message.opId);
        if (op === undefined || op.phase !== 'query') return;
        op.answered.add(from);
        if (newer(message.stored.version, op.best.version)) op.best = message.stored;
        this.advance(message.opId, op);
        return;
      }
      case 'store-ack': {
        const op = this.pending.get(message.opId);
        if (op === undefined || op.phase !== 'store') return;
        op.answered.add(from);
        this.advance(message.opId, op);
        return;
      }
    }
  }

  stored(): Stored {
    return this.copy;
  }

  private adopt(s: Stored): void {
    if (newer(s.version, this.copy.version)) this.copy = { value: s.value, version: { ...s.version } };
  }

  private start(kind: 'read' | 'write', writeValue: number, done: (s: Stored | null) => void): void {
    const opId = this.nextOpId++;
    const op: Pending = { kind, phase: 'query', stored: null, writeValue, answered: new Set([this.env.id]), best: this.copy, finish: done };
    this.pending.set(opId, op);
    this.env.setTimer(OP_TIMEOUT_MS, () => {
      if (this.pending.delete(opId)) done(null);
    });
    this.sendPhase(opId, op);
    this.retry(opId, op);
  }

  private sendPhase(opId: number, op: Pending): void {
    for (const peer of this.env.peers) {
      if (op.answered.has(peer)) continue;
      this.env.send(peer, op.phase === 'query' ? { type: 'query', opId } : { type: 'store', opId, stored: op.stored! });
    }
  }

  private retry(opId: number, op: Pending): void {
    // Resend to the peers that have not answered this phase yet, every RETRY_MS.
    this.env.setTimer(RETRY_MS, () => {
      this.sendPhase(opId, op);
      this.retry(opId, op);
    });
  }

  /** A majority (2 of 3) is the replica itself plus one peer. */
  private advance(opId: number, op: Pending): void {
    if (op.answered.size < 2) return;
    if (op.phase === 'query') {
      if (op.kind === 'write') {
        this.lastIssued = Math.max(op.best.version.counter, this.lastIssued) + 1;
        op.stored = { value: op.writeValue, version: { counter: this.lastIssued, replica: this.env.id } };
      } else {
        op.stored = op.best;
      }
      op.phase = 'store';
      op.answered = new Set([this.env.id]);
      this.adopt(op.stored);
      this.sendPhase(opId, op);
      return;
    }
    this.pending.delete(opId);
    op.finish(op.stored);
  }

  private broadcast(message: PeerMessage): void {
    for (const peer of this.env.peers) this.env.send(peer, message);
  }

  private gossip(): void {
    this.broadcast({ type: 'store', opId: 0, stored: this.copy });
    this.env.setTimer(GOSSIP_MS, () => this.gossip());
  }
}
