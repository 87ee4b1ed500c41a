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
  randomizedTimeoutTicks(rng, electionTicks) {
    // TODO: randomize, using only `rng.range(lo, hi)`, so that nodes rarely time out together (split votes).
    // Keep the result a whole number of ticks in [electionTicks, 3·electionTicks].
    void rng;
    void electionTicks;
    throw new Error('TODO: randomizedTimeoutTicks: draw this round\'s timeout with rng.range(lo, hi)');
  },
  shouldCampaign(elapsedTicks, timeoutTicks) {
    // TODO: start an election once the timeout has passed without hearing from a leader.
    return elapsedTicks > timeoutTicks * 10;
  },
};

/** Step 3: RequestVote, receiver side (Figure 2; Raft §5.2 and §5.4.1). */
export const requestVote: RequestVoteHandler = (voter, request) => {
  // TODO: at most one vote per term (voter.votedFor), and only for a candidate whose log is at least
  // as up-to-date: compare request.lastLogTerm/lastLogIndex with voter.log.lastTerm()/lastIndex().
  void voter;
  void request;
  throw new Error('TODO: requestVote: grant or refuse the vote');
};
