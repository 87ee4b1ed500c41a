/**
 * Server-only: generated inputs for the hidden suite. The learner's four rules are compared with
 * the reference rules (engine/raft/membership.ts) on generated configurations of 1–7 voters (even
 * sizes too) with learners, acknowledgement lists with learners, strangers and repeats, logs of
 * several terms with configuration entries committed or not, and catch-up progress.
 */
import { fc } from '../../grader/harness/property';
import type { CatchUpProgress, ClusterConfig } from './api';
import type { ViewData } from './rules-support';

/** Distinct ids from 1..9: the first `voters` are voters, the next `learners` learners. */
const configArb: fc.Arbitrary<ClusterConfig> = fc
  .record({ ids: fc.shuffledSubarray([1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: 1, maxLength: 9 }), voters: fc.integer({ min: 1, max: 7 }), learners: fc.integer({ min: 0, max: 3 }) })
  .map(({ ids, voters, learners }) => {
    const v = Math.min(voters, ids.length);
    return { voters: ids.slice(0, v), learners: ids.slice(v, v + learners) };
  });

export interface QuorumCase {
  readonly config: ClusterConfig;
  readonly acks: readonly number[];
}

/** Acks drawn mostly from the members (learners and voters), sometimes strangers, with repeats. */
export const quorumCase: fc.Arbitrary<QuorumCase> = configArb.chain((config) => {
  const members = [...config.voters, ...config.learners];
  const id = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...members) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) });
  const distinct = fc.uniqueArray(id, { maxLength: 9 });
  const repeated = fc.array(id, { maxLength: 12 });
  return fc.record({ config: fc.constant(config), acks: fc.oneof(distinct, repeated) });
});

/** A view: nondecreasing log terms, a current term at or past the last one, commit and config indexes anywhere. */
export const viewCase: fc.Arbitrary<ViewData> = fc
  .record({
    steps: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 10 }),
    ahead: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
    commitFrac: fc.integer({ min: 0, max: 100 }),
    config: configArb,
    configAt: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 100 })),
    idKind: fc.constantFrom('voter', 'learner', 'outside'),
  })
  .map(({ steps, ahead, commitFrac, config, configAt, idKind }) => {
    let term = 1;
    const log = steps.map((s) => (term += s));
    const last = log.length;
    const commitIndex = Math.round((commitFrac / 100) * last);
    const configIndex = configAt < 0 ? 0 : Math.max(1, Math.round((configAt / 100) * last));
    const id = idKind === 'voter' ? config.voters[0]! : idKind === 'learner' && config.learners.length > 0 ? config.learners[0]! : 10;
    return { id, currentTerm: log[last - 1]! + ahead, log, commitIndex, config, configIndex };
  });

/** A leader whose commit index is in its current term (no-op committed): stresses the one-at-a-time rule alone. */
export const settledLeaderCase: fc.Arbitrary<ViewData> = viewCase.map((v) => {
  const currentTerm = v.log[v.log.length - 1]!;
  const commitIndex = Math.max(v.commitIndex, v.log.indexOf(currentTerm) + 1);
  return { ...v, currentTerm, commitIndex };
});

export const progressCase: fc.Arbitrary<CatchUpProgress> = fc
  .record({ node: fc.integer({ min: 2, max: 9 }), last: fc.integer({ min: 1, max: 400 }), commitFrac: fc.integer({ min: 0, max: 100 }), matchFrac: fc.integer({ min: 0, max: 100 }), near: fc.integer({ min: -2, max: 2 }), mode: fc.constantFrom('any', 'near') })
  .map(({ node, last, commitFrac, matchFrac, near, mode }) => {
    const leaderCommitIndex = Math.round((commitFrac / 100) * last);
    const matchIndex = mode === 'near' ? Math.min(last, Math.max(0, leaderCommitIndex + near)) : Math.round((matchFrac / 100) * last);
    return { node, matchIndex, leaderLastIndex: last, leaderCommitIndex };
  });
