/**
 * Plumbing shared by the visible and hidden tests: your whole node runs inside the reference
 * cluster driver (engine/raft/cluster) through its node factory, so the same simulated network,
 * disks, persist-before-send checks and Raft invariant checker judge it as judge the engine.
 * Every run is a pure function of its seed; failures name the seed and carry a trace.
 */
import { attachTrace, bound, fail } from '../../grader/harness/api';
import { compactTrace } from '../../grader/harness/kits/raft-lab-kit';
import type { RaftConfig } from '../../engine/raft/config';
import type { RaftHooks } from '../../engine/raft/hooks';
import type { Message } from '../../engine/raft/messages';
import type { ReadonlyLog } from '../../engine/raft/raft-log';
import { RaftNode } from '../../engine/raft/raft-node';
import type { Input, Ready } from '../../engine/raft/ready';
import type { ClusterOptions } from '../../engine/raft/cluster/raft-cluster';
import { findScenario } from '../../engine/raft/scenarios';
import { withWorldDefaults, World } from '../../engine/raft/scenarios/scenario';
import type { DurableState, NodeId, Role, Snapshot } from '../../engine/raft/types';
import type { NodeConfig, RaftNodeApi } from './api';
import { checkOperations, describeResult } from '../../engine/check/linearizability';
import { kvModel } from '../../engine/check/models/kv-model';
import { KvService } from '../../engine/raft/kv/kv-service';
import { KvStateMachine } from '../../engine/raft/kv/kv-state-machine';
import { Prng } from '../../engine/sim/prng';

export type CreateNode = (config: NodeConfig, disk: DurableState) => RaftNodeApi;

/** Counts what every node of a world sends: messages and their serialized bytes (MIT 6.5840's TestBytes counts bytes too). */
export class WireMeter {
  messages = 0;
  bytes = 0;
  count(messages: readonly Message[]): void {
    for (const m of messages) {
      this.messages++;
      this.bytes += JSON.stringify(m).length;
    }
  }
}

const NO_READ_STATES: Ready['readStates'] = Object.freeze([]);

/**
 * A world's message budget: about 8 times what the reference sends in the busiest test. A node
 * that answers every answer with another message (a storm) is stopped with a clear message
 * instead of exhausting the sandbox's memory.
 */
export const MESSAGE_BUDGET = 60_000;

class Budget {
  sent = 0;
  spend(n: number): void {
    this.sent += n;
    if (this.sent > MESSAGE_BUDGET) {
      throw new RangeError(`message storm: your nodes sent more than ${MESSAGE_BUDGET} messages in one test (the reference sends under 8,000 in the busiest one). Typical cause: answering every rejection or response with a new AppendEntries that cannot make progress (a nextIndex that never moves back, Raft §5.3), or sending on every tick instead of every heartbeatTicks`);
    }
  }
}

/**
 * Your node, dressed as the engine's RaftNode so the unchanged driver, KV service and checkers
 * can hold it. The reference node underneath (its super) is built with no disk and never stepped;
 * every public method answers from your node.
 */
class HostedNode extends RaftNode {
  constructor(
    config: RaftConfig,
    hooks: RaftHooks,
    private readonly inner: RaftNodeApi,
    private readonly meter: WireMeter | null,
    private readonly budget: Budget,
  ) {
    super({ ...config, rng: { range: (lo) => lo } }, hooks, null);
  }

