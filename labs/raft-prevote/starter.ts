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
    void voter;
    void request;
    throw new Error('TODO: preVote.grant: newer term, up-to-date log, and no leader heard from recently');
  },

  /** TODO (pre-candidate side): the term we would campaign in, and our last log position. Take nothing yet. */
  probe(candidate: PreVoteView): PreVoteProbe {
    void candidate;
    // Return { term, lastLogIndex, lastLogTerm }; read the last log position from candidate.log.
    throw new Error('TODO: preVote.probe: the term you would campaign in, and your last log position');
  },

  /** TODO (pre-candidate side): campaign with a majority of grants; give up once a majority refused. */
  decide(tally: PreVoteTally): PreVoteDecision {
    void tally;
    // Return 'campaign', 'wait' or 'give-up'; tally.voters is the size of the whole cluster.
    throw new Error('TODO: preVote.decide: campaign on a majority of grants, give up on a majority of refusals');
  },
};
