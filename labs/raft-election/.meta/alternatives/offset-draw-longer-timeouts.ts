import type { ElectionTimer, ElectionTiming, RequestVoteHandler } from '../../api';

/**
 * Alternative: 100 ms heartbeats, a 300 ms base, and timeouts drawn as an offset on top of a
 * 1.5·electionTicks floor: [1.5·e, 2.5·e] (450–750 ms here, like MIT 6.5840's advice to go above
 * the paper's 150–300 ms when heartbeats are capped at 10 per second), still inside [e, 3·e] and
 * about electionTicks wide.
 */
export const timing: ElectionTiming = { heartbeatTicks: 10, electionTicks: 30 };

export const electionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => Math.floor((3 * electionTicks) / 2) + rng.range(0, electionTicks),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};

function candidateIsUpToDate(voterLastTerm: number, voterLastIndex: number, lastLogTerm: number, lastLogIndex: number): boolean {
  if (lastLogTerm > voterLastTerm) return true;
  if (lastLogTerm < voterLastTerm) return false;
  return lastLogIndex >= voterLastIndex;
}

export const requestVote: RequestVoteHandler = (voter, request) => {
  const free = voter.votedFor === null || voter.votedFor === request.from;
  return free && candidateIsUpToDate(voter.log.lastTerm(), voter.log.lastIndex(), request.lastLogTerm, request.lastLogIndex);
};