  override step(input: Input): Ready {
    // ReadIndex (Raft §6.4) is not part of this lab: answer "not the leader" (the KV service then
    // sends gets through the log instead, which the tests always ask for).
    if (input.kind === 'readIndex') return { hardState: null, entriesToPersist: null, snapshot: null, messages: [], committed: [], readStates: [{ requestId: input.requestId, index: null }], proposed: null };
    const ready = this.inner.step(input);
    if (ready === null || typeof ready !== 'object') throw new TypeError(`step(${input.kind}) returned ${String(ready)} instead of a Ready`);
    this.budget.spend(ready.messages.length);
    this.meter?.count(ready.messages);
    // One literal in the engine's own field order (raft-node.ts ready()), not a spread of your object: the driver's
    // reads of every Ready stay on one object shape, which kept a tenth of this suite's time in the spread and the
    // megamorphic loads after it.
    return { hardState: ready.hardState, entriesToPersist: ready.entriesToPersist, snapshot: ready.snapshot, messages: ready.messages, committed: ready.committed, readStates: NO_READ_STATES, proposed: ready.proposed };
  }
  override role(): Role {
    return this.inner.role();
  }
  override term(): number {
    return this.inner.term();
  }
  override votedFor(): NodeId | null {
    return this.inner.votedFor();
  }
  override leaderId(): NodeId | null {
    return this.inner.leaderId();
  }
  override commitIndex(): number {
    return this.inner.commitIndex();
  }
  override log(): ReadonlyLog {
    return this.inner.log();
  }
  override snapshot(): Snapshot | null {
    return this.inner.snapshot();
  }
  override progressOf(): undefined {
    return undefined;
  }
}

/** The driver's node factory for your createNode (and, optionally, a meter that counts what is sent). */
export function nodeFactory(create: CreateNode, meter: WireMeter | null = null): NonNullable<ClusterOptions['nodeFactory']> {
  const budget = new Budget();
  return (config, hooks, disk) => {
    const rng = config.rng;
    const labConfig: NodeConfig = {
      id: config.id,
      voters: config.voters.slice(),
      electionTicks: config.electionTicks,
      heartbeatTicks: config.heartbeatTicks,
      maxEntriesPerMessage: config.maxEntriesPerMessage,
      rng: { range: bound((lo: number, hi: number) => rng.range(lo, hi)) },
    };
    return new HostedNode(config, hooks, create(labConfig, disk), meter, budget);
  };
}

/** A world (cluster + invariant checker) whose every node is yours. */
export function labWorld(create: CreateNode, options: Omit<ClusterOptions, 'observers' | 'nodeFactory'>, meter: WireMeter | null = null): World {
  return new World({ ...options, nodeFactory: nodeFactory(create, meter) });
}

const ADVICE: readonly [RegExp, string][] = [
  [/election-safety/, 'Two leaders in one term: a node may grant one vote per term (Raft §5.2, Figure 2 RequestVote rule 2: votedFor is null or candidateId) and a candidate needs a majority of ALL voters, itself included.'],
  [/leader-completeness|state-machine-safety|log-matching/, 'Committed history changed: check the §5.4.1 election restriction (vote only for a log at least as up-to-date: last term first, then last index), that a leader commits by counting only entries of its own term (§5.4.2, Figure 8), and that a follower truncates only at the first conflicting entry (Figure 2 AppendEntries rule 3).'],
  [/commit-needs-majority/, 'An entry was committed before a majority stored it (Raft §5.3): count matchIndex over all voters, the leader\'s own log included, and commit only what a majority holds.'],
  [/persist-before-send/, 'Persist before send (Figure 2, "Persistent state ... updated on stable storage before responding to RPCs"): term, vote and log changes go into THIS step\'s Ready (hardState, entriesToPersist), which the driver writes before it sends the messages of the same Ready.'],
  [/applied-in-order/, 'Hand committed entries out exactly once, in index order, from lastApplied + 1 (after a restart, from the snapshot index + 1: lastApplied is volatile, Figure 2).'],
  [/term-monotonic/, 'currentTerm must never go down, not even across a restart: read it back from disk.hardState.'],
  [/no leader|never elected|no agreement|failed to reach agreement|still waiting/, 'Liveness: randomized election timeouts (Raft §5.2), heartbeats every heartbeatTicks, a leader that replicates right after a proposal, and a follower that tells the leader where its log diverges (§5.3) so nextIndex backs off.'],
];

export function advise(failure: string): string {
  for (const [pattern, advice] of ADVICE) if (pattern.test(failure)) return advice;
  return 'Replay the seed and read the trace around the first problem.';
}

/**
 * Runs `body` against a world, then fails with the first problem (the world's own checks, the
 * driver's persist-before-send checks and the invariant checker's), its seed and a trace.
 */
