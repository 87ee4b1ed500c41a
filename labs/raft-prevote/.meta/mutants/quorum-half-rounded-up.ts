import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteTally, PreVoteView, RequestVote } from '../../api';

function atLeastAsUpToDate(request: RequestVote, voter: PreVoteView): boolean {
  const myTerm = voter.log.lastTerm();
  if (request.lastLogTerm !== myTerm) return request.lastLogTerm > myTerm;
  return request.lastLogIndex >= voter.log.lastIndex();
}

function quorum(voters: number): number {
  return Math.ceil(voters / 2);
}

/** Bug: "a majority" taken as half the voters rounded up: right for 3, 5 and 7 voters, but 2 of 4 (or 3 of 6) starts a campaign that cannot win, and raises the term. */
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
    if (tally.granted >= quorum(tally.voters)) return 'campaign';
    if (tally.rejected > tally.voters - quorum(tally.voters)) return 'give-up';
    return 'wait';
  },
};
