/** Hand-built and generated views for checking the membership rules one case at a time. */
import { configEntryData, describeConfig, type MembershipView } from '../../engine/raft/membership';
import { RaftLog } from '../../engine/raft/raft-log';
import type { Entry } from '../../engine/raft/types';
import type { CatchUpProgress, ClusterConfig } from './api';

/** A view as plain data: the log as the term of each entry (index 1 first). */
export interface ViewData {
  readonly id: number;
  readonly currentTerm: number;
  readonly log: readonly number[];
  readonly commitIndex: number;
  readonly config: ClusterConfig;
  /** 0: the initial configuration (no configuration entry in the log). */
  readonly configIndex: number;
}

/** The engine's view (its entries carry Json, which the lab's api reads as unknown). */
export function toView(v: ViewData): MembershipView {
  const entries: Entry[] = v.log.map((term, i) => ({ index: i + 1, term, data: i + 1 === v.configIndex ? configEntryData(v.config) : i === 0 ? null : `v${i + 1}` }));
  const config = Object.freeze({ voters: Object.freeze([...v.config.voters]), learners: Object.freeze([...v.config.learners]) });
  return Object.freeze({ id: v.id, currentTerm: v.currentTerm, commitIndex: v.commitIndex, log: new RaftLog(0, 0, entries), config, configIndex: v.configIndex });
}

export function describeView(v: ViewData): string {
  const log = v.log.length === 0 ? 'an empty log' : `a log of terms [${v.log.join(', ')}]`;
  const where = v.configIndex === 0 ? 'the initial configuration' : `the configuration entry at index ${v.configIndex}`;
  const commitTerm = v.commitIndex === 0 ? 0 : v.log[v.commitIndex - 1];
  return `node ${v.id} in term ${v.currentTerm} with ${log}, commit index ${v.commitIndex} (term ${commitTerm}), using ${describeConfig(v.config)} from ${where}`;
}

export function describeProgress(p: CatchUpProgress): string {
  return `learner ${p.node} with matchIndex ${p.matchIndex}; the leader's last index ${p.leaderLastIndex}, commit index ${p.leaderCommitIndex}`;
}

export function describeQuorum(config: ClusterConfig, acks: readonly number[]): string {
  return `config ${describeConfig(config)}, acks [${acks.join(', ')}]`;
}

export function cfg(voters: readonly number[], learners: readonly number[] = []): ClusterConfig {
  return Object.freeze({ voters: Object.freeze([...voters]), learners: Object.freeze([...learners]) });
}
