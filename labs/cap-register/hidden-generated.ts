/**
 * Server-only: generated runs of the register. A case is the seed of the world, the network
 * (clean, lossy and duplicating, or 20% loss), the client load (one or two clients per replica,
 * share of writes, think time) and a schedule of partitions and heals at generated times, ending in
 * a heal. The properties of the mode must hold for every case; a failing case is shrunk (fewer
 * faults, plainer network, lighter load) and the message names the minimal one and the seed.
 *
 * Messages are counted per type through a thin wrapper around the learner's replicas, so the CP
 * quiet-period check can say what was sent, not guess.
 */
import { fc } from '../../grader/harness/property';
import type { NetworkProfile } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import type { PeerMessage, ReplicaEnv, ReplicaId } from './api';
import { REPLICA_IDS, RegisterCluster, showVersion, type ReplicaClass, type ReplicaLike } from './register-cluster';
import {
  apOperationChecks,
  convergence,
  CP_HINT_READ,
  linearizable,
  LOSSY,
  protocolProblems,
  refusalWithoutReason,
  skewFor,
  SPLITS,
  VERY_LOSSY,
} from './hidden-scenarios';
import { describeOp } from './register-cluster';

export interface RunCase {
  readonly seed: number;
  /** 0: no loss; 1: lossy, duplicating, reordering; 2: 20% loss. */
  readonly network: 0 | 1 | 2;
  readonly perReplica: 1 | 2;
  readonly writePerMille: number;
  readonly thinkMsMax: number;
  /** Faults at generated gaps from t=100: a split of SPLITS (0..3) or a heal (4). */
  readonly faults: readonly { readonly gapMs: number; readonly split: number }[];
}

const NETWORKS: readonly (NetworkProfile | undefined)[] = [undefined, LOSSY, VERY_LOSSY];
const NETWORK_NAMES = ['no loss', LOSSY.name, VERY_LOSSY.name];

export const runCase: fc.Arbitrary<RunCase> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  network: fc.constantFrom(0 as const, 1 as const, 2 as const),
  perReplica: fc.constantFrom(1 as const, 2 as const),
  writePerMille: fc.integer({ min: 100, max: 900 }),
  thinkMsMax: fc.integer({ min: 5, max: 120 }),
  faults: fc.array(fc.record({ gapMs: fc.integer({ min: 20, max: 500 }), split: fc.integer({ min: 0, max: 4 }) }), { maxLength: 5 }),
});

function scheduleText(c: RunCase): string {
  let t = 100;
  const faults = c.faults.map((f) => {
    t += f.gapMs;
    return `${f.split === 4 ? 'heal' : SPLITS[f.split]!.map((g) => g.join('')).join('|')} at ${t}`;
  });
  return faults.length === 0 ? 'no partition' : faults.join(', ');
}

export function describeRunCase(c: RunCase, clientsUntilMs: number): string {
  return `world seed ${c.seed}, network ${NETWORK_NAMES[c.network]}, ${c.perReplica} client${c.perReplica > 1 ? 's' : ''} per replica until t=${clientsUntilMs} (${c.writePerMille / 10}% writes, think ≤ ${c.thinkMsMax} ms), faults: ${scheduleText(c)}, heal at ${clientsUntilMs}`;
}

/** Counts what the learner's replicas send, per replica and type, from a moment on. */
class MessageLog {
  countingFromMs = Infinity;
  readonly sent: { from: ReplicaId; type: PeerMessage['type']; opId: number }[] = [];

  wrap(replicaClass: ReplicaClass, now: () => number): ReplicaClass {
    return countedClass(this, replicaClass, now);
  }
}

