import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteView, RequestVote } from '../../api';

/**
 * Alternative: the majority test written as 2·count > voters on both sides, and the grant checks
 * ordered log first, then the term, then the lease.
 */
function upToDate(voter: PreVoteView, request: RequestVote): boolean {
  const mine = voter.log;
  if (request.lastLogTerm > mine.lastTerm()) return true;
  if (request.lastLogTerm < mine.lastTerm()) return false;
  return request.lastLogIndex >= mine.lastIndex();
}

export const preVote: PreVoteRules = {
  grant: (voter, request) => {
    if (!upToDate(voter, request)) return false;
    if (!(request.term > voter.currentTerm)) return false;
    const leaderAlive = voter.leaderId !== null && voter.electionTicks - voter.electionElapsedTicks > 0;
    return !leaderAlive;
  },

  probe: (candidate): PreVoteProbe => ({
    lastLogTerm: candidate.log.lastTerm(),
    lastLogIndex: candidate.log.lastIndex(),
    term: 1 + candidate.currentTerm,
  }),

  decide: (tally): PreVoteDecision => {
    if (2 * tally.granted > tally.voters) return 'campaign';
    if (2 * tally.rejected > tally.voters) return 'give-up';
    return 'wait';
  },
};
