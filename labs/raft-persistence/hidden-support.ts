/**
 * Server-only: this lab's advice per broken Raft invariant, bound into the shared Raft lab kit.
 */
import { expectSafe as expectSafeWith, type InvariantAdvice } from '../../grader/harness/kits/raft-lab-kit';
import type { World } from '../../engine/raft/scenarios/scenario';

export { check, fail, leaderChanges, storm, traced } from '../../grader/harness/kits/raft-lab-kit';

/** Where to look, per broken property, for this lab's piece (what is written to disk, and what a restarted node resumes with). */
const ADVICE: InvariantAdvice = {
  'election-safety': 'Two leaders in one term: a node voted twice in one term, typically after a restart that forgot votedFor. hardState must carry the vote, and restore must hand it back.',
  'leader-completeness': 'A leader lacks a committed entry: a restarted node came back with less log than it had acknowledged (restore must return every entry on disk), or with an older term that let it vote for a stale candidate.',
  'state-machine-safety': 'Two nodes applied different entries at one index: a restarted node believed more was committed than was (restore commitIndex from what was persisted, never from the length of the log), or lost entries it had acknowledged.',
  'log-matching': 'Logs disagree on an entry both hold: a restarted node resumed with an older term or without its vote, and helped elect a stale leader.',
  'commit-needs-majority': 'An index counted as committed is not on a majority of disks: a node resumed from a disk that lacked what it had acknowledged.',
  'applied-in-order': 'A restarted state machine saw entries out of order: the commitIndex or snapshot restore handed back is inconsistent with the log.',
  'term-monotonic': 'A node\'s term went backwards across a restart: currentTerm must be written to disk whenever it changes (hardState) and read back exactly (restore), not recomputed from the log.',
  'persist-before-send': 'A message left before what it promises was on disk: hardState must carry the current term and the vote, so that each step writes them before any message of that step is sent.',
};

/** Fails the running test with a teaching message if the world saw any violation or scenario failure. */
export function expectSafe(world: World, seed: number, what: string): void {
  expectSafeWith(ADVICE, world, seed, what);
}
