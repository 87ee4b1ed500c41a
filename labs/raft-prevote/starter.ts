import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteTally, PreVoteView, RequestVote } from './api';

/**
 * PreVote (Raft thesis §9.6): before a node increments its term and disturbs everyone, it asks
 * "would you vote for me?". Nothing changes on anyone until a majority says yes.
 */
export const preVote: PreVoteRules = {
  /**
   * TODO (voter side). Grant only if all of these hold:
   * - the request's term is newer than ours;
   * - the candidate's log is at least as up-to-date as ours (Raft §5.4.1: last term first, then last index);
   * - we have not heard from a leader within the base election timeout (a leader never grants).
   */
  grant(voter: PreVoteView, request: RequestVote): boolean {
    return request.term > voter.currentTerm;
  },

  /** TODO (pre-candidate side): the term we would campaign in, and our last log position. Take nothing yet. */
  probe(candidate: PreVoteView): PreVoteProbe {
    return { term: candidate.currentTerm, lastLogIndex: candidate.log.lastIndex(), lastLogTerm: candidate.log.lastTerm() };
  },

  /** TODO (pre-candidate side): campaign with a majority of grants; give up once a majority refused. */
  decide(tally: PreVoteTally): PreVoteDecision {
    return tally.granted >= 1 ? 'campaign' : 'wait';
  },
};
