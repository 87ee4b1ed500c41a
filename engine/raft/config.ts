import type { RandomSource } from './hooks';
import type { NodeId } from './types';

export interface RaftConfig {
  readonly id: NodeId;
  /** Every voter in the cluster, this node included. */
  readonly voters: readonly NodeId[];
  /** Base election timeout; the reference timer draws from [electionTicks, 2·electionTicks). */
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
  /** Thesis §9.6: probe with PreVote before incrementing the term. */
  readonly preVote: boolean;
  /** Thesis §6.2: a leader steps down if it has not heard from a quorum for electionTicks; voters ignore disruptive candidates while they hear from a leader. */
  readonly checkQuorum: boolean;
  /**
   * How the leader answers readIndex (etcd's ReadOnlyOption): 'safe' (default) confirms leadership
   * with a heartbeat round (Raft §6.4); 'lease-based' answers at once while its leader lease holds
   * (thesis §6.4.1; needs checkQuorum, whose vote refusal is what makes the lease safe), and falls
   * back to a heartbeat round otherwise.
   */
  readonly readOnly?: 'safe' | 'lease-based';
  /** Lease reads: the assumed bound on clock drift, fastest clock rate over slowest (default 1.1). */
  readonly clockDriftBound?: number;
  readonly maxEntriesPerMessage: number;
  readonly rng: RandomSource;
  /**
   * Raft §8: a new leader appends a no-op of its term (default true). Off only to replay the paper's
   * Figure 8 (§5.4.2), whose leaders append nothing on election.
   */
  readonly noOpOnElection?: boolean;
}

export const DEFAULT_TIMING = {
  electionTicks: 30,
  heartbeatTicks: 10,
  maxEntriesPerMessage: 64,
} as const;

export function validateConfig(c: RaftConfig): RaftConfig {
  if (!c.voters.includes(c.id)) throw new RangeError(`node ${c.id} is not among the voters ${c.voters.join(',')}`);
  if (new Set(c.voters).size !== c.voters.length) throw new RangeError('voters must be distinct');
  if (!Number.isInteger(c.heartbeatTicks) || c.heartbeatTicks < 1) throw new RangeError('heartbeatTicks must be a positive integer');
  if (!Number.isInteger(c.electionTicks) || c.electionTicks <= c.heartbeatTicks) throw new RangeError('electionTicks must be an integer greater than heartbeatTicks');
  if (c.readOnly === 'lease-based' && !c.checkQuorum) throw new RangeError('lease-based reads need checkQuorum (thesis §6.4.1: followers must refuse votes while they hear from a leader)');
  if (c.clockDriftBound !== undefined && !(c.clockDriftBound >= 1)) throw new RangeError('clockDriftBound must be a number ≥ 1');
  if (!Number.isInteger(c.maxEntriesPerMessage) || c.maxEntriesPerMessage < 1) throw new RangeError('maxEntriesPerMessage must be a positive integer');
  return c;
}
