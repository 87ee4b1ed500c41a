import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteTally, PreVoteView, RequestVote } from '../api';

/** Raft §5.4.1: the later last term wins; with equal last terms the longer log wins (ties grant). */
function atLeastAsUpToDate(request: RequestVote, voter: PreVoteView): boolean {
  const myTerm = voter.log.lastTerm();
  if (request.lastLogTerm !== myTerm) return request.lastLogTerm > myTerm;
  return request.lastLogIndex >= voter.log.lastIndex();
}

/** Thesis §4.2.3: while we hear from a leader (or are one), nobody needs a new election. */
function hearsFromLeader(voter: PreVoteView): boolean {
  return voter.leaderId !== null && voter.electionElapsedTicks < voter.electionTicks;
}

function quorum(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** Raft thesis §9.6 (PreVote) with leader stickiness. */
export const preVote: PreVoteRules = {
  grant(voter: PreVoteView, request: RequestVote): boolean {
    if (request.term <= voter.currentTerm) return false;
    if (hearsFromLeader(voter)) return false;
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
