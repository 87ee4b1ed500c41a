import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from './api';

/**
 * Step 1: the cluster's clock. One tick is 10 ms.
 * TODO: choose a heartbeat interval that keeps an idle 5-node cluster under 60 RPCs per second,
 * and a base election timeout long enough that a lost heartbeat or two does not start an election,
 * yet short enough that a leader is elected well within 5 seconds.
 */
export const timing: ElectionTiming = {
  heartbeatTicks: 1,
  electionTicks: 3,
};

/** Step 2: the election timer (Raft §5.2). */
export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks(_rng, electionTicks) {
    // TODO: randomize, using only `_rng`, so that nodes rarely time out together (split votes).
    return electionTicks;
  },
  shouldCampaign(elapsedTicks, timeoutTicks) {
    // TODO: start an election once the timeout has passed without hearing from a leader.
    return elapsedTicks > timeoutTicks * 10;
  },
};

/** Step 3: RequestVote, receiver side (Figure 2; Raft §5.2 and §5.4.1). */
export const requestVote: RequestVoteHandler = (voter, request) => {
  // TODO: at most one vote per term, and only for a candidate whose log is at least as up-to-date.
  void voter;
  void request;
  return false;
};
