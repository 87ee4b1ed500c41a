/** Leader election scenarios (the classic lab's 3A tests). */
import { Prng } from '../../sim/prng';
import { pickSome, World, type Scenario } from './scenario';

export const initialElection: Scenario = {
  name: 'initial-election',
  cites: 'Raft §5.2',
  run(seed) {
    const w = new World({ nodes: 3, seed });
    const leader = w.awaitLeader(5000);
    w.expect(leader !== null, 'no leader elected within 5 s');
    const term = leader === null ? 0 : w.cluster.node(leader)!.term();
    w.expect(term >= 1, `leader's term is ${term}, expected ≥ 1`);
    // Without failures the term must not change.
    w.cluster.runForMs(2000);
    w.expect(w.cluster.agreedLeader() === leader, `leader changed from ${leader} to ${w.cluster.agreedLeader()} without failures`);
    w.expect(w.cluster.node(leader ?? 1)!.term() === term, 'term changed without failures');
    return w.result();
  },
};

export const reElection: Scenario = {
  name: 're-election',
  cites: 'Raft §5.2',
  run(seed) {
    const w = new World({ nodes: 3, seed });
    const c = w.cluster;
    const l1 = w.awaitLeader();
    if (!w.expect(l1 !== null, 'no initial leader')) return w.result();
    // The leader is cut off: the other two elect a new one.
    c.isolate(l1!);
    const rest = c.ids.filter((id) => id !== l1);
    const l2 = w.awaitLeader(5000, rest);
    w.expect(l2 !== null && l2 !== l1, `no new leader among ${rest.join(',')} after isolating ${l1}`);
    // The old leader rejoins: it must not disturb the new leader's majority into two leaders.
    c.heal();
    w.expect(w.awaitLeader(5000) !== null, 'no agreed leader after the old leader rejoined');
    // No quorum, no leader.
    const l3 = c.agreedLeader()!;
    const other = c.ids.find((id) => id !== l3)!;
    c.partition([[l3], [other], c.ids.filter((id) => id !== l3 && id !== other)]);
    c.runForMs(2000);
    const leaderWithQuorum = c.ids.some((id) => c.node(id)!.role() === 'leader' && c.node(id)!.term() > c.node(l3)!.term());
    w.expect(!leaderWithQuorum, 'a leader was elected in a newer term without a quorum');
    // Quorum restored.
    c.heal();
    w.expect(w.awaitLeader(5000) !== null, 'no leader after quorum was restored');
    return w.result();
  },
};

export const noLeaderWithoutQuorum: Scenario = {
  name: 'no-leader-without-quorum',
  cites: 'Raft §5.2',
  run(seed) {
    const w = new World({ nodes: 5, seed });
    const c = w.cluster;
    // Split into 2 | 2 | 1 from the start: no group has 3 of 5.
    c.partition([[1, 2], [3, 4], [5]]);
    c.runForMs(3000);
    w.expect(c.leaders().length === 0, `leaders ${c.leaders().join(',')} elected without a quorum`);
    c.partition([[1, 2, 3], [4, 5]]);
    const l = w.awaitLeader(5000, [1, 2, 3]);
    w.expect(l !== null && [1, 2, 3].includes(l), 'the majority side did not elect a leader');
    return w.result();
  },
};

export const manyElections: Scenario = {
  name: 'many-elections',
  cites: 'Raft §5.2',
  run(seed) {
    const w = new World({ nodes: 7, seed });
    const c = w.cluster;
    const rng = new Prng(seed).fork('scenario');
    w.expect(w.awaitLeader() !== null, 'no initial leader');
    for (let iter = 0; iter < 8; iter++) {
      const cut = pickSome(rng, c.ids, 3);
      const rest = c.ids.filter((id) => !cut.includes(id));
      c.partition([cut, rest]);
      // A 4-of-7 majority must (still, or newly) have a leader.
      const l = w.awaitLeader(5000, rest);
      w.expect(l !== null, `iteration ${iter}: no leader among ${rest.join(',')} with ${cut.join(',')} cut off`);
      c.heal();
    }
    w.expect(w.awaitLeader() !== null, 'no leader after the last heal');
    return w.result();
  },
};

export const electionRpcBudget: Scenario = {
  name: 'election-rpc-budget',
  cites: 'Raft §5.2 (classic lab: RPC counts)',
  run(seed) {
    const w = new World({ nodes: 3, seed });
    const c = w.cluster;
    const leader = w.awaitLeader(5000);
    w.expect(leader !== null, 'no leader');
    w.expect(c.rpcCount() <= 30, `electing a leader took ${c.rpcCount()} RPCs (budget 30)`);
    // Idle: heartbeats only, at most 60 RPCs per virtual second (3 s measured).
    const before = c.rpcCount();
    c.runForMs(3000);
    const perSecond = (c.rpcCount() - before) / 3;
    w.expect(perSecond <= 60, `idle cluster sent ${perSecond.toFixed(1)} RPCs per second (budget 60)`);
    return w.result();
  },
};
