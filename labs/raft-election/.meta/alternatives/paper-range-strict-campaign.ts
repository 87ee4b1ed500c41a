import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

/**
 * Alternative: 70 ms heartbeats (4 followers × ~14.3/s ≈ 57 RPCs/s idle on 5 nodes) and a 250 ms base
 * timeout (more than three heartbeat intervals, so two lost heartbeats in a row do not trigger an
 * election); timeouts drawn from the closed range [electionTicks, 2·electionTicks]; campaign strictly
 * after the timeout (elapsed > timeout) rather than at it.
 */
export const timing: ElectionTiming = { heartbeatTicks: 7, electionTicks: 25 };

export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks(rng, electionTicks) {
    return rng.range(electionTicks, 2 * electionTicks);
  },
  shouldCampaign(elapsedTicks, timeoutTicks) {
    return elapsedTicks > timeoutTicks;
  },
};

/** Figure 2: check the vote first, then compare (lastTerm, lastIndex) as a pair. */
export const requestVote: RequestVoteHandler = (voter, request) => {
  if (voter.votedFor !== null && voter.votedFor !== request.from) return false;
  const mine: [number, number] = [voter.log.lastTerm(), voter.log.lastIndex()];
  const theirs: [number, number] = [request.lastLogTerm, request.lastLogIndex];
  if (theirs[0] !== mine[0]) return theirs[0] > mine[0];
  return theirs[1] >= mine[1];
};
