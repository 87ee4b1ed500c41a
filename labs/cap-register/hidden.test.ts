import { AssertionError, attachTrace, forSeeds, metric, stage } from '../../grader/harness/api';
import { apChaos, apSplitBrain, cpChaos, cpMajorityUnderLoss, cpMinoritySplit, cpStaleReplicas, type Outcome } from './hidden-scenarios';
import { apRun, cpRun, describeAp, describeCp, generatedRuns } from './hidden-generated';
import { Replica } from './solution';

/** A generated-runs property: reports the smallest failing case and its trace. */
function generated(result: { failure: string; trace: unknown } | null): void {
  if (result === null) return;
  attachTrace(result.trace);
  throw new AssertionError(result.failure);
}

const seeds = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => from + i);

/** Report the scenario's figures and trace, then fail with its message if a property broke. */
function holds(outcome: Outcome): void {
  for (const [name, value] of Object.entries(outcome.metrics)) metric(name, value);
  attachTrace(outcome.trace);
  if (outcome.failure !== null) throw new AssertionError(outcome.failure);
}

stage('cp', () => {
  forSeeds('clean split: the minority refuses, the majority serves, the history is linearizable', seeds(12), (seed) => holds(cpMinoritySplit(seed, Replica)));
  forSeeds('linearizable under random partitions, loss, duplicates, late replies and slow links', seeds(16, 101), (seed) => holds(cpChaos(seed, Replica)));
  forSeeds('linearizable when replicas missed writes: a stale writer, a half-stored write', seeds(12, 201), (seed) => holds(cpStaleReplicas(seed, Replica)));
  // Generated worlds: network, load and a schedule of splits and heals; minority refuses (with a
  // reason), every operation answered within a second, linearizable, and quiet once idle.
  forSeeds('generated networks, loads and partition schedules: CP properties hold', seeds(3, 601), (seed) =>
    generated(generatedRuns('generated CP run', seed, 6, (c) => cpRun(c, Replica), describeCp)),
  );
  forSeeds('the majority side stays available under 20% message loss', seeds(8, 301), (seed) => holds(cpMajorityUnderLoss(seed, Replica)));
});

stage('ap', () => {
  forSeeds('always answers, never loses an acknowledged write, converges after heal (skewed clocks)', seeds(16, 401), (seed) => holds(apChaos(seed, Replica)));
  forSeeds('generated networks, loads, skewed clocks and partition schedules: AP properties hold', seeds(3, 701), (seed) =>
    generated(generatedRuns('generated AP run', seed, 6, (c) => apRun(c, Replica), describeAp)),
  );
  forSeeds('split brain: both sides write, every replica agrees on the highest version after heal', seeds(12, 501), (seed) => holds(apSplitBrain(seed, Replica)));
});
