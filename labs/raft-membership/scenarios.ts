/**
 * Directed membership scenarios shared by the visible and hidden tests. Each one records what it
 * saw through `mw.check`; `runTraced` turns the first problem into a failing test with the seed.
 */
import { changeRequest, describeConfig } from '../../engine/raft/membership';
import type { NodeId } from '../../engine/raft/types';
import type { MembershipWorld } from './support';

/** Thesis §4.1: while a change is uncommitted, the leader refuses the next one. */
export function secondChangeWhilePending(mw: MembershipWorld): void {
  const c = mw.cluster;
  const leader = mw.awaitLeader(5000);
  if (!mw.check(leader !== null, 'no leader elected within 5 s of the start')) return;
  if (!mw.check(mw.commit('warm', 5000), 'no value committed within 5 s of the start')) return;
  const l = mw.leader()!;
  const spare = c.ids.filter((id) => !mw.bootstrap.voters.includes(id));
  const first = c.propose(changeRequest({ op: 'add', node: spare[0]! }), l);
  if (!mw.check(first !== null, `leader ${l} refused the first change (add node ${spare[0]}) although its no-op was committed and no change was pending`)) return;
  const victim = mw.bootstrap.voters.find((v) => v !== l)!;
  const second = c.propose(changeRequest({ op: 'remove', node: victim }), l);
  mw.check(second === null, `leader ${l} accepted a second change (remove node ${victim}, at index ${second?.index}) while the first (add node ${spare[0]}, index ${first!.index}) was not committed: thesis §4.1, one change at a time`);
  if (spare[1] !== undefined) {
    const third = c.propose(changeRequest({ op: 'add', node: spare[1] }), l);
    mw.check(third === null, `leader ${l} accepted another change (add node ${spare[1]}) while the first was not committed: thesis §4.1`);
  }
  // And the pending change still completes.
  if (!mw.check(mw.change('add', spare[0]!, 8000), `the first change (add node ${spare[0]}) did not take effect within 8 s`)) return;
  mw.check(mw.commit('after', 5000), 'no value committed within 5 s after the change');
}

/**
 * The 2015 bug (thesis §4.1 errata): the moment a new leader is elected its no-op is not
 * committed yet, so it must refuse a configuration change until it is.
 */
export function changeRightAfterElection(mw: MembershipWorld, rounds: number): void {
  const c = mw.cluster;
  if (!mw.check(mw.awaitLeader(5000) !== null, 'no leader elected within 5 s of the start')) return;
  if (!mw.check(mw.commit('warm', 5000), 'no value committed within 5 s of the start')) return;
  const spares = c.ids.filter((id) => !mw.bootstrap.voters.includes(id));
  for (let r = 0; r < rounds; r++) {
    const old = mw.leader()!;
    const oldTerm = c.node(old)!.term();
    c.crash(old);
    let fresh: NodeId | null = null;
    c.runUntil(() => (fresh = c.ids.find((id) => c.node(id)?.role() === 'leader' && c.node(id)!.term() > oldTerm) ?? null) !== null, 5000);
    if (!mw.check(fresh !== null, `no new leader within 5 s after leader ${old} crashed`)) return;
    const n = c.node(fresh!)!;
    const target = spares[r % Math.max(1, spares.length)] ?? old;
    const op = n.membership().config.voters.includes(target) || n.membership().config.learners.includes(target) ? 'remove' : 'add';
    const committedOwnTerm = n.log().termAt(n.commitIndex()) === n.term();
    const pos = c.propose(changeRequest({ op, node: target }), fresh!);
    if (!committedOwnTerm) {
      mw.check(pos === null, `new leader ${fresh} of term ${n.term()} accepted a change (${op} node ${target}) at index ${pos?.index} before committing any entry of its term (commit index ${n.commitIndex()} holds term ${n.log().termAt(n.commitIndex())}): the 2015 fix, commit the no-op first`);
    }
    c.restart(old);
    if (!mw.check(mw.commit(`round-${r}`, 5000), `no value committed within 5 s after the election of round ${r + 1}`)) return;
    c.runForMs(300);
  }
}

/**
 * Learners do not count (thesis §4.1, §4.2.1): two learners that cannot catch up, then the leader
 * is cut off with them. Neither its commits nor its elections may count them.
 */
export function leaderWithLearnersInMinority(mw: MembershipWorld): void {
  const c = mw.cluster;
  if (!mw.check(mw.awaitLeader(5000) !== null, 'no leader elected within 5 s of the start')) return;
  if (!mw.check(mw.commit('warm', 5000), 'no value committed within 5 s of the start')) return;
  const spares = c.ids.filter((id) => !mw.bootstrap.voters.includes(id));
  // Cut the spares off so that, once added, they stay learners.
  c.partition([mw.bootstrap.voters, ...spares.map((s) => [s])]);
  for (const s of spares) {
    let ok = false;
    const deadline = c.nowMs() + 5000;
    while (!ok && c.nowMs() < deadline) {
      const l = mw.leader();
      if (l !== null) c.propose(changeRequest({ op: 'add', node: s }), l);
      ok = c.runUntil(() => {
        const cfg = mw.committedConfig();
        return cfg !== null && cfg.learners.includes(s);
      }, 50);
    }
    if (!mw.check(ok, `adding node ${s} as a learner was not committed within 5 s`)) return;
  }
  const l = mw.leader()!;
  const others = mw.bootstrap.voters.filter((v) => v !== l);
  c.partition([[l, ...spares], others]);
  for (let i = 0; i < 5; i++) c.propose(`minority-${i}`, l);
  c.runForMs(1500);
  c.heal();
  if (!mw.check(mw.commit('healed', 5000), 'no value committed within 5 s after the heal')) return;
  for (const s of spares) if (!mw.check(mw.change('add', s, 8000), `learner ${s} was not promoted within 8 s after the heal (it can catch up now)`)) return;
  mw.check(mw.commit('grown', 5000), `no value committed within 5 s after the learners became voters ${describeConfig(mw.committedConfig() ?? mw.bootstrap)}`);
}

