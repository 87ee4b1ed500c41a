import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

export const timing: ElectionTiming = { heartbeatTicks: 10, electionTicks: 30 };

/** Bug: the same timeout on every node every time, so nodes that lost the same leader campaign together and split votes. */
export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (_rng, electionTicks) => electionTicks + 5,
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

export const requestVote: RequestVoteHandler = (voter, request) => {
  const myLastTerm = voter.log.lastTerm();
  const upToDate = request.lastLogTerm > myLastTerm || (request.lastLogTerm === myLastTerm && request.lastLogIndex >= voter.log.lastIndex());
  return upToDate && (voter.votedFor === null || voter.votedFor === request.from);
};
