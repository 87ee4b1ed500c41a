import type { ElectionTimer } from '../hooks';

/** Raft §5.2: randomized election timeouts in [electionTicks, 2·electionTicks) so split votes resolve quickly. */
export const referenceElectionTimer: ElectionTimer = {
  randomizedTimeoutTicks: (rng, electionTicks) => rng.range(electionTicks, 2 * electionTicks - 1),
  shouldCampaign: (elapsedTicks, timeoutTicks) => elapsedTicks >= timeoutTicks,
};
