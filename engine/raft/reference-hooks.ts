import type { RaftHooks } from './hooks';
import { referenceAppendEntries } from './hooks/append-entries';
import { referenceCommitRule } from './hooks/commit-rule';
import { referenceElectionTimer } from './hooks/election-timer';
import { referenceInstallSnapshot } from './hooks/install-snapshot';
import { referencePersistence } from './hooks/persistence';
import { referenceRequestVote } from './hooks/request-vote';

export const REFERENCE_HOOKS: RaftHooks = {
  requestVote: referenceRequestVote,
  electionTimer: referenceElectionTimer,
  appendEntries: referenceAppendEntries,
  commitRule: referenceCommitRule,
  persistence: referencePersistence,
  installSnapshot: referenceInstallSnapshot,
};

/** The reference hooks with some replaced, e.g. `withHooks({ requestVote: learnerRequestVote })`. */
export function withHooks(overrides: Partial<RaftHooks> = {}): RaftHooks {
  return { ...REFERENCE_HOOKS, ...overrides };
}
