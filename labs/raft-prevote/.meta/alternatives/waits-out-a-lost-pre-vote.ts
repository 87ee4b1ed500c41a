import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteTally, PreVoteView, RequestVote } from '../../api';

/**
 * Alternative: decide never gives up. It campaigns exactly at a majority of the cluster and
 * otherwise keeps waiting, also after a majority refused: the README asks only when to campaign,
 * and a lost pre-vote changes nothing either way (no term, no vote); the pre-candidate follows
 * the first leader it hears from, and its election timer starts a fresh pre-vote later.
 */
function upToDate(voter: PreVoteView, request: RequestVote): boolean {
  const lastTerm = voter.log.lastTerm();
  return request.lastLogTerm > lastTerm || (request.lastLogTerm === lastTerm && request.lastLogIndex >= voter.log.lastIndex());
}

export const preVote: PreVoteRules = {
  grant(voter: PreVoteView, request: RequestVote): boolean {
    const leaderAlive = voter.leaderId !== null && voter.electionElapsedTicks < voter.electionTicks;
    return request.term > voter.currentTerm && !leaderAlive && upToDate(voter, request);
  },

  probe(candidate: PreVoteView): PreVoteProbe {
    return { term: candidate.currentTerm + 1, lastLogIndex: candidate.log.lastIndex(), lastLogTerm: candidate.log.lastTerm() };
  },

  decide(tally: PreVoteTally): PreVoteDecision {
    return tally.granted >= Math.floor(tally.voters / 2) + 1 ? 'campaign' : 'wait';
  },
};
