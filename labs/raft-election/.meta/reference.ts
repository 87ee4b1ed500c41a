import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../api';

/** 100 ms heartbeats (20 RPCs/s on 3 nodes, 40 on 5); election timeouts of 300–590 ms. */
export const timing: ElectionTiming = {
  heartbeatTicks: 10,
  electionTicks: 30,
};

/** Raft §5.2: a fresh random timeout in [electionTicks, 2·electionTicks) on every restart. */
export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => rng.range(electionTicks, 2 * electionTicks - 1),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

/**
 * §5.2: one vote per term, first come first served (a repeated request from the candidate we
 * already voted for is granted again: the first reply may have been lost).
 * §5.4.1: only for a candidate whose log is at least as up-to-date as ours: the later last term
 * wins; with equal last terms, the longer log.
 */
export const requestVote: RequestVoteHandler = (voter, request) => {
  const myLastTerm = voter.log.lastTerm();
  const upToDate = request.lastLogTerm > myLastTerm || (request.lastLogTerm === myLastTerm && request.lastLogIndex >= voter.log.lastIndex());
  if (!upToDate) return false;
  // request.preVote is always false here (PreVote is the raft-prevote lab).
  return voter.votedFor === null || voter.votedFor === request.from;
};
