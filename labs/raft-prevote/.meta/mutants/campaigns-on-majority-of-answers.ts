import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteTally, PreVoteView, RequestVote } from '../../api';

function atLeastAsUpToDate(request: RequestVote, voter: PreVoteView): boolean {
  const myTerm = voter.log.lastTerm();
  if (request.lastLogTerm !== myTerm) return request.lastLogTerm > myTerm;
  return request.lastLogIndex >= voter.log.lastIndex();
}

function quorum(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** Bug: campaigns when the grants outnumber the refusals so far, not when a majority of the cluster granted. */
export const preVote: PreVoteRules = {
  grant(voter: PreVoteView, request: RequestVote): boolean {
    if (request.term <= voter.currentTerm) return false;
    if (voter.leaderId !== null && voter.electionElapsedTicks < voter.electionTicks) return false;
    return atLeastAsUpToDate(request, voter);
  },

  probe(candidate: PreVoteView): PreVoteProbe {
    return { term: candidate.currentTerm + 1, lastLogIndex: candidate.log.lastIndex(), lastLogTerm: candidate.log.lastTerm() };
  },

  decide(tally: PreVoteTally): PreVoteDecision {
    void quorum;
    if (tally.granted > tally.rejected) return 'campaign';
    return tally.rejected > tally.granted ? 'give-up' : 'wait';
  },
};
