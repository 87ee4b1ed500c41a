import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

export const timing: ElectionTiming = { heartbeatTicks: 10, electionTicks: 30 };

export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => rng.range(electionTicks, 2 * electionTicks - 1),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

/** Bug: one vote per term, but no §5.4.1 check: a candidate with a stale log can win and overwrite committed entries. */
export const requestVote: RequestVoteHandler = (voter, request) => voter.votedFor === null || voter.votedFor === request.from;
