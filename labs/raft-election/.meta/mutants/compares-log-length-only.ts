import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

export const timing: ElectionTiming = { heartbeatTicks: 10, electionTicks: 30 };

export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => rng.range(electionTicks, 2 * electionTicks - 1),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

/** Bug: "up-to-date" means "at least as long": a long log of stale terms beats a shorter log with a newer last term. */
export const requestVote: RequestVoteHandler = (voter, request) => {
  if (request.lastLogIndex < voter.log.lastIndex()) return false;
  return voter.votedFor === null || voter.votedFor === request.from;
};
