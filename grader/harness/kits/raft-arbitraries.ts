/**
 * fast-check arbitraries of Raft logs for the Raft labs' property tests: a follower and a leader
 * whose logs share a prefix and then diverge the way Raft logs can (Raft §5.3, Figure 7). The two
 * tails never hold the same (index, term), so the Log Matching Property holds between them.
 */
import { fc } from '../property';

/** Nondecreasing terms from 1 by increments of 0–2 (several terms per log), at most `maxLength` long. */
export const raftTerms = (maxLength: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 0, max: 2 }), { maxLength }).map((inc) => {
    let t = 1;
    return inc.map((d, i) => (i === 0 ? t : (t += d)));
  });

export interface TailsPick {
  owners: boolean[];
  runs: number[];
  continuation: 'none' | 'follower' | 'leader';
  continuationLength: number;
}

/** The choices behind two diverging tails (see divergingTails). */
export const tailsPick: fc.Arbitrary<TailsPick> = fc.record({
  owners: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  runs: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 }),
  continuation: fc.constantFrom<'none' | 'follower' | 'leader'>('none', 'follower', 'leader'),
  continuationLength: fc.integer({ min: 1, max: 3 }),
});

/**
 * Two tails after a common prefix ending in term t0: the new terms t0+1…t0+6 are dealt to one side
 * or the other (disjoint), and at most one side continues t0.
 */
export function divergingTails(t0: number, g: TailsPick): { follower: number[]; leader: number[] } {
  const out = { follower: [] as number[], leader: [] as number[] };
  if (t0 > 0 && g.continuation !== 'none') for (let i = 0; i < g.continuationLength; i++) out[g.continuation].push(t0);
  const order = g.owners.map((owner, i) => ({ term: t0 + 1 + i, side: owner ? ('follower' as const) : ('leader' as const), run: g.runs[i]! }));
  for (const { term, side, run } of order) for (let k = 0; k < run; k++) out[side].push(term);
  return out;
}
