import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

export const timing: ElectionTiming = { heartbeatTicks: 10, electionTicks: 30 };

export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => rng.range(electionTicks, 2 * electionTicks - 1),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

/** Bug: checks the log but forgets votedFor, so a voter can grant two candidates in one term. */
export const requestVote: RequestVoteHandler = (voter, request) => {
  const myLastTerm = voter.log.lastTerm();
  return request.lastLogTerm > myLastTerm || (request.lastLogTerm === myLastTerm && request.lastLogIndex >= voter.log.lastIndex());
};
