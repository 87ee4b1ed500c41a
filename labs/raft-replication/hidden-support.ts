/**
 * Server-only: this lab's advice per broken Raft invariant, bound into the shared Raft lab kit.
 */
import { expectSafe as expectSafeWith, fail, type InvariantAdvice } from '../../grader/harness/kits/raft-lab-kit';
import type { World } from '../../engine/raft/scenarios/scenario';
import type { AppendEntriesDecision, AppendEntriesHandler, CommitRule, FollowerView, RaftHooks } from '../../engine/raft/hooks';
import type { AppendEntries } from '../../engine/raft/messages';
import { RaftLog } from '../../engine/raft/raft-log';
import { referenceAppendEntries } from '../../engine/raft/hooks/append-entries';
import { referenceCommitRule } from '../../engine/raft/hooks/commit-rule';

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

/** A log's terms by index; long runs of one term as `term×count` so a long log stays readable. */
const terms = (f: FollowerView, from: number, to: number): string => {
  const ts = f.log.slice(from, to + 1).map((e) => e.term);
  if (ts.length <= 16) return `[${ts.join(',')}]`;
  const runs: string[] = [];
  for (let i = 0; i < ts.length; ) {
    let j = i;
    while (j < ts.length && ts[j] === ts[i]) j++;
    runs.push(j - i === 1 ? `${ts[i]}` : `${ts[i]}×${j - i}`);
    i = j;
  }
  return `[${runs.join(',')}]`;
};

/** The log a decision leaves (from the first index held), or a description of an invalid decision. */
function effect(f: FollowerView, d: AppendEntriesDecision): string {
  if (!d.success) return `reject (conflictTerm ${d.conflictTerm}, conflictIndex ${d.conflictIndex})`;
  const kept = f.log.slice(f.log.firstIndex(), Math.min(d.keepThroughIndex, f.log.lastIndex()) + 1);
  const after = new RaftLog(f.log.firstIndex() - 1, 0, [...kept, ...d.entries.map((e, i) => ({ ...e, index: kept.length + f.log.firstIndex() + i }))]);
  return `accept, log after it ${terms({ ...f, log: after }, after.firstIndex(), after.lastIndex())}${d.keepThroughIndex > f.log.lastIndex() ? ` (keepThroughIndex ${d.keepThroughIndex} past the end)` : ''}, matchIndex ${d.matchIndex}, commitIndex ${d.commitIndex}`;
}

/** Cheap check that two decisions do the same to the log (the common case: identical decisions); strings only when they differ. */
function sameEffect(f: FollowerView, a: AppendEntriesDecision, b: AppendEntriesDecision): boolean {
  if (!a.success || !b.success) return !a.success && !b.success && a.conflictIndex === b.conflictIndex && a.conflictTerm === b.conflictTerm;
  if (a.matchIndex !== b.matchIndex || a.commitIndex !== b.commitIndex) return false;
  if (a.keepThroughIndex + a.entries.length !== b.keepThroughIndex + b.entries.length) return false;
  const from = Math.min(a.keepThroughIndex, b.keepThroughIndex) + 1;
  const termOf = (d: typeof a, i: number) => (i <= d.keepThroughIndex ? f.log.termAt(i) : d.entries[i - d.keepThroughIndex - 1]?.term);
  for (let i = from; i <= a.keepThroughIndex + a.entries.length; i++) if (termOf(a, i) !== termOf(b, i)) return false;
  return a.keepThroughIndex <= f.log.lastIndex() && b.keepThroughIndex <= f.log.lastIndex();
}

/**
 * Watches the learner's hooks in a simulation: every call is also answered by the reference, and
 * the first disagreement is kept, so a failure's advice names what this submission actually did
 * (not a guess from the broken invariant).
 */
export class Watch {
  first: string | null = null;
  calls = 0;

  hooks(h: { appendEntries: AppendEntriesHandler; commitRule: CommitRule }): Partial<RaftHooks> {
    return {
      appendEntries: (f: FollowerView, r: AppendEntries) => {
        const want = referenceAppendEntries(f, r);
        const got = h.appendEntries(f, r);
        this.calls++;
        if (this.first === null && got !== null && typeof got === 'object' && !sameEffect(f, got, want) && effect(f, got) !== effect(f, want)) {
          this.first = `your appendEntries on node ${f.id} (log ${terms(f, f.log.firstIndex(), f.log.lastIndex())} from index ${f.log.firstIndex()}, commitIndex ${f.commitIndex}) got AppendEntries(prevLogIndex ${r.prevLogIndex}, prevLogTerm ${r.prevLogTerm}, entries of terms [${r.entries.map((e) => e.term).join(',')}], leaderCommit ${r.leaderCommit}) and decided: ${effect(f, got)}; the rules (Figure 2) give: ${effect(f, want)}.`;
        }
        return got;
      },
      commitRule: (l) => {
        const want = referenceCommitRule(l);
        const got = h.commitRule(l);
        this.calls++;
        if (this.first === null && got !== want && !(want === l.commitIndex && typeof got === 'number' && got <= want)) {
          this.first = `your commitRule on leader ${l.id} (term ${l.currentTerm}, log ${terms({ id: l.id, currentTerm: l.currentTerm, commitIndex: l.commitIndex, log: l.log }, l.log.firstIndex(), l.log.lastIndex())}, commitIndex ${l.commitIndex}, matchIndexes [${l.matchIndexes.join(',')}]) returned ${got}; the rule (§5.3, §5.4.2) gives ${want}.`;
        }
        return got;
      },
    };
  }
}

/**
 * Fails the running test with a teaching message if the world saw any violation or scenario failure.
 * With a Watch, the advice is the first decision of this submission that broke the rules in this run.
 */
export function expectSafe(world: World, seed: number, what: string, watch?: Watch): void {
  if (watch?.first == null) return expectSafeWith(ADVICE, world, seed, what);
  const first = `First wrong decision in this run: ${watch.first}`;
  expectSafeWith(Object.fromEntries(Object.keys(ADVICE).map((k) => [k, first])), world, seed, what);
  if (world.failures[0] !== undefined) fail(`${what} (seed ${seed}): ${world.failures[0]} ${first}`);
}

/** The watch's first wrong decision as advice, or the given fallback when every decision agreed with the rules. */
export function adviceFrom(watch: Watch, fallback: string): string {
  return watch.first === null ? fallback : `First wrong decision in this run: ${watch.first}`;
}
