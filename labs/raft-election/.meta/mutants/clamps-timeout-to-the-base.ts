import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

export const timing: ElectionTiming = { heartbeatTicks: 10, electionTicks: 30 };

/**
 * Bug: draws from a range that starts below electionTicks and clamps the draw up to it, so the base
 * timeout itself comes up six times as often as any other value (and nodes that draw it campaign together).
 * Every value lies in [electionTicks, 2·electionTicks] and almost all of them show up: only their frequencies give it away.
 */
export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => Math.max(electionTicks, rng.range(electionTicks - 5, 2 * electionTicks)),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

export const requestVote: RequestVoteHandler = (voter, request) => {
  const myLastTerm = voter.log.lastTerm();
  const upToDate = request.lastLogTerm > myLastTerm || (request.lastLogTerm === myLastTerm && request.lastLogIndex >= voter.log.lastIndex());
  return upToDate && (voter.votedFor === null || voter.votedFor === request.from);
};
