import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

/** Bug: the election timeout is barely longer than the heartbeat interval; one lost heartbeat starts an election. */
export const timing: ElectionTiming = { heartbeatTicks: 10, electionTicks: 12 };

export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => rng.range(electionTicks, 2 * electionTicks - 1),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

export const requestVote: RequestVoteHandler = (voter, request) => {
  const myLastTerm = voter.log.lastTerm();
  const upToDate = request.lastLogTerm > myLastTerm || (request.lastLogTerm === myLastTerm && request.lastLogIndex >= voter.log.lastIndex());
  return upToDate && (voter.votedFor === null || voter.votedFor === request.from);
};
