import type { PreVoteDecision, PreVoteProbe, PreVoteRules, PreVoteTally, PreVoteView, RequestVote } from '../../api';

/**
 * Alternative (etcd's VoteLost): the pre-candidate gives up as soon as a majority can no longer be
 * reached (the grants plus the voters yet to answer fall short of a quorum), rather than waiting
 * for a majority of refusals; a voter counts the lease as still running at exactly electionTicks
 * ("heard within the base election timeout"), and a leader refuses outright.
 */
export const preVote: PreVoteRules = {
  grant(voter: PreVoteView, request: RequestVote): boolean {
    if (voter.leaderId === voter.id) return false;
    if (voter.leaderId !== null && voter.electionElapsedTicks <= voter.electionTicks) return false;
    if (request.term <= voter.currentTerm) return false;
    const lastTerm = voter.log.lastTerm();
    return request.lastLogTerm > lastTerm || (request.lastLogTerm === lastTerm && request.lastLogIndex >= voter.log.lastIndex());
  },

  probe(candidate: PreVoteView): PreVoteProbe {
    const log = candidate.log;
    return { term: candidate.currentTerm + 1, lastLogIndex: log.lastIndex(), lastLogTerm: log.lastTerm() };
  },

  decide({ granted, rejected, voters }: PreVoteTally): PreVoteDecision {
    const quorum = Math.floor(voters / 2) + 1;
    if (granted >= quorum) return 'campaign';
    const pending = voters - granted - rejected;
    if (granted + pending < quorum) return 'give-up';
    return 'wait';
  },
};
