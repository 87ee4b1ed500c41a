/** The engine's input and output: one Input in, one Ready batch out (the shape of etcd's raft). */
import type { Message } from './messages';
import type { Entry, HardState, Json, LogPosition, Snapshot } from './types';

export type Input =
  /** One logical clock tick (the driver decides how many ms a tick is). */
  | { readonly kind: 'tick' }
  | { readonly kind: 'message'; readonly message: Message }
  /** Append `data` to the log if this node is the leader (Ready.proposed says where, or null). */
  | { readonly kind: 'propose'; readonly data: Json }
  /** Linearizable read (Raft §6.4): answered by a ReadState once leadership is confirmed. */
  | { readonly kind: 'readIndex'; readonly requestId: number }
  /** The application took a snapshot of its state at `index` (≤ applied): compact the log (Raft §7). */
  | { readonly kind: 'compact'; readonly index: number; readonly data: Json };

/** Drop every stored entry with index ≥ fromIndex, then append `entries` (starting at fromIndex). */
export interface LogWrite {
  readonly fromIndex: number;
  readonly entries: readonly Entry[];
}

export interface SnapshotWrite {
  readonly snapshot: Snapshot;
  /** True when it came from the leader (the state machine must be reset to it), false for local compaction. */
  readonly installed: boolean;
  /** Keep stored entries after snapshot.meta.index; otherwise drop them all. */
  readonly keepLogSuffix: boolean;
}

/** The answer to a readIndex input: safe to serve the read once applied ≥ index; null means "not the leader, retry elsewhere". */
export interface ReadState {
  readonly requestId: number;
  readonly index: number | null;
}

/**
 * One step's output.
 *
 * PERSIST BEFORE SEND: `snapshot`, then `entriesToPersist`, then `hardState` must be durable before
 * any of `messages` is handed to the network, and before `committed` is applied. The simulator's
 * driver does exactly that and checks every outgoing message against the disk.
 */
export interface Ready {
  /** Non-null when term, vote or commit changed. PERSIST FIRST. */
  readonly hardState: HardState | null;
  /** Non-null when the log changed. PERSIST FIRST. */
  readonly entriesToPersist: LogWrite | null;
  /** Non-null when a snapshot was installed or taken. PERSIST FIRST. */
  readonly snapshot: SnapshotWrite | null;
  /** SEND only after the three fields above are durable. */
  readonly messages: readonly Message[];
  /** Newly committed entries, in order, to apply to the state machine (after an installed snapshot, if any). */
  readonly committed: readonly Entry[];
  readonly readStates: readonly ReadState[];
  /** For a propose input: where the entry went, or null if this node is not the leader. */
  readonly proposed: LogPosition | null;
}
