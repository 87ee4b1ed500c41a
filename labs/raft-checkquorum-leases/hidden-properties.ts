/**
 * Generated views for the rules one call at a time, with the answers thesis §6.2 and §6.4.1 give.
 * Sizes 1–9 (even and odd), rounds sent several per tick or ticks apart, acks lost or late, drift
 * bounds from 1 to 2, election timeouts from 10 to 100 ticks.
 */
import { fc } from '../../grader/harness/property';
import type { HeartbeatRound, LeaseReadView, LeaseRoundsView, PeerAck, QuorumCheckView } from './api';

export function majority(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

function peersOf(voters: number, leader: number): number[] {
  return Array.from({ length: voters }, (_, i) => i + 1).filter((id) => id !== leader);
}

export const quorumView: fc.Arbitrary<QuorumCheckView> = fc
  .record({ voters: fc.integer({ min: 1, max: 9 }), leaderSeed: fc.nat(), term: fc.integer({ min: 1, max: 50 }), mask: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }) })
  .map(({ voters, leaderSeed, term, mask }) => {
    const id = (leaderSeed % voters) + 1;
    return { id, currentTerm: term, voters, recentlyActive: peersOf(voters, id).filter((_, i) => mask[i]) };
  });

/** Thesis §6.2: step down unless the leader (once) plus the peers heard from make a majority. */
export function mustStepDown(v: QuorumCheckView): boolean {
  return v.recentlyActive.length + 1 < majority(v.voters);
}

export function describeQuorum(v: QuorumCheckView): string {
  return `leader ${v.id} of a ${v.voters}-node cluster heard from ${v.recentlyActive.length === 0 ? 'no peer' : `peers [${v.recentlyActive.join(', ')}]`} since the last check`;
}

export const roundsView: fc.Arbitrary<LeaseRoundsView> = fc
  .record({
    voters: fc.integer({ min: 2, max: 9 }),
    leaderSeed: fc.nat(),
    firstRound: fc.integer({ min: 1, max: 40 }),
    gaps: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 12 }),
    startTick: fc.integer({ min: 0, max: 500 }),
    acks: fc.array(fc.integer({ min: -2, max: 14 }), { minLength: 8, maxLength: 8 }),
    waitTicks: fc.integer({ min: 0, max: 40 }),
    lease: fc.option(fc.integer({ min: 0, max: 30 })),
  })
  .map(({ voters, leaderSeed, firstRound, gaps, startTick, acks, waitTicks, lease }) => {
    const id = (leaderSeed % voters) + 1;
    const rounds: HeartbeatRound[] = [];
    let tick = startTick;
    gaps.forEach((gap, i) => {
      tick += gap;
      rounds.push({ round: firstRound + i, sentAtTick: tick });
    });
    const last = rounds[rounds.length - 1]!;
    // A peer acked some round of the window, an older one (before the window: 0 = none), or none.
    const peerAcks: PeerAck[] = peersOf(voters, id).map((peer, i) => {
      const a = acks[i]!;
      const ackedRound = a < 0 ? 0 : Math.min(last.round, firstRound - 1 + a);
      return { peer, ackedRound };
    });
    const nowTick = last.sentAtTick + waitTicks;
    const leaseStartTick = lease === null ? null : Math.max(0, rounds[0]!.sentAtTick - lease);
    return { id, currentTerm: 3, voters, rounds, acks: peerAcks, nowTick, leaseStartTick };
  });

/** Thesis §6.4.1: the send tick of the newest round a majority (the leader once) acknowledged, or null. */
export function newestQuorumStart(v: LeaseRoundsView): number | null {
  for (let i = v.rounds.length - 1; i >= 0; i--) {
    const r = v.rounds[i]!;
    const n = 1 + v.acks.filter((a) => a.ackedRound >= r.round).length;
    if (n >= majority(v.voters)) return r.sentAtTick;
  }
  return null;
}

export function describeRounds(v: LeaseRoundsView): string {
  const rounds = v.rounds.map((r) => `${r.round}@${r.sentAtTick}`).join(' ');
  const acks = v.acks.map((a) => `${a.peer}:${a.ackedRound}`).join(' ');
  return `leader ${v.id} of ${v.voters} at tick ${v.nowTick}, rounds (round@sentAtTick) ${rounds}, highest round acked per peer ${acks}, current lease start ${v.leaseStartTick ?? 'none'}`;
}

/** Why the answer is what it is, in one sentence. */
export function explainStart(v: LeaseRoundsView, want: number | null): string {
  const q = majority(v.voters);
  if (want === null) return `no round in view was acknowledged by ${q - 1} peers, which with the leader make the majority ${q} of ${v.voters}: there is nothing to renew the lease from`;
  const r = v.rounds.find((x) => x.sentAtTick === want && 1 + v.acks.filter((a) => a.ackedRound >= x.round).length >= q)!;
  return `round ${r.round}, sent at tick ${r.sentAtTick}, is the newest round acknowledged by a majority (${q} of ${v.voters}, the leader included); every peer that acknowledged it reset its election timer after tick ${r.sentAtTick}, not necessarily after a later round nor after the ack arrived (tick ${v.nowTick})`;
}

export const DRIFTS = [1, 1.05, 1.1, 1.2, 1.25, 1.5, 2] as const;

export interface ReadCase {
  readonly view: LeaseReadView;
  readonly now: number;
}

export const readCase: fc.Arbitrary<ReadCase> = fc
  .record({
    electionTicks: fc.integer({ min: 10, max: 100 }),
    drift: fc.constantFrom(...DRIFTS),
    start: fc.option(fc.integer({ min: 0, max: 1000 }), { freq: 8 }),
    age: fc.integer({ min: 0, max: 220 }),
  })
  .map(({ electionTicks, drift, start, age }) => ({
    view: { id: 1, currentTerm: 2, leaseStartTick: start, electionTicks, clockDriftBound: drift },
    now: (start ?? 200) + age,
  }));

/** Drift bounds whose products with whole ticks are exact in floating point: the limit itself is decidable. */
const EXACT_DRIFTS: readonly number[] = [1, 1.25, 1.5, 2];

/**
 * true, false, or null when both answers are acceptable: at the limit itself the lease has expired
 * (strictly less than electionTicks / clockDriftBound), except where rounding makes the limit
 * ambiguous (a drift bound such as 1.1 is not exact in floating point).
 */
export function leaseAnswer(c: ReadCase): boolean | null {
  const { leaseStartTick, electionTicks, clockDriftBound } = c.view;
  if (leaseStartTick === null) return false;
  const scaled = (c.now - leaseStartTick) * clockDriftBound;
  if (Math.abs(scaled - electionTicks) < 1e-6) return EXACT_DRIFTS.includes(clockDriftBound) ? false : null;
  return scaled < electionTicks;
}

export function describeRead(c: ReadCase): string {
  const v = c.view;
  if (v.leaseStartTick === null) return `a leader with no lease yet (electionTicks ${v.electionTicks}, clockDriftBound ${v.clockDriftBound}) at tick ${c.now}`;
  return `a lease started at tick ${v.leaseStartTick}, now tick ${c.now} (age ${c.now - v.leaseStartTick} ticks), electionTicks ${v.electionTicks}, clockDriftBound ${v.clockDriftBound} (limit ${(v.electionTicks / v.clockDriftBound).toFixed(2)} ticks)`;
}
