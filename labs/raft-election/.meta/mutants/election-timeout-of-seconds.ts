import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

/**
 * Bug: "a long election timeout can never disrupt a healthy leader": 2 s base, so timeouts of
 * 2–4 s. Safe, and quiet, but every failover waits seconds for the first follower to time out,
 * and a split vote costs seconds more: a cluster that loses its leader is unavailable that long.
 */
export const timing: ElectionTiming = {
  heartbeatTicks: 10,
  electionTicks: 200,
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
