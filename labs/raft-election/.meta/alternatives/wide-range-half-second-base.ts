import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

/**
 * Alternative: a 500 ms base (the upper end of what MIT 6.5840 students often pick when heartbeats
 * are capped at 10 per second) and the whole allowed range [electionTicks, 3·electionTicks] for the
 * timeout; the vote rule checks the log first and the vote second.
 */
export const timing: ElectionTiming = { heartbeatTicks: 10, electionTicks: 50 };

export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => rng.range(electionTicks, 3 * electionTicks),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

export const requestVote: RequestVoteHandler = (voter, request) => {
  const lastTerm = voter.log.lastTerm();
  if (request.lastLogTerm < lastTerm) return false;
  if (request.lastLogTerm === lastTerm && request.lastLogIndex < voter.log.lastIndex()) return false;
  return voter.votedFor === null || voter.votedFor === request.from;
};
