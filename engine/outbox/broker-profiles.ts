/**
 * How the broker between the producer and the consumer behaves, as engine/sim network profiles
 * (integer per mille, drawn from the seeded Prng):
 * - `dropRequestPerMille`: a publish finds the broker unavailable (the message is not stored, the
 *   publish rejects);
 * - `dropReplyPerMille`: the broker stores the message but its acknowledgement is lost (the publish
 *   rejects all the same: the publisher cannot tell the two apart);
 * - `delayMsMin`/`delayMsMax`: delivery delay to the consumer, drawn per delivery (so deliveries
 *   overtake each other);
 * - `duplicatePerMille`: a stored message is delivered a second time on its own;
 * - `reorderReplyPerMille` with `reorderDelayMs*`: a delivery held back for long (long reordering).
 */
import { RELIABLE, validateProfile, type NetworkProfile } from '../sim/network-profile';

/** Nothing lost, nothing duplicated, a few ms of delay. */
export const BROKER_RELIABLE: NetworkProfile = validateProfile({ ...RELIABLE, name: 'broker-reliable' });

/** Publishes fail: 20% find the broker down, 20% lose their acknowledgement. Deliveries are tame. */
export const BROKER_FLAKY: NetworkProfile = validateProfile({ ...RELIABLE, name: 'broker-flaky', dropRequestPerMille: 200, dropReplyPerMille: 200 });

/** Deliveries duplicated (15%) and reordered (30% held back 40–300 ms); publishes succeed. */
export const BROKER_REORDERING: NetworkProfile = validateProfile({
  ...RELIABLE,
  name: 'broker-reordering',
  delayMsMin: 1,
  delayMsMax: 30,
  duplicatePerMille: 150,
  reorderReplyPerMille: 300,
  reorderDelayMsMin: 40,
  reorderDelayMsMax: 300,
});

/** Everything at once. */
export const BROKER_STORMY: NetworkProfile = validateProfile({ ...BROKER_REORDERING, name: 'broker-stormy', dropRequestPerMille: 150, dropReplyPerMille: 150 });

export const BROKER_PROFILES: Readonly<Record<string, NetworkProfile>> = {
  reliable: BROKER_RELIABLE,
  flaky: BROKER_FLAKY,
  reordering: BROKER_REORDERING,
  stormy: BROKER_STORMY,
};