/** An even cluster split in halves: neither half is a majority, nothing may commit (thesis §4.1 quorum). */
export function evenSplit(mw: MembershipWorld): void {
  const c = mw.cluster;
  if (!mw.check(mw.awaitLeader(5000) !== null, 'no leader elected within 5 s of the start')) return;
  if (!mw.check(mw.commit('warm', 5000), 'no value committed within 5 s of the start')) return;
  const l = mw.leader()!;
  const voters = mw.bootstrap.voters;
  const half = [l, ...voters.filter((v) => v !== l).slice(0, voters.length / 2 - 1)];
  c.partition([half, voters.filter((v) => !half.includes(v))]);
  for (let i = 0; i < 5; i++) c.propose(`split-${i}`, l);
  c.runForMs(2000);
  c.heal();
  mw.check(mw.commit('healed', 5000), 'no value committed within 5 s after the heal');
}

/** Thesis §4.2.2: a leader being removed keeps leading until C_new commits, with client entries in flight. */
export function removeBusyLeader(mw: MembershipWorld, writes: number): void {
  const c = mw.cluster;
  if (!mw.check(mw.awaitLeader(5000) !== null, 'no leader elected within 5 s of the start')) return;
  if (!mw.check(mw.commit('warm', 5000), 'no value committed within 5 s of the start')) return;
  const l = mw.leader()!;
  for (let i = 0; i < writes; i++) c.propose(`busy-${i}`, l);
  const pos = c.propose(changeRequest({ op: 'remove', node: l }), l);
  if (!mw.check(pos !== null, `leader ${l} refused to remove itself although no change was pending and its no-op was committed`)) return;
  if (!mw.check(mw.change('remove', l, 8000), `removing leader ${l} did not take effect within 8 s`)) return;
  c.runForMs(50);
  mw.check(c.node(l)?.role() !== 'leader', `node ${l} is still leader after the configuration removing it committed (thesis §4.2.2)`);
  mw.check(mw.commit('after', 5000), `no new leader among the remaining voters committed a value within 5 s after leader ${l} was removed`);
}

/**
 * The 2015 bug, replayed (Ongaro, raft-dev 2015; thesis §4.1 errata). Voters A,B,C,D, spare E.
 * Leader A adds E as a learner, then, cut off with E, promotes it: `{A..E}` is in A's and E's logs
 * only, uncommitted. A crashes; X (of B,C,D) is elected in the old configuration and, in the very
 * step of its election, is asked to remove A while only Y can hear it. Without the fix X commits
 * `{B,C,D}` with X and Y (2 of 3), and A, restarted with Z and E, wins a later term with 3 of its 5
 * and overwrites that committed entry. With the fix X refuses: its no-op cannot commit without a
 * majority of `{A,B,C,D}`, and nothing committed is lost.
 */
export function bug2015(mw: MembershipWorld): void {
  const c = mw.cluster;
  const a = mw.awaitLeader(5000);
  if (!mw.check(a !== null, 'no leader elected within 5 s of the start')) return;
  if (!mw.check(mw.commit('warm', 5000), 'no value committed within 5 s of the start')) return;
  const voters = mw.bootstrap.voters;
  const e = c.ids.find((id) => !voters.includes(id))!;
  const others = voters.filter((v) => v !== a);
  c.partition([voters, [e]]);
  const learnerAdded = (): boolean => {
    const n = c.node(a!)!;
    const m = n.membership();
    return m.config.learners.includes(e) && m.index <= n.commitIndex();
  };
  for (let i = 0; i < 50 && !learnerAdded(); i++) {
    c.propose(changeRequest({ op: 'add', node: e }), a!);
    c.runUntil(learnerAdded, 50);
  }
  if (!mw.check(learnerAdded(), `(scenario) leader ${a} did not commit node ${e} as a learner within 2.5 s`)) return;
  const learnerIndex = c.node(a!)!.membership().index;
  c.runUntil(() => others.every((id) => (c.node(id)?.commitIndex() ?? 0) >= learnerIndex), 1000);
  c.partition([[a!, e], others]);
  const promoted = c.runUntil(() => c.node(a!)!.membership().config.voters.includes(e), 2000);
  if (!mw.check(promoted, `(scenario) leader ${a}, cut off with learner ${e}, did not promote it within 2 s once it caught up`)) return;
  c.crash(a!);
  c.partition([[a!], [e], others]);
  c.expireElectionTimer(others[0]!);
  let x: NodeId | undefined;
  const elected = c.runUntil(() => (x = others.find((id) => c.node(id)?.role() === 'leader')) !== undefined, 3000);
  if (!mw.check(elected, `(scenario) none of ${others.join(', ')} was elected within 3 s after leader ${a} crashed`)) return;
  const y = others.find((id) => id !== x)!;
  const z = others.find((id) => id !== x && id !== y)!;
  c.partition([[x!, y], [z], [a!], [e]]);
  const pos = c.propose(changeRequest({ op: 'remove', node: a! }), x!);
  mw.check(pos === null, `new leader ${x} accepted "remove ${a}" in the step it was elected, before its no-op committed: the 2015 bug`);
  c.runForMs(500);
  c.partition([[a!, z, e], [x!, y]]);
  c.restart(a!);
  c.runForMs(3000);
  c.heal();
  mw.check(mw.commit('healed', 6000), 'no value committed within 6 s after the heal');
}
