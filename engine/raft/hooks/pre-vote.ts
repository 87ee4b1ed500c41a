import type { PreVoteRules } from '../hooks';
import { isUpToDate } from '../log-comparison';

/**
 * Raft thesis §9.6 (PreVote) with §4.2.3's leader stickiness: grant a PreVote only for a term
 * ahead of ours, to a log at least as up-to-date, and only if we have not heard from a leader
 * within the base election timeout (a leader always refuses). The probe proposes currentTerm + 1
 * without incrementing anything; a majority of grants (our own included) starts the real election.
 */
export const referencePreVote: PreVoteRules = {
  grant(voter, request) {
    if (request.term <= voter.currentTerm) return false;
    if (voter.leaderId !== null && voter.electionElapsedTicks < voter.electionTicks) return false;
    return isUpToDate(request.lastLogTerm, request.lastLogIndex, voter.log.lastTerm(), voter.log.lastIndex());
  },
  probe(candidate) {
    return { term: candidate.currentTerm + 1, lastLogIndex: candidate.log.lastIndex(), lastLogTerm: candidate.log.lastTerm() };
  },
  decide({ granted, rejected, voters }) {
    const quorum = Math.floor(voters / 2) + 1;
    if (granted >= quorum) return 'campaign';
    if (rejected >= quorum) return 'give-up';
    return 'wait';
  },
};