export function runTraced(world: World, seed: number, what: string, body: () => void, problems: string[] = []): void {
  try {
    body();
  } catch (error) {
    problems.unshift(`[${world.cluster.nowMs()} ms] your node threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  const all = [...problems, ...world.result().failures];
  const first = all[0];
  if (first !== undefined) {
    // The trace is shown only for a failed test: built only then (it is most of a long run's events).
    attachTrace(compactTrace(world.cluster, seed));
    const more = all.length > 1 ? ` (${all.length - 1} more problem${all.length > 2 ? 's' : ''} after it)` : '';
    fail(`${what} (seed ${seed}): ${first}${more}. ${advise(first)}`);
  }
}

/** Runs one scenario of the engine's catalogue (engine/raft/scenarios), unchanged, with every node yours. */
export function runScenario(create: CreateNode, name: string, seed: number): void {
  const scenario = findScenario(name);
  if (scenario === undefined) throw new Error(`no scenario ${name}`);
  let world: World | null = null;
  let thrown: string | null = null;
  withWorldDefaults(
    { nodeFactory: nodeFactory(create) },
    () => {
      try {
        world = scenario.run(seed).world;
      } catch (error) {
        thrown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    },
  );
  if (thrown !== null) fail(`${name} (${scenario.cites}, seed ${seed}): your node threw: ${thrown}. ${advise(thrown)}`);
  const w = world as World | null;
  if (w === null) return;
  const failures = w.result().failures;
  const first = failures[0];
  if (first !== undefined) attachTrace(compactTrace(w.cluster, seed));
  if (first !== undefined) fail(`${name} (${scenario.cites}, seed ${seed}): ${first}${failures.length > 1 ? ` (${failures.length - 1} more after it)` : ''}. ${advise(first)}`);
}

/**
 * Raft §5.3 and §8: a put sent to a leader cut off with a minority must not complete while the
 * partition lasts (it cannot commit), and after the heal the history is still linearizable.
 */
export function kvMinorityPut(create: CreateNode, seed: number, nodes: number): void {
  const w = labWorld(create, { nodes, seed, stateMachineFor: () => new KvStateMachine() });
  const c = w.cluster;
  const problems: string[] = [];
  runTraced(w, seed, `a put to a minority leader (${nodes} nodes)`, () => {
    // One client that never gives up on the server it was sent to (no retry timer during the test).
    const kv = new KvService(c, { clients: 2, readMode: 'log', retryTimeoutMs: 1_000_000 }, new Prng(seed).fork('kv-clients'));
    const leader = w.awaitLeader(5000);
    if (leader === null) return void problems.push('no leader within 5 s in a quiet cluster (Raft §5.2)');
    kv.pointAt(1, leader);
    kv.submit(1, { type: 'put', key: 'k', value: 'before' });
    c.runUntil(() => kv.isIdle(1), 2000);
    if (!kv.isIdle(1)) return void problems.push(`[${c.nowMs()} ms] a put to leader ${leader} in a healthy cluster did not complete within 2 s`);
    const rng = new Prng(seed).fork('minority');
    const minority = [leader, ...rng.shuffled(c.ids.filter((id) => id !== leader)).slice(0, Math.floor((nodes - 1) / 2) - 1)];
    c.partition([minority, c.ids.filter((id) => !minority.includes(id))]);
    kv.pointAt(0, leader);
    kv.submit(0, { type: 'put', key: 'k', value: 'minority' });
    c.runForMs(3000);
    if (kv.isIdle(0)) {
      problems.push(`[${c.nowMs()} ms] a put sent to leader ${leader}, cut off with only ${minority.length} of ${nodes} nodes (${minority.join(', ')}), completed: it was applied without a majority storing it. Raft §5.3: a leader commits an entry only once a majority of ALL voters stored it`);
      return;
    }
    c.heal();
    c.runUntil(() => kv.allIdle(), 5000);
    if (!kv.allIdle()) problems.push(`[${c.nowMs()} ms] the put did not complete within 5 s after the partition healed (the old leader must step down on the newer term, Raft §5.1, and the client retries elsewhere)`);
    const verdict = checkOperations(kvModel, kv.history.operations());
    if (verdict.verdict !== 'ok') problems.push(`[${c.nowMs()} ms] the history is not linearizable: ${describeResult(kvModel, verdict)}`);
  }, problems);
}
