import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteTally, PreVoteView, RequestVote } from '../../api';

function atLeastAsUpToDate(request: RequestVote, voter: PreVoteView): boolean {
  const myTerm = voter.log.lastTerm();
  if (request.lastLogTerm !== myTerm) return request.lastLogTerm > myTerm;
  return request.lastLogIndex >= voter.log.lastIndex();
}

function quorum(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** Bug: the leader lease is a fixed 30 ticks (the default election timeout) instead of the voter's electionTicks: right only when electionTicks is 30. */
export const preVote: PreVoteRules = {
  grant(voter: PreVoteView, request: RequestVote): boolean {
    if (request.term <= voter.currentTerm) return false;
    if (voter.leaderId !== null && voter.electionElapsedTicks < 30) return false;
    return atLeastAsUpToDate(request, voter);
  },

  probe(candidate: PreVoteView): PreVoteProbe {
    return { term: candidate.currentTerm + 1, lastLogIndex: candidate.log.lastIndex(), lastLogTerm: candidate.log.lastTerm() };
  },

  decide(tally: PreVoteTally): PreVoteDecision {
    if (tally.granted >= quorum(tally.voters)) return 'campaign';
    if (tally.rejected >= quorum(tally.voters)) return 'give-up';
    return 'wait';
  },
};
