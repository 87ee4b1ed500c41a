/** Server-only scenarios of the hidden suite. */
import { RELIABLE, type NetworkProfile } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import type { PreVoteWorld } from './support';

/** Random partitions and crashes with writes, then heal and require a leader and progress. */
export function churn(pw: PreVoteWorld, seed: number): void {
  const c = pw.cluster;
  const w = pw.world;
  const rng = new Prng(seed).fork('churn');
  for (let i = 0; i < 30; i++) {
    c.propose(`c${i}`);
    c.runForMs(rng.range(50, 250));
    const roll = rng.int(10);
    if (roll < 3) {
      const minority = rng.shuffled(c.ids).slice(0, rng.range(1, 2));
      c.partition([minority, c.ids.filter((id) => !minority.includes(id))]);
    } else if (roll < 5) c.heal();
    else if (roll < 6) {
      const up = c.ids.filter((id) => c.isUp(id));
      if (up.length > 3) c.crash(rng.pick(up));
    } else if (roll < 8) {
      const down = c.ids.filter((id) => !c.isUp(id));
      if (down.length > 0) c.restart(rng.pick(down));
    }
  }
  c.heal();
  for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
  const leader = w.awaitLeader(5000);
  if (!pw.check(leader !== null, 'no leader elected within 5 s after the faults ended and every node was back')) return;
  w.one('settled', c.ids.length);
}

const CUT: NetworkProfile = { ...RELIABLE, name: 'cut', dropRequestPerMille: 1000, dropReplyPerMille: 1000 };

/**
 * A follower loses only its link to the leader (both directions) and still reaches every other
 * node: the disruptive server of thesis §4.2.3. Then the link comes back.
 */
export function loseLinkToLeader(pw: PreVoteWorld, awayMs: number): void {
  const c = pw.cluster;
  const w = pw.world;
  const leader = w.awaitLeader(5000);
  if (!pw.check(leader !== null, 'no leader elected within 5 s of the start')) return;
  w.one('x', c.ids.length);
  const termBefore = c.node(leader!)!.term();
  const victim = pw.learners.find((id) => id !== leader)!;
  c.network.setLinkProfile(leader!, victim, CUT);
  c.network.setLinkProfile(victim, leader!, CUT);
  c.trace.record({ t: c.nowMs(), k: 'fault', fault: 'network', profile: `link ${leader}<->${victim} cut` });
  c.runForMs(awayMs);
  const now = c.node(leader!)!;
  const victimTerm = c.node(victim)!.term();
  if (now.role() !== 'leader' || now.term() !== termBefore) {
    pw.check(false, `leader deposed: node ${victim} lost only its link to leader ${leader} (it still reached every other node), and the healthy leader went from leader of term ${termBefore} to ${now.role()} of term ${now.term()} (node ${victim} is in term ${victimTerm}); the other followers, who heard from leader ${leader} all along, helped it`);
  } else {
    pw.check(victimTerm === termBefore, `node ${victim} raised its term from ${termBefore} to ${victimTerm} while only its link to leader ${leader} was down`);
  }
  c.network.setLinkProfile(leader!, victim, null);
  c.network.setLinkProfile(victim, leader!, null);
  c.trace.record({ t: c.nowMs(), k: 'fault', fault: 'network', profile: `link ${leader}<->${victim} restored` });
  c.runForMs(500);
  w.one('y', c.ids.length);
}

/** A generated cluster for the rejoin and liveness properties: size 3–9, which nodes run your rules, the fault's shape. */
export interface GeneratedShape {
  readonly nodes: number;
  readonly learners: readonly number[];
  /** Nodes cut off (rejoin) or crashed besides the leader (liveness): up to half the cluster / leaving a bare majority. */
  readonly count: number;
  readonly writesWhileAway: number;
  readonly awayMs: number;
}

const SIZES = [3, 4, 5, 6, 7, 8, 9];

