import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

/** Bug: 20 heartbeats per second per follower: fine on 3 nodes (40 RPCs/s), over budget on 5 (80 RPCs/s). */
export const timing: ElectionTiming = { heartbeatTicks: 5, electionTicks: 30 };

export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => rng.range(electionTicks, 2 * electionTicks - 1),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

export const requestVote: RequestVoteHandler = (voter, request) => {
  const myLastTerm = voter.log.lastTerm();
  const upToDate = request.lastLogTerm > myLastTerm || (request.lastLogTerm === myLastTerm && request.lastLogIndex >= voter.log.lastIndex());
  return upToDate && (voter.votedFor === null || voter.votedFor === request.from);
};
