/**
 * Server-only: this lab's advice per broken Raft invariant, bound into the shared Raft lab kit.
 */
import { expectSafe as expectSafeWith, type InvariantAdvice } from '../../grader/harness/kits/raft-lab-kit';
import type { World } from '../../engine/raft/scenarios/scenario';

export { check, fail, leaderChanges, storm, traced } from '../../grader/harness/kits/raft-lab-kit';

/** Where to look, per broken property, for this lab's pieces (the vote rule and the timer). */
const ADVICE: InvariantAdvice = {
  'election-safety': 'Check that requestVote grants at most one vote per term: once votedFor names a candidate (a candidate has voted for itself), refuse every other candidate in that term.',
  'leader-completeness': 'A leader was elected without an entry that was already committed. Check the §5.4.1 up-to-date comparison in requestVote: the later last log term wins; only with equal last terms does the longer log win.',
  'state-machine-safety': 'Two nodes committed different entries at one index, which follows from electing a leader with a stale log. Check the §5.4.1 up-to-date comparison in requestVote (last term first, then last index).',
  'log-matching': 'Logs disagree on an entry both hold; an out-of-date leader overwrote history. Check the §5.4.1 up-to-date comparison in requestVote.',
  'commit-needs-majority': 'An entry counted as committed is not on a majority of disks; a stale leader overwrote it. Check the §5.4.1 up-to-date comparison in requestVote.',
  'applied-in-order': 'A state machine saw entries out of order after a stale leader rewrote the log. Check the §5.4.1 up-to-date comparison in requestVote.',
  'term-monotonic': 'A node\'s term went backwards.',
  'persist-before-send': 'A message left before the state it promises was on disk.',
};

/** Fails the running test with a teaching message if the world saw any violation or scenario failure. */
export function expectSafe(world: World, seed: number, what: string): void {
  expectSafeWith(ADVICE, world, seed, what);
}
