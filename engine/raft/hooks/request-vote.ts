import type { RequestVoteHandler } from '../hooks';
import { isUpToDate } from '../log-comparison';

/**
 * Raft §5.2 (one vote per term, first come first served) and §5.4.1 (the election restriction:
 * only vote for a candidate whose log is at least as up-to-date). A PreVote (thesis §9.6) is
 * granted without recording a vote when the candidate's proposed term is ahead of ours.
 */
export const referenceRequestVote: RequestVoteHandler = (voter, request) => {
  const logOk = isUpToDate(request.lastLogTerm, request.lastLogIndex, voter.log.lastTerm(), voter.log.lastIndex());
  if (request.preVote) return request.term > voter.currentTerm && logOk;
  const canVote = voter.votedFor === null || voter.votedFor === request.from;
  return canVote && logOk;
};
