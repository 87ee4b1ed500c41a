/** The three replicas of the register. Versions compare replica ids alphabetically: 'A' < 'B' < 'C'. */
export type ReplicaId = 'A' | 'B' | 'C';

/** 'cp': linearizable or refuse. 'ap': always answer, converge after the partition heals. */
export type Mode = 'cp' | 'ap';

/**
 * A write's version, ordered by counter, then by replica id (last-writer-wins order).
 * The initial value 0 has version { counter: 0, replica: 'A' }; every write's counter is at least 1.
 */
export interface Version {
  counter: number;
  replica: ReplicaId;
}

/** What a replica holds: the value and the version of the write that produced it. */
export interface Stored {
  value: number;
  version: Version;
}

/**
 * Messages between replicas. The network may drop, delay, duplicate and reorder them, and cuts
 * every message that crosses a partition (also ones already in flight). They are copied on send.
 * `opId` lets a reply find its operation; anything you send for other reasons (gossip) may use 0.
 */
export type PeerMessage =
  /** "What do you hold?" */
  | { type: 'query'; opId: number }
  | { type: 'query-reply'; opId: number; stored: Stored }
  /** "Store this if it is newer than what you hold." */
  | { type: 'store'; opId: number; stored: Stored }
  | { type: 'store-ack'; opId: number };

export type ReadResult = { ok: true; value: number; version: Version } | { ok: false; reason: string };
export type WriteResult = { ok: true; version: Version } | { ok: false; reason: string };

/** What the simulation gives each replica. */
export interface ReplicaEnv {
  readonly id: ReplicaId;
  /** The two other replicas. */
  readonly peers: readonly ReplicaId[];
  readonly mode: Mode;
  /** Sends a message to a peer; it may never arrive. */
  send(to: ReplicaId, message: PeerMessage): void;
  /** Calls `fn` after `delayMs` (at least 1) of virtual time. */
  setTimer(delayMs: number, fn: () => void): void;
  /** This replica's wall clock in ms. Clocks of different replicas may disagree by seconds. */
  nowMs(): number;
}

export declare class Replica {
  constructor(env: ReplicaEnv);
  /** A client reads through this replica. Call `reply` exactly once, now or later. */
  read(reply: (result: ReadResult) => void): void;
  /** A client writes `value` through this replica. Call `reply` exactly once, now or later. */
  write(value: number, reply: (result: WriteResult) => void): void;
  /** A message from a peer arrived. */
  receive(from: ReplicaId, message: PeerMessage): void;
  /** This replica's local copy, read by the tests (for convergence); must not change anything. */
  stored(): Stored;
}
