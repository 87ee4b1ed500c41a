/** Snapshot, PreVote and CheckQuorum scenarios (the classic lab's 3D tests and thesis §9.6). */
import { Prng } from '../../sim/prng';
import { UNRELIABLE } from '../../sim/network-profile';
import { World, type Scenario } from './scenario';

/** A follower falls far behind (crashed or partitioned) while the others compact; it must catch up by InstallSnapshot. */
function laggingPeer(name: string, mode: 'crash' | 'partition', unreliable: boolean): Scenario {
  return {
    name,
    cites: 'Raft §7 Figure 13',
    run(seed) {
      const w = new World({ nodes: 3, seed, snapshotEveryEntries: 10, network: unreliable ? UNRELIABLE : undefined });
      const c = w.cluster;
      const rng = new Prng(seed).fork('scenario');
      w.awaitLeader(10_000);
      w.one(rng.int(1_000_000), 3);
      for (let round = 0; round < 4; round++) {
        const victim = c.ids.find((id) => id !== c.leader())!;
        if (mode === 'crash') c.crash(victim);
        else c.isolate(victim);
        for (let i = 0; i < 25; i++) w.one(rng.int(1_000_000), 2);
        if (mode === 'crash') c.restart(victim);
        else c.heal();
        w.one(rng.int(1_000_000), 3);
        w.expect(c.disk(victim).snapshotIndex() > 0, `node ${victim} never stored a snapshot`);
      }
      const l = c.leader();
      w.expect(l !== null && c.node(l)!.log().snapshotIndex() > 0, 'the leader never compacted its log');
      return w.result();
    },
  };
}

export const snapshotLaggingCrash = laggingPeer('snapshot-lagging-crash', 'crash', false);
export const snapshotLaggingPartition = laggingPeer('snapshot-lagging-partition', 'partition', false);
export const snapshotUnreliable = laggingPeer('snapshot-unreliable', 'partition', true);

export const snapshotCrashDuringInstall: Scenario = {
  name: 'snapshot-crash-during-install',
  cites: 'Raft §7 Figure 13',
  run(seed) {
    const w = new World({ nodes: 3, seed, snapshotEveryEntries: 10 });
    const c = w.cluster;
    const rng = new Prng(seed).fork('scenario');
    w.awaitLeader();
    const victim = c.ids.find((id) => id !== c.leader())!;
    c.isolate(victim);
    for (let i = 0; i < 40; i++) w.one(i, 2);
    c.heal();
    // Crash the lagging node at random moments while the snapshot is in flight or being installed.
    for (let k = 0; k < 5; k++) {
      c.runForMs(rng.range(0, 120));
      c.crash(victim);
      c.runForMs(rng.range(0, 50));
      c.restart(victim);
    }
    w.one('after', 3);
    w.expect(c.appliedIndex(victim) >= c.appliedIndex(c.leader()!) - 1 || w.nApplied(c.appliedIndex(c.leader()!)) >= 2, 'the victim did not catch up');
    return w.result();
  },
};

export const snapshotRestart: Scenario = {
  name: 'snapshot-restart',
  cites: 'Raft §7',
  run(seed) {
    const w = new World({ nodes: 3, seed, snapshotEveryEntries: 10 });
    const c = w.cluster;
    w.awaitLeader();
    for (let i = 0; i < 35; i++) w.one(`s${i}`, 3);
    // Everyone restarts: state machines are rebuilt from snapshot + log suffix.
    for (const id of c.ids) c.crash(id);
    for (const id of c.ids) c.restart(id);
    for (const id of c.ids) {
      w.expect(c.appliedIndex(id) === c.disk(id).snapshotIndex() && c.appliedIndex(id) > 0, `node ${id} restarted at applied ${c.appliedIndex(id)} instead of its snapshot ${c.disk(id).snapshotIndex()}`);
    }
    w.one('after-restart', 3);
    // The rebuilt state machine holds every value, in order.
    const l = c.leader()!;
    const sm = c.stateMachine(l).snapshot() as readonly string[];
    const expected = [...Array.from({ length: 35 }, (_, i) => `s${i}`), 'after-restart'];
    w.expect(JSON.stringify(sm) === JSON.stringify(expected), `state machine after restart is ${JSON.stringify(sm).slice(0, 200)}`);
    return w.result();
  },
};

/** A partitioned node rejoins. With PreVote its term never moved, so the leader stays; without, it is deposed. */
function rejoinDisruption(name: string, preVote: boolean): Scenario {
  return {
    name,
    cites: 'Raft thesis §9.6 (PreVote)',
    run(seed) {
      const w = new World({ nodes: 5, seed, preVote, checkQuorum: true });
      const c = w.cluster;
      const l = w.awaitLeader();
      if (l === null) return w.result();
      w.one('x', 5);
      const termBefore = c.node(l)!.term();
      const victim = c.ids.find((id) => id !== l)!;
      c.isolate(victim);
      c.runForMs(3000);
      const victimTerm = c.node(victim)!.term();
      c.heal();
      c.runForMs(2000);
      const leaderNow = c.agreedLeader();
      if (preVote) {
        w.expect(victimTerm === termBefore, `with PreVote the isolated node's term still rose from ${termBefore} to ${victimTerm}`);
        w.expect(leaderNow === l && c.node(l)!.term() === termBefore, `with PreVote the rejoining node disrupted the leader (leader ${leaderNow}, term ${leaderNow === null ? '?' : c.node(leaderNow)!.term()})`);
      } else {
        w.expect(victimTerm > termBefore, 'without PreVote the isolated node should keep raising its term');
        w.expect(c.node(c.leader() ?? l)!.term() > termBefore, 'without PreVote the rejoining node should force a new term');
      }
      w.one('y', 5);
      return w.result();
    },
  };
}

export const preVoteRejoin = rejoinDisruption('prevote-rejoin', true);
export const noPreVoteRejoin = rejoinDisruption('no-prevote-rejoin', false);

export const checkQuorumStepDown: Scenario = {
  name: 'check-quorum-step-down',
  cites: 'Raft thesis §6.2 (CheckQuorum)',
  run(seed) {
    const w = new World({ nodes: 5, seed, preVote: true, checkQuorum: true });
    const c = w.cluster;
    const l = w.awaitLeader();
    if (l === null) return w.result();
    c.isolate(l);
    // Within two election timeouts the cut-off leader must notice it lost its quorum.
    c.runForMs(2 * 30 * c.tickMs + 100);
    w.expect(c.node(l)!.role() !== 'leader', `isolated leader ${l} still believes it leads`);
    c.heal();
    w.expect(w.awaitLeader() !== null, 'no leader after heal');
    return w.result();
  },
};
