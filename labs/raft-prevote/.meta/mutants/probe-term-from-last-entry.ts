import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteTally, PreVoteView, RequestVote } from '../../api';

function atLeastAsUpToDate(request: RequestVote, voter: PreVoteView): boolean {
  const myTerm = voter.log.lastTerm();
  if (request.lastLogTerm !== myTerm) return request.lastLogTerm > myTerm;
  return request.lastLogIndex >= voter.log.lastIndex();
}

function quorum(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** Bug: the probe proposes the term after the last log entry's, not after the current term: the same while the node's term equals its last log term, too low once it lost an election (its term moved on without entries), so voters refuse it forever. */
export const preVote: PreVoteRules = {
  grant(voter: PreVoteView, request: RequestVote): boolean {
    if (request.term <= voter.currentTerm) return false;
    if (voter.leaderId !== null && voter.electionElapsedTicks < voter.electionTicks) return false;
    return atLeastAsUpToDate(request, voter);
  },

  probe(candidate: PreVoteView): PreVoteProbe {
    return { term: candidate.log.lastTerm() + 1, lastLogIndex: candidate.log.lastIndex(), lastLogTerm: candidate.log.lastTerm() };
  },

  decide(tally: PreVoteTally): PreVoteDecision {
    if (tally.granted >= quorum(tally.voters)) return 'campaign';
    if (tally.rejected >= quorum(tally.voters)) return 'give-up';
    return 'wait';
  },
};
