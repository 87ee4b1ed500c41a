/** Crash and restart scenarios (the classic lab's 3C tests): only what is on disk survives. */
import { Prng } from '../../sim/prng';
import { UNRELIABLE } from '../../sim/network-profile';
import type { NodeId } from '../types';
import { World, type Scenario } from './scenario';

export const persistCrashAll: Scenario = {
  name: 'persist-crash-all',
  cites: 'Raft §5.1 Figure 2 (persistent state)',
  run(seed) {
    const w = new World({ nodes: 3, seed });
    const c = w.cluster;
    w.awaitLeader();
    w.one(11, 3);
    for (const id of c.ids) c.crash(id);
    for (const id of c.ids) c.restart(id);
    w.one(12, 3);
    const l = c.leader()!;
    c.restart(l);
    w.one(13, 3);
    const l2 = c.leader()!;
    c.crash(l2);
    w.one(14, 2);
    c.restart(l2);
    w.one(15, 3);
    return w.result();
  },
};

export const persistFollowers: Scenario = {
  name: 'persist-followers',
  cites: 'Raft §5.1 Figure 2 (persistent state)',
  run(seed) {
    const w = new World({ nodes: 5, seed });
    const c = w.cluster;
    w.awaitLeader();
    w.one(1, 5);
    for (let iter = 0; iter < 3; iter++) {
      const l = c.leader()!;
      const followers = c.ids.filter((id) => id !== l);
      c.crash(followers[0]!);
      c.crash(followers[1]!);
      w.one(10 + iter, 3);
      c.crash(l);
      c.crash(followers[2]!);
      c.restart(followers[0]!);
      c.restart(followers[1]!);
      c.runForMs(100);
      c.restart(followers[2]!);
      w.one(20 + iter, 3);
      c.restart(l);
    }
    w.one(99, 5);
    return w.result();
  },
};

/**
 * Figure 8: leaders crash at random moments after appending; a new leader must never commit an
 * entry of an earlier term by counting replicas (§5.4.2), or committed entries get overwritten.
 */
function figure8(name: string, unreliable: boolean): Scenario {
  return {
    name,
    cites: 'Raft §5.4.2 Figure 8',
    run(seed) {
      const w = new World({ nodes: 5, seed, network: unreliable ? UNRELIABLE : undefined });
      const c = w.cluster;
      const rng = new Prng(seed).fork('scenario');
      w.awaitLeader();
      w.one(rng.int(10_000), 1);
      let up = c.ids.length;
      for (let iter = 0; iter < (unreliable ? 300 : 1000); iter++) {
        const l = c.leader();
        if (l !== null) for (let k = 0; k < (unreliable ? 3 : 1); k++) c.propose(rng.int(10_000), l);
        c.runForMs(rng.chance(100) ? rng.range(0, 500) : rng.range(0, 13));
        const l2 = c.leader();
        if (l2 !== null && rng.chance(unreliable ? 500 : 1000)) {
          c.crash(l2);
          up--;
        }
        if (up < 3) {
          const down = c.ids.filter((id) => !c.isUp(id));
          const s: NodeId = rng.pick(down);
          c.restart(s);
          up++;
        }
      }
      for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
      c.setNetwork({ ...UNRELIABLE, name: 'reliable', dropRequestPerMille: 0, dropReplyPerMille: 0 });
      w.awaitLeader(10_000);
      w.one(rng.int(10_000), 5);
      return w.result();
    },
  };
}

export const figure8Reliable = figure8('figure-8', false);
export const figure8Unreliable = figure8('figure-8-unreliable', true);

/**
 * Churn: nodes crash, restart, and are partitioned at random while proposals flow; everything any
 * node applied must stay applied, identically, everywhere (checked continuously), and after the
 * storm the cluster must converge.
 */
function churn(name: string, unreliable: boolean): Scenario {
  return {
    name,
    cites: 'Raft §5.4.3 (state machine safety under churn)',
    run(seed) {
      const w = new World({ nodes: 5, seed, network: unreliable ? UNRELIABLE : undefined });
      const c = w.cluster;
      const rng = new Prng(seed).fork('scenario');
      const seen: { index: number; value: string }[] = [];
      for (let iter = 0; iter < 20; iter++) {
        for (let k = 0; k < 3; k++) {
          const v = `c${iter}.${k}`;
          const pos = c.propose(v);
          if (pos !== null) seen.push({ index: pos.index, value: v });
        }
        c.runForMs(rng.range(10, 300));
        const victim = rng.pick(c.ids);
        const roll = rng.int(1000);
        if (roll < 200 && c.isUp(victim)) c.crash(victim);
        else if (roll < 500 && !c.isUp(victim)) c.restart(victim);
        else if (roll < 650) c.isolate(victim);
        else if (roll < 800) c.heal();
        const upCount = c.ids.filter((id) => c.isUp(id)).length;
        if (upCount < 3) c.restart(rng.pick(c.ids.filter((id) => !c.isUp(id))));
      }
      // Liveness phase: heal everything, every node must converge on one committed log.
      c.heal();
      for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
      c.setNetwork({ ...UNRELIABLE, name: 'reliable', dropRequestPerMille: 0, dropReplyPerMille: 0 });
      w.awaitLeader(10_000);
      const last = w.one('end', 5);
      if (last !== null) {
        // Every value that was applied anywhere is still at its index on every node.
        for (const s of seen) {
          const applied = w.checker.appliedPayloadAt(s.index);
          if (applied === JSON.stringify(s.value)) w.expect(w.nApplied(s.index) === 5, `${s.value} at ${s.index} not applied everywhere`);
        }
      }
      return w.result();
    },
  };
}

export const churnReliable = churn('churn', false);
export const churnUnreliable = churn('churn-unreliable', true);
