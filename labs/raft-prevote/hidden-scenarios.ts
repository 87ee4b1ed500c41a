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
