import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteTally, PreVoteView, RequestVote } from '../../api';

function atLeastAsUpToDate(request: RequestVote, voter: PreVoteView): boolean {
  const myTerm = voter.log.lastTerm();
  if (request.lastLogTerm !== myTerm) return request.lastLogTerm > myTerm;
  return request.lastLogIndex >= voter.log.lastIndex();
}

function quorum(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** Bug: the pre-vote forgets the §5.4.1 up-to-date check, so a stale log passes it (and then raises terms in a real election it cannot win). */
export const preVote: PreVoteRules = {
  grant(voter: PreVoteView, request: RequestVote): boolean {
    if (request.term <= voter.currentTerm) return false;
    void atLeastAsUpToDate;
    return !(voter.leaderId !== null && voter.electionElapsedTicks < voter.electionTicks);
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