/** The learner's replica class, with every send also recorded in `log`. */
function countedClass(log: MessageLog, replicaClass: ReplicaClass, now: () => number): ReplicaClass {
  return class Counted implements ReplicaLike {
    private readonly inner: ReplicaLike;
    constructor(env: ReplicaEnv) {
      const send = (to: ReplicaId, message: PeerMessage): void => {
        if (now() >= log.countingFromMs) log.sent.push({ from: env.id, type: message?.type, opId: Number(message?.opId) });
        env.send(to, message);
      };
      this.inner = new replicaClass(
        Object.freeze({ id: env.id, peers: env.peers, mode: env.mode, send, setTimer: (delayMs: number, fn: () => void) => env.setTimer(delayMs, fn), nowMs: () => env.nowMs() }),
      );
    }
    read(reply: Parameters<ReplicaLike['read']>[0]): void {
      this.inner.read(reply);
    }
    write(value: number, reply: Parameters<ReplicaLike['write']>[1]): void {
      this.inner.write(value, reply);
    }
    receive(from: ReplicaId, message: PeerMessage): void {
      this.inner.receive(from, message);
    }
    stored() {
      return this.inner.stored();
    }
  };
}

function build(c: RunCase, mode: 'cp' | 'ap', replicaClass: ReplicaClass, clientsUntilMs: number, log: MessageLog) {
  const rng = new Prng(c.seed);
  const clockOffsetsMs = mode === 'ap' ? skewFor(rng.fork('clocks')) : undefined;
  let cluster: RegisterCluster | null = null;
  const wrapped = log.wrap(replicaClass, () => cluster?.nowMs() ?? 0);
  const profile = NETWORKS[c.network];
  cluster = new RegisterCluster({ mode, rng, replicaClass: wrapped, ...(profile ? { profile } : {}), ...(clockOffsetsMs ? { clockOffsetsMs } : {}) });
  const world = cluster;
  world.startClients({ perReplica: c.perReplica, untilMs: clientsUntilMs, writePerMille: c.writePerMille, thinkMsMax: c.thinkMsMax, giveUpMs: 2000, rng: rng.fork('clients') });
  let t = 100;
  for (const f of c.faults) {
    t += f.gapMs;
    if (t >= clientsUntilMs) break;
    const split = SPLITS[f.split];
    world.at(t, () => (split === undefined ? world.heal() : world.partition(split)));
  }
  world.at(clientsUntilMs, () => world.heal());
  return world;
}

const CP_CLIENTS_UNTIL_MS = 1200;
/** Every operation has been answered (a CP replica answers within a second) and its deadline has passed. */
const CP_QUIET_FROM_MS = CP_CLIENTS_UNTIL_MS + 1500;
const CP_QUIET_MS = 1000;
/** Generous: periodic gossip every 20 ms would stay under it; a retransmit loop that never stops does not. */
const CP_QUIET_MAX_MESSAGES = 300;

