import type { PeerMessage, ReadResult, ReplicaEnv, ReplicaId, Stored, Version, WriteResult } from './api';

/** True when version a is after version b: higher counter, or the same counter and a higher replica id. */
export function newer(a: Version, b: Version): boolean {
  return a.counter !== b.counter ? a.counter > b.counter : a.replica > b.replica;
}

/**
 * One replica of the register. As given, every replica answers from its own copy and never
 * talks to its peers: neither consistent (CP) nor convergent (AP).
 *
 * CP (env.mode === 'cp'): a read or write must involve a majority (this replica and one peer)
 *   before it answers; with no majority within a deadline, answer { ok: false }.
 * AP (env.mode === 'ap'): answer from the local copy at once, replicate in the background,
 *   and converge after a partition heals by last-writer-wins on (counter, replica id).
 */
export class Replica {
  private copy: Stored = { value: 0, version: { counter: 0, replica: 'A' } };

  constructor(private readonly env: ReplicaEnv) {
    // TODO (ap): start a periodic anti-entropy timer with env.setTimer.
  }

  read(reply: (result: ReadResult) => void): void {
    // TODO (cp): query a majority, write back the newest value to a majority, then answer.
    reply({ ok: true, value: this.copy.value, version: this.copy.version });
  }

  write(value: number, reply: (result: WriteResult) => void): void {
    // TODO (cp): learn the highest version from a majority, store a higher one on a majority.
    // TODO (ap): take a version above everything this replica has seen; push it to the peers.
    this.copy = { value, version: { counter: this.copy.version.counter + 1, replica: this.env.id } };
    reply({ ok: true, version: this.copy.version });
  }

  receive(from: ReplicaId, message: PeerMessage): void {
    // TODO: answer queries, store newer values, collect replies for your pending operations.
    void from;
    void message;
  }

  stored(): Stored {
    return this.copy;
  }
}
