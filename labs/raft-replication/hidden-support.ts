/**
 * Server-only: this lab's advice per broken Raft invariant, bound into the shared Raft lab kit.
 */
import { expectSafe as expectSafeWith, type InvariantAdvice } from '../../grader/harness/kits/raft-lab-kit';
import type { World } from '../../engine/raft/scenarios/scenario';

export { check, fail, leaderChanges, storm, traced } from '../../grader/harness/kits/raft-lab-kit';

/** Where to look, per broken property, for this lab's pieces (AppendEntries on followers, the leader's commit rule). */
const ADVICE: InvariantAdvice = {
  'election-safety': 'Two leaders in one term; this lab does not touch voting, so look for an earlier violation in the trace.',
  'leader-completeness': 'A leader lacks an entry that was counted as committed: either the commit rule committed too early (an old-term entry counted by replicas, Figure 8) or a follower acknowledged or kept entries it should not have (matchIndex must be prevLogIndex + entries.length).',
  'state-machine-safety': 'Two nodes committed different entries at one index. Check that followers commit only up to min(leaderCommit, prevLogIndex + entries.length), that the leader commits only entries of its own term by counting (§5.4.2), and that a mismatching prevLogTerm is rejected.',
  'log-matching': 'Two logs hold the same (index, term) with different contents or different histories: AppendEntries accepted a request whose prevLogIndex/prevLogTerm did not match the follower\'s log (Figure 2, rule 2), or kept a conflicting suffix (rule 3).',
  'commit-needs-majority': 'An index was committed while fewer than a majority of disks hold it: the commit rule must count a strict majority of matchIndexes (the leader\'s own included) and only entries of the current term; followers must acknowledge only what they verified.',
  'applied-in-order': 'A state machine saw entries out of order: a follower truncated entries it had already applied (never truncate at or below commitIndex, and never on a stale request).',
  'term-monotonic': 'A node\'s term went backwards.',
  'persist-before-send': 'A message promised more than the disk holds: the matchIndex you acknowledge must not exceed what your decision keeps in the log.',
};

/** Fails the running test with a teaching message if the world saw any violation or scenario failure. */
export function expectSafe(world: World, seed: number, what: string): void {
  expectSafeWith(ADVICE, world, seed, what);
}