/** CP: minority refuses, every operation answered within a second with a reason if refused, linearizable, quiet when idle. */
export function cpRun(c: RunCase, replicaClass: ReplicaClass): { failure: string | null; trace: unknown } {
  const log = new MessageLog();
  const cluster = build(c, 'cp', replicaClass, CP_CLIENTS_UNTIL_MS, log);
  cluster.runUntilMs(CP_QUIET_FROM_MS);
  log.countingFromMs = CP_QUIET_FROM_MS;
  cluster.runUntilMs(CP_QUIET_FROM_MS + CP_QUIET_MS);
  const trace = { case: describeRunCase(c, CP_CLIENTS_UNTIL_MS), mode: 'cp', ...cluster.traceOf() };
  const where = `(world seed ${c.seed})`;
  const fail = (failure: string) => ({ failure, trace });
  const problem = protocolProblems(cluster, c.seed);
  if (problem !== null) return fail(problem);
  for (const op of cluster.ops) {
    if (op.returnMs === null || op.returnMs - op.callMs > 1000) {
      return fail(`operation not answered within 1000 ms ${where}: ${describeOp(op)} at replica ${op.at}. Give up on an operation that has no majority after a deadline of a few hundred ms and reply { ok: false, reason }.`);
    }
    if (op.cutOff && op.result?.ok === true) {
      return fail(`minority answered ${where}: ${describeOp(op)} at replica ${op.at}, which could reach neither peer for the whole operation. In CP mode a replica that cannot reach a majority must refuse.`);
    }
  }
  const refusal = refusalWithoutReason(cluster, c.seed);
  if (refusal !== null) return fail(refusal);
  if (log.sent.length > CP_QUIET_MAX_MESSAGES) {
    const byType = new Map<string, number>();
    for (const m of log.sent) {
      const k = `${m.type}${m.opId === 0 ? ' (opId 0)' : ''}`;
      byType.set(k, (byType.get(k) ?? 0) + 1);
    }
    const forOps = log.sent.filter((m) => (m.type === 'query' || m.type === 'store') && m.opId !== 0);
    const opIds = [...new Set(forOps.map((m) => `${m.from}#${m.opId}`))];
    return fail(
      `messages with nothing to do ${where}: every operation had been answered by t=${CP_QUIET_FROM_MS}, yet the replicas sent ${log.sent.length} messages in the next ${CP_QUIET_MS} ms (${[...byType].map(([k, n]) => `${n} ${k}`).join(', ')}).${
        opIds.length > 0 ? ` ${forOps.length} of them are queries or stores of ${opIds.length} operations that had already been answered (e.g. ${opIds.slice(0, 4).join(', ')}): stop an operation's retransmit timer when it finishes or gives up.` : ''
      }`,
    );
  }
  const lin = linearizable(cluster, c.seed, CP_HINT_READ);
  return lin.failure === null ? { failure: null, trace } : fail(lin.failure);
}

const AP_CLIENTS_UNTIL_MS = 1500;

/** AP: every operation answered at once and ok, no lost write, no going back, converged 2 s after the final heal. */
export function apRun(c: RunCase, replicaClass: ReplicaClass): { failure: string | null; trace: unknown } {
  const cluster = build(c, 'ap', replicaClass, AP_CLIENTS_UNTIL_MS, new MessageLog());
  cluster.runUntilMs(AP_CLIENTS_UNTIL_MS + 2000);
  const trace = {
    case: describeRunCase(c, AP_CLIENTS_UNTIL_MS),
    mode: 'ap',
    ...cluster.traceOf(),
    final: REPLICA_IDS.map((id) => `${id}: ${cluster.stored(id).value} ${showVersion(cluster.stored(id).version)}`),
  };
  const failure = protocolProblems(cluster, c.seed) ?? apOperationChecks(cluster, c.seed) ?? convergence(cluster, c.seed, AP_CLIENTS_UNTIL_MS).failure;
  return { failure, trace };
}

/**
 * Runs `numRuns` generated cases and shrinks a failure, with a budget of runs while shrinking (each
 * run is a whole simulation): once it is spent, the smallest failing case found so far is reported.
 */
export function generatedRuns(
  what: string,
  seed: number,
  numRuns: number,
  run: (c: RunCase) => { failure: string | null; trace: unknown },
  describe: (c: RunCase) => string,
): { failure: string; trace: unknown } | null {
  let failures = 0;
  let budget = Infinity;
  const details = fc.check(
    fc.property(runCase, (c) => {
      if (budget-- <= 0) return true;
      const failed = run(c).failure !== null;
      if (failed && failures++ === 0) budget = 40;
      return !failed;
    }),
    { seed, numRuns },
  );
  if (!details.failed || details.counterexample === null) return null;
  const minimal = details.counterexample[0];
  const result = run(minimal);
  return {
    failure: `${what} (seed ${seed}): smallest counter-example found after ${details.numRuns} cases and ${details.numShrinks} shrinks: ${describe(minimal)} — ${result.failure ?? 'it failed while searching but not on its own (state kept between runs?)'}`,
    trace: result.trace,
  };
}

export const describeCp = (c: RunCase): string => describeRunCase(c, CP_CLIENTS_UNTIL_MS);
export const describeAp = (c: RunCase): string => describeRunCase(c, AP_CLIENTS_UNTIL_MS);
