/**
 * Server-only: generated sequences of single-server changes on clusters of 3–7 servers, with
 * crashes and partitions of a minority during each change (thesis §4: safety across
 * configurations; liveness: a leader of the new configuration emerges and commits after each).
 */
import { Prng } from '../../engine/sim/prng';
import { describeConfig } from '../../engine/raft/membership';
import type { NodeId } from '../../engine/raft/types';
import type { MembershipWorld } from './support';

export interface ChurnShape {
  readonly nodes: number;
  readonly voters: number;
  readonly ops: number;
  readonly yours: readonly NodeId[];
}

/** The cluster's shape for a seed: 3–7 servers, 1–all of them initial voters, a random set running your rules. */
export function churnShape(seed: number): ChurnShape {
  const rng = new Prng(seed).fork('membership-shape');
  const nodes = rng.range(3, 7);
  const voters = rng.range(Math.min(2, nodes), nodes);
  const ops = rng.range(4, 9);
  const ids = Array.from({ length: nodes }, (_, i) => i + 1);
  const yours = seed % 3 === 0 ? ids.filter(() => rng.chance(1, 2)) : ids;
  return { nodes, voters, ops, yours: yours.length > 0 ? yours : [1] };
}

function pick<T>(rng: Prng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)]!;
}

function shuffled<T>(rng: Prng, xs: readonly T[]): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * `ops` changes, each an add of a non-member or a removal of a voter (the leader a third of the
 * time), each under a fault that a majority of both the old and the new configuration survives:
 * some voters crash or are cut off until the change is done. After each: heal, restart, and a
 * leader of the new configuration must commit a value.
 */
export function churn(mw: MembershipWorld, seed: number, shape: ChurnShape): string[] {
  const c = mw.cluster;
  const rng = new Prng(seed).fork('membership-churn');
  const log: string[] = [];
  if (!mw.check(mw.awaitLeader(5000) !== null, 'no leader elected within 5 s of the start')) return log;
  if (!mw.check(mw.commit('warm', 5000), 'no value committed within 5 s of the start')) return log;
  for (let op = 0; op < shape.ops; op++) {
    const cfg = mw.committedConfig();
    const leader = mw.leader();
    if (!mw.check(cfg !== null && leader !== null, `no leader before change ${op + 1}`)) return log;
    const outside = c.ids.filter((id) => !cfg!.voters.includes(id) && !cfg!.learners.includes(id));
    const canRemove = cfg!.voters.length > 2;
    const add = outside.length > 0 && (!canRemove || rng.chance(1, 2));
    if (!add && !canRemove) break;
    const target = add ? pick(rng, outside) : rng.chance(1, 3) && cfg!.voters.includes(leader!) ? leader! : pick(rng, cfg!.voters);
    const newVoters = add ? [...cfg!.voters, target] : cfg!.voters.filter((v) => v !== target);
    // A fault both configurations survive: at most a minority of each, never the server being added.
    const tolerable = Math.min(Math.floor((cfg!.voters.length - 1) / 2), Math.floor((newVoters.length - 1) / 2));
    const candidates = shuffled(rng, newVoters.filter((v) => v !== target));
    const faulty = candidates.slice(0, rng.range(0, tolerable));
    const crash = rng.chance(1, 2);
    if (faulty.length > 0) {
      if (crash) for (const id of faulty) c.crash(id);
      else c.partition([faulty, c.ids.filter((id) => !faulty.includes(id))]);
    }
    const what = `change ${op + 1}: ${add ? 'add' : 'remove'} node ${target}${target === leader ? ' (the leader)' : ''} to ${describeConfig(cfg!)}${faulty.length > 0 ? ` with node${faulty.length > 1 ? 's' : ''} ${faulty.join(', ')} ${crash ? 'crashed' : 'cut off'}` : ''}`;
    log.push(what);
    const ok = mw.change(add ? 'add' : 'remove', target, 10_000);
    if (!mw.check(ok, `${what}: the change did not take effect within 10 s (a majority of the old and of the new configuration was up and connected)`)) return log;
    c.runForMs(rng.range(0, 200));
    c.heal();
    for (const id of faulty) if (!c.isUp(id)) c.restart(id);
    if (!mw.check(mw.commit(`after-${op + 1}`, 6000), `${what}: no leader of the new configuration committed a value within 6 s after the heal`)) return log;
    const l = mw.leader();
    const now = mw.committedConfig();
    mw.check(l !== null && now !== null && now.voters.includes(l), `${what}: the leader ${l} is not a voter of the configuration ${describeConfig(now ?? cfg!)}`);
  }
  return log;
}
