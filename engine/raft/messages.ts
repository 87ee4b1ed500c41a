/**
 * The wire format. Every node, reference or learner, speaks exactly these messages, so they can
 * share one cluster. All fields are plain JSON.
 */
import type { Entry, NodeId, Snapshot } from './types';

interface Envelope {
  readonly from: NodeId;
  readonly to: NodeId;
  /** Sender's current term; for a PreVote request, the term the sender would campaign in. */
  readonly term: number;
}

/** Figure 2 RequestVote RPC; with `preVote` it is the PreVote probe of Raft thesis §9.6. */
export interface RequestVote extends Envelope {
  readonly type: 'RequestVote';
  readonly preVote: boolean;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

export interface RequestVoteResponse extends Envelope {
  readonly type: 'RequestVoteResponse';
  readonly preVote: boolean;
  readonly voteGranted: boolean;
}

/** Figure 2 AppendEntries RPC. `round` is the leader's heartbeat round, echoed back for ReadIndex. */
export interface AppendEntries extends Envelope {
  readonly type: 'AppendEntries';
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry[];
  readonly leaderCommit: number;
  readonly round: number;
}

export interface AppendEntriesResponse extends Envelope {
  readonly type: 'AppendEntriesResponse';
  readonly success: boolean;
  /** On success: the follower's log matches the leader's through this index. */
  readonly matchIndex: number;
  /** The prevLogIndex of the request this answers (lets the leader ignore stale rejections). */
  readonly rejectedIndex: number;
  /** On failure, the fast back-up hint: first index of `conflictTerm` in the follower's log, or its last index + 1 when `conflictTerm` is null. */
  readonly conflictIndex: number;
  readonly conflictTerm: number | null;
  readonly round: number;
}

/** Figure 13 InstallSnapshot RPC (sent whole, no chunking). */
export interface InstallSnapshot extends Envelope {
  readonly type: 'InstallSnapshot';
  readonly snapshot: Snapshot;
  readonly round: number;
}

export interface InstallSnapshotResponse extends Envelope {
  readonly type: 'InstallSnapshotResponse';
  /** The follower's log matches the leader's through this index after handling the snapshot. */
  readonly matchIndex: number;
  readonly round: number;
}

export type Message =
  | RequestVote
  | RequestVoteResponse
  | AppendEntries
  | AppendEntriesResponse
  | InstallSnapshot
  | InstallSnapshotResponse;

export type MessageType = Message['type'];

export function isResponse(m: Message): boolean {
  return m.type === 'RequestVoteResponse' || m.type === 'AppendEntriesResponse' || m.type === 'InstallSnapshotResponse';
}
