/** Log replication scenarios (the classic lab's 3B tests). */
import { Prng } from '../../sim/prng';
import { UNRELIABLE } from '../../sim/network-profile';
import { World, type Scenario } from './scenario';

export const basicAgreement: Scenario = {
  name: 'basic-agreement',
  cites: 'Raft §5.3',
  run(seed) {
    const w = new World({ nodes: 3, seed });
    w.awaitLeader();
    for (let i = 1; i <= 3; i++) {
      const before = w.nApplied(i + 1);
      w.expect(before === 0, `some node applied index ${i + 1} before it was proposed`);
      const index = w.one(`v${i}`, 3);
      // Index 1 is the leader's no-op (§8), so the i-th command lands at i + 1.
      w.expect(index === i + 1, `command ${i} landed at index ${index}, expected ${i + 1}`);
    }
    return w.result();
  },
};

export const followerFailure: Scenario = {
  name: 'follower-failure',
  cites: 'Raft §5.5',
  run(seed) {
    const w = new World({ nodes: 3, seed });
    const c = w.cluster;
    w.awaitLeader();
    w.one('a', 3);
    const l = c.leader()!;
    const f1 = c.ids.find((id) => id !== l)!;
    c.isolate(f1);
    // The leader and the remaining follower still make progress.
    w.one('b', 2);
    c.runForMs(1000);
    w.one('c', 2);
    // Both followers gone: nothing commits.
    const l2 = c.leader()!;
    for (const id of c.ids) if (id !== l2) c.crash(id);
    const pos = c.propose('d', l2);
    w.expect(pos !== null, 'the leader refused a proposal');
    c.runForMs(2000);
    if (pos !== null) w.expect(w.nApplied(pos.index) === 0, `index ${pos.index} was applied without a majority`);
    return w.result();
  },
};

export const leaderFailure: Scenario = {
  name: 'leader-failure',
  cites: 'Raft §5.5',
  run(seed) {
    const w = new World({ nodes: 3, seed });
    const c = w.cluster;
    w.awaitLeader();
    w.one('a', 3);
    c.crash(c.leader()!);
    w.one('b', 2);
    c.crash(c.leader()!);
    // One node left: proposals to it (it cannot even be leader) never commit.
    const left = c.ids.find((id) => c.isUp(id))!;
    const before = c.appliedIndex(left);
    c.propose('c', left);
    c.runForMs(2000);
    w.expect(c.appliedIndex(left) === before, 'a lone node applied something');
    return w.result();
  },
};

export const noAgreementWithoutMajority: Scenario = {
  name: 'no-agreement-without-majority',
  cites: 'Raft §5.3',
  run(seed) {
    const w = new World({ nodes: 5, seed });
    const c = w.cluster;
    w.awaitLeader();
    w.one('a', 5);
    const l = c.leader()!;
    const cut = c.ids.filter((id) => id !== l).slice(0, 3);
    c.partition([cut, c.ids.filter((id) => !cut.includes(id))]);
    const pos = c.propose('b', l);
    w.expect(pos !== null && pos.index === 3, `expected the proposal at index 3, got ${JSON.stringify(pos)}`);
    c.runForMs(2000);
    w.expect(w.nApplied(3) === 0 || w.checker.appliedPayloadAt(3) !== JSON.stringify('b'), 'b committed without a majority');
    c.heal();
    w.awaitLeader();
    w.one('c', 5);
    w.one('d', 5);
    return w.result();
  },
};

export const concurrentProposals: Scenario = {
  name: 'concurrent-proposals',
  cites: 'Raft §5.3',
  run(seed) {
    const w = new World({ nodes: 3, seed });
    const c = w.cluster;
    const l = w.awaitLeader();
    if (l === null) return w.result();
    const positions = Array.from({ length: 5 }, (_, i) => c.propose(`p${i}`, l));
    w.expect(positions.every((p) => p !== null), 'the leader rejected a proposal');
    const last = Math.max(...positions.map((p) => p?.index ?? 0));
    w.expect(c.runUntil(() => w.nApplied(last) === 3, 3000), 'concurrent proposals did not all commit');
    positions.forEach((p, i) => {
      if (p !== null) w.expect(w.checker.appliedPayloadAt(p.index) === JSON.stringify(`p${i}`), `index ${p.index} does not hold p${i}`);
    });
    return w.result();
  },
};

export const rejoin: Scenario = {
  name: 'rejoin',
  cites: 'Raft §5.3–5.4',
  run(seed) {
    const w = new World({ nodes: 3, seed });
    const c = w.cluster;
    w.awaitLeader();
    w.one(101, 3);
    // The leader is partitioned and accepts entries that can never commit.
    const l1 = c.leader()!;
    c.isolate(l1);
    c.propose(102, l1);
    c.propose(103, l1);
    c.propose(104, l1);
    // The others elect a new leader and commit over those slots.
    w.one(103, 2);
    const l2 = c.leader()!;
    // The old leader comes back: its uncommitted entries must be replaced.
    c.partition([[l2], c.ids.filter((id) => id !== l2)]);
    w.one(104, 2);
    c.heal();
    w.one(105, 3);
    return w.result();
  },
};

export const backup: Scenario = {
  name: 'backup',
  cites: 'Raft §5.3 (fast log back-up)',
  run(seed) {
    const w = new World({ nodes: 5, seed });
    const c = w.cluster;
    const rng = new Prng(seed).fork('scenario');
    w.awaitLeader();
    w.one(rng.int(1_000_000), 5);
    // Leader and one follower partitioned; they take 50 entries that will not commit.
    const l1 = c.leader()!;
    const f1 = c.ids.find((id) => id !== l1)!;
    const others = c.ids.filter((id) => id !== l1 && id !== f1);
    c.partition([[l1, f1], others]);
    for (let i = 0; i < 50; i++) c.propose(rng.int(1_000_000), l1);
    c.runForMs(500);
    // The other three commit 50 entries.
    w.awaitLeader(5000, others);
    for (let i = 0; i < 50; i++) w.one(rng.int(1_000_000), 3);
    // Now the leader of that side and one more are cut off; they get 50 uncommitted entries.
    const l2 = c.leader()!;
    const f2 = others.find((id) => id !== l2)!;
    const f3 = others.find((id) => id !== l2 && id !== f2)!;
    c.partition([[l2, f2], [l1, f1, f3]]);
    for (let i = 0; i < 50; i++) c.propose(rng.int(1_000_000), l2);
    c.runForMs(500);
    // The first group plus f3 (a majority) must catch up and commit 50 more.
    w.awaitLeader(5000, [l1, f1, f3]);
    for (let i = 0; i < 50; i++) w.one(rng.int(1_000_000), 3);
    c.heal();
    w.awaitLeader();
    w.one(rng.int(1_000_000), 5);
    return w.result();
  },
};

export const unreliableAgreement: Scenario = {
  name: 'unreliable-agreement',
  cites: 'Raft §5.3 (lossy network)',
  run(seed) {
    const w = new World({ nodes: 5, seed, network: UNRELIABLE });
    w.awaitLeader(10_000);
    for (let i = 0; i < 20; i++) w.one(`u${i}`, 1);
    w.one('final', 5);
    return w.result();
  },
};