/** Seeds 1–7 cover every size from 3 to 9 once; everything else is drawn from the seed. */
export function generatedShape(seed: number, purpose: 'rejoin' | 'liveness'): GeneratedShape {
  const nodes = new Prng(`prevote-sizes-${purpose}`).shuffled(SIZES)[(seed - 1) % SIZES.length]!;
  const rng = new Prng(seed).fork(`prevote-${purpose}`);
  const ids = Array.from({ length: nodes }, (_, i) => i + 1);
  // Rejoin: up to half the cluster cut off (with an even size, exactly half: no side has a majority).
  // Liveness: the leader and up to (nodes − majority − 1) more crash, leaving at least a majority.
  const maxCount = purpose === 'rejoin' ? Math.floor(nodes / 2) : nodes - (Math.floor(nodes / 2) + 1) - 1;
  const count = maxCount <= 0 ? 0 : rng.range(Math.max(1, maxCount - 1), maxCount);
  // Enough of your nodes that `count` of them are not the leader.
  const learners = ids.filter(() => rng.chance(700));
  for (const id of rng.shuffled(ids)) if (learners.length < count + 1 && !learners.includes(id)) learners.push(id);
  learners.sort((a, b) => a - b);
  const leaderSideHasMajority = nodes - count >= Math.floor(nodes / 2) + 1;
  return { nodes, learners, count, writesWhileAway: leaderSideHasMajority && rng.chance(500) ? rng.range(1, 4) : 0, awayMs: rng.range(1500, 2600) };
}

/**
 * Thesis §9.6 and §4.2.3: a minority (up to half the cluster, all running your rules) is cut off
 * and comes back; nobody's term may move, the leader keeps its role and its term.
 */
export function rejoinGenerated(pw: PreVoteWorld, shape: GeneratedShape): void {
  const c = pw.cluster;
  const w = pw.world;
  const leader = w.awaitLeader(5000);
  if (!pw.check(leader !== null, 'no leader elected within 5 s of the start')) return;
  w.one('x', c.ids.length);
  const termBefore = c.node(leader!)!.term();
  const away = pw.learners.filter((id) => id !== leader).slice(0, shape.count);
  if (!pw.check(away.length === shape.count, '(scenario) not enough nodes running your rules')) return;
  const rest = c.ids.filter((id) => !away.includes(id));
  c.partition([away, rest]);
  const startMs = c.nowMs();
  for (let i = 0; i < shape.writesWhileAway; i++) w.one(`w${i}`, rest.length);
  c.runForMs(Math.max(0, shape.awayMs - (c.nowMs() - startMs)));
  for (const id of away) {
    const t = c.node(id)!.term();
    pw.check(t === termBefore, `node ${id} raised its term from ${termBefore} to ${t} while it was cut off with ${away.length - 1} other node${away.length === 2 ? '' : 's'} (${away.join(', ')}) of ${c.ids.length}: ${away.length} grants are not a majority of ${c.ids.length} voters`);
  }
  c.heal();
  c.runForMs(2000);
  const now = c.node(leader!)!;
  if (now.role() !== 'leader' || now.term() !== termBefore) {
    const by = away.map((id) => `${id} (term ${c.node(id)!.term()})`).join(', ');
    pw.check(false, `leader deposed: node${away.length > 1 ? 's' : ''} ${by} rejoined after a partition and the healthy leader ${leader} went from leader of term ${termBefore} to ${now.role()} of term ${now.term()}`);
  }
  w.one('y', c.ids.length);
}

/** The leader and `count` more nodes crash, leaving at least a majority: a new leader within the deadline. */
export function leaderAndOthersDie(pw: PreVoteWorld, count: number, withinMs: number): number {
  const c = pw.cluster;
  const w = pw.world;
  const leader = w.awaitLeader(5000);
  if (!pw.check(leader !== null, 'no leader elected within 5 s of the start')) return -1;
  w.one('x', c.ids.length);
  const crashed = [leader!, ...c.ids.filter((id) => id !== leader).slice(0, count)];
  for (const id of crashed) c.crash(id);
  const live = c.ids.filter((id) => !crashed.includes(id));
  const at = c.nowMs();
  const next = w.awaitLeader(withinMs, live);
  const tookMs = c.nowMs() - at;
  if (!pw.check(next !== null, `no leader elected among ${live.join(', ')} within ${withinMs} ms after node${crashed.length > 1 ? 's' : ''} ${crashed.join(', ')} (the leader first) crashed (${live.length} of ${c.ids.length} are up, a majority)`)) return -1;
  w.one('after', live.length);
  return tookMs;
}
