/**
 * The graded scenarios of cap-register, as plain functions (seed, replica class) → outcome, so
 * hidden.test.ts stays a list of properties. Each check returns null or a message that names the
 * property, the seed, the moment and where to look.
 */
import { checkOperations } from '../../engine/check/linearizability';
import { registerModel, type RegisterInput, type RegisterOutput } from '../../engine/check/models/register-model';
import type { Operation } from '../../engine/check/history';
import type { NetworkProfile } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import type { ReplicaId, Version } from './api';
import { compareVersions, describeOp, REPLICA_IDS, RegisterCluster, showVersion, type OpRecord, type ReplicaClass } from './register-cluster';

export interface Outcome {
  readonly cluster: RegisterCluster;
  readonly failure: string | null;
  readonly metrics: Record<string, number>;
  readonly trace: unknown;
}

export const LOSSY: NetworkProfile = {
  name: 'lossy-duplicating',
  dropRequestPerMille: 100,
  dropReplyPerMille: 100,
  delayMsMin: 0,
  delayMsMax: 30,
  duplicatePerMille: 50,
  reorderReplyPerMille: 100,
  reorderDelayMsMin: 100,
  reorderDelayMsMax: 600,
};
export const VERY_LOSSY: NetworkProfile = { ...LOSSY, name: 'twenty-percent-loss', dropRequestPerMille: 200, dropReplyPerMille: 200, reorderReplyPerMille: 0 };
const SLOW_LINK: NetworkProfile = { ...LOSSY, name: 'slow-link', dropRequestPerMille: 0, dropReplyPerMille: 0, delayMsMin: 40, delayMsMax: 250, reorderReplyPerMille: 0 };
export const SPLITS: readonly (readonly ReplicaId[][])[] = [
  [['A', 'B'], ['C']],
  [['A', 'C'], ['B']],
  [['B', 'C'], ['A']],
  [['A'], ['B'], ['C']],
];

// ---- shared checks ------------------------------------------------------------------------------

export function protocolProblems(cluster: RegisterCluster, seed: number): string | null {
  if (cluster.problems.length === 0) return null;
  return `protocol mistake (seed ${seed}): ${cluster.problems[0]}${cluster.problems.length > 1 ? ` (and ${cluster.problems.length - 1} more)` : ''}`;
}

function partitionAt(cluster: RegisterCluster, t: number): string {
  let label = 'none';
  for (const f of cluster.faults) {
    if (f.t > t) break;
    if (f.fault.startsWith('partition ')) label = f.fault.slice('partition '.length);
    else if (f.fault === 'heal') label = 'none';
  }
  return label;
}

function opOfHistory(cluster: RegisterCluster, h: Operation<RegisterInput, RegisterOutput>): OpRecord | undefined {
  return cluster.ops.find((o) => o.client === h.clientId && o.callMs === h.callMs && (h.input.type === 'read' ? o.kind === 'read' : o.kind === 'write' && o.value === h.input.value));
}

function okValue(op: OpRecord): number | null {
  return op.result !== null && op.result.ok ? op.result.value : null;
}

/** Why a stuck read cannot be placed, in terms of the operations a reader would look at. */
function explainRead(cluster: RegisterCluster, read: OpRecord): string {
  const v = okValue(read);
  const source = cluster.ops.find((o) => o.kind === 'write' && o.value === v);
  const start = read.callMs;
  // A write that completed before the read began, after the returned value's write had completed.
  const overwrite = cluster.ops.find(
    (o) => o.kind === 'write' && o.result?.ok === true && o.returnMs !== null && o.returnMs < start && source !== undefined && source.returnMs !== null && o.callMs > source.returnMs,
  );
  if (overwrite !== undefined) return `write(${overwrite.value}) at ${overwrite.at} had completed at t=${overwrite.returnMs}, before this read began, so ${v} was already overwritten`;
  // An earlier read that already returned something newer.
  const newer = cluster.ops.find((o) => {
    if (o.kind !== 'read' || o.returnMs === null || o.returnMs >= start || okValue(o) === null || okValue(o) === v) return false;
    const w = cluster.ops.find((x) => x.kind === 'write' && x.value === okValue(o));
    return w !== undefined && source !== undefined && source.returnMs !== null && w.callMs > source.returnMs;
  });
  if (newer !== undefined) return `a read at ${newer.at} had already returned the newer ${okValue(newer)} at t=${newer.returnMs}, so a later read may not go back to ${v}`;
  if (source === undefined && v !== 0) return `nobody wrote ${v}`;
  return `no order of the operations explains it`;
}

export function linearizable(cluster: RegisterCluster, seed: number, hint: string): { failure: string | null; steps: number; window: string[] } {
  const history = cluster.history();
  const r = checkOperations(registerModel, history, { maxSteps: 3_000_000 });
  if (r.verdict === 'ok') return { failure: null, steps: r.steps, window: [] };
  if (r.verdict === 'unknown') return { failure: `the history of ${history.length} operations is too tangled to check within the search budget (seed ${seed}); long-pending writes are the usual cause: refuse within a second`, steps: r.steps, window: [] };
  const stuck = r.firstUnlinearizable === null ? undefined : opOfHistory(cluster, r.firstUnlinearizable);
  const prefix = r.longestPrefix.slice(-4).map((h) => opOfHistory(cluster, h)).filter((o): o is OpRecord => o !== undefined);
  const windowOps = stuck === undefined ? prefix : cluster.ops.filter((o) => o.callMs <= (stuck.returnMs ?? Infinity) && (o.returnMs ?? Infinity) >= stuck.callMs - 600);
  const window = windowOps.map(describeOp);
  if (stuck === undefined) return { failure: `non-linearizable history (seed ${seed}): no order of the ${history.length} operations is legal. ${hint}`, steps: r.steps, window };
  const during = partitionAt(cluster, stuck.callMs);
  let why = stuck.kind === 'read' ? explainRead(cluster, stuck) : '';
  if (why === '' || why === 'no order of the operations explains it') {
    const placed = prefix.map(describeOp).join('; ');
    why = `no order of the operations explains it${placed === '' ? '' : ` (the longest legal order ends with: ${placed})`}`;
  }
  return {
    failure: `non-linearizable history (seed ${seed}): ${describeOp(stuck)}, partition ${during}: ${why}. ${hint}`,
    steps: r.steps,
    window,
  };
}

function startChaos(cluster: RegisterCluster, rng: Prng, fromMs: number, untilMs: number, slowLinks: boolean): void {
  let t = fromMs;
  while (t < untilMs) {
    const roll = rng.int(10);
    const split = SPLITS[rng.int(SPLITS.length)]!;
    cluster.at(t, () => (roll < 3 ? cluster.heal() : cluster.partition(split)));
    if (slowLinks && rng.chance(300)) {
      const from = rng.pick(REPLICA_IDS);
      const to = rng.pick(REPLICA_IDS.filter((r) => r !== from));
      cluster.at(t, () => cluster.setLinkProfile(from, to, SLOW_LINK));
      cluster.at(t + rng.range(200, 800), () => cluster.setLinkProfile(from, to, null));
    }
    t += rng.range(150, 600);
  }
  cluster.at(untilMs, () => cluster.heal());
}

/** A refusal tells the client why (`{ ok: false, reason }`): an empty reason is no answer to show. */
export function refusalWithoutReason(cluster: RegisterCluster, seed: number): string | null {
  const op = cluster.ops.find((o) => o.result !== null && !o.result.ok && o.result.reason.trim() === '');
  return op === undefined ? null : `refusal without a reason (seed ${seed}): ${describeOp(op)} at replica ${op.at} was refused with reason ${JSON.stringify((op.result as { reason: string }).reason)}. Say why, e.g. { ok: false, reason: 'no majority reachable' }.`;
}

// ---- CP -------------------------------------------------------------------------------------------

export const CP_HINT_READ = 'A CP read must reflect every write that completed before it began: ask a majority, write back the newest value to a majority, and only then answer; never answer from the local copy alone.';

/** A clean split: the minority must refuse (and not hang), the majority must keep serving, all must be linearizable. */
export function cpMinoritySplit(seed: number, replicaClass: ReplicaClass): Outcome {
  const rng = new Prng(seed);
  const cluster = new RegisterCluster({ mode: 'cp', rng, replicaClass });
  const minority = rng.pick(REPLICA_IDS);
  const majority = REPLICA_IDS.filter((r) => r !== minority);
  const splitMs = 300;
  const healMs = 1500;
  cluster.startClients({ perReplica: 2, untilMs: 2400, writePerMille: 500, thinkMsMax: 90, giveUpMs: 2000, rng: rng.fork('clients') });
  cluster.at(splitMs, () => cluster.partition([majority, [minority]]));
  cluster.at(healMs, () => cluster.heal());
  cluster.runUntilMs(5000);
  const label = `${majority.join('')}|${minority}`;
  const trace = { seed, mode: 'cp', ...cluster.traceOf() };
  const metrics = { ops: cluster.ops.length, messages: cluster.messagesSent };
  const done = (failure: string | null): Outcome => ({ cluster, failure, metrics, trace });

  const problem = protocolProblems(cluster, seed);
  if (problem !== null) return done(problem);
  const duringSplit = (o: OpRecord) => o.callMs >= splitMs && o.callMs < healMs;
  for (const op of cluster.ops) {
    if (op.at === minority && op.cutOff && op.result?.ok === true) {
      return done(
        `minority answered (seed ${seed}): ${describeOp(op)} at replica ${minority}, which was cut off from ${majority.join(' and ')} by the partition ${label} since t=${splitMs}. In CP mode a replica that cannot reach a majority must refuse: it cannot know what the majority has written since. ${op.kind === 'read' ? CP_HINT_READ : 'A write must be acknowledged by a majority before it is answered.'}`,
      );
    }
  }
  for (const op of cluster.ops) {
    if (op.at === minority && duringSplit(op) && (op.returnMs === null || op.returnMs - op.callMs > 1000)) {
      return done(
        `minority hung (seed ${seed}): ${describeOp(op)} at replica ${minority} during the partition ${label} got no answer within 1000 ms. Refusing is an answer: give up on an operation that has no majority after a timeout and reply { ok: false }.`,
      );
    }
  }
  const refusal = refusalWithoutReason(cluster, seed);
  if (refusal !== null) return done(refusal);
  for (const op of cluster.ops) {
    if (op.at !== minority && duringSplit(op) && op.callMs >= splitMs + 10 && op.result?.ok !== true) {
      return done(
        `majority unavailable (seed ${seed}): ${describeOp(op)} at replica ${op.at}, on the majority side of ${label}, on a network that loses nothing. Two of three replicas are a majority: they must keep serving. Count the replica itself in the quorum.`,
      );
    }
  }
  for (const op of cluster.ops) {
    if (op.callMs >= healMs + 300 && op.result?.ok !== true) {
      return done(`not serving after heal (seed ${seed}): ${describeOp(op)} at replica ${op.at}, 300 ms or more after the partition healed at t=${healMs}. A replica must serve again as soon as it reaches a majority.`);
    }
  }
  const lin = linearizable(cluster, seed, CP_HINT_READ);
  return { cluster, failure: lin.failure, metrics: { ...metrics, checkerSteps: lin.steps }, trace: lin.failure === null ? trace : { ...trace, window: lin.window } };
}

/** Random partitions, loss, duplicates, reordered replies and slow links, concurrent clients. */
export function cpChaos(seed: number, replicaClass: ReplicaClass): Outcome {
  const rng = new Prng(seed);
  const cluster = new RegisterCluster({ mode: 'cp', rng, replicaClass, profile: LOSSY });
  cluster.startClients({ perReplica: 2, untilMs: 3000, writePerMille: 400, thinkMsMax: 30, giveUpMs: 1500, rng: rng.fork('clients') });
  startChaos(cluster, rng.fork('faults'), 200, 3000, true);
  cluster.runUntilMs(6000);
  const ok = cluster.ops.filter((o) => o.result?.ok === true).length;
  const metrics: Record<string, number> = { ops: cluster.ops.length, opsOk: ok, messagesPerOp: Math.round((cluster.messagesSent / Math.max(1, cluster.ops.length)) * 10) / 10 };
  const trace = { seed, mode: 'cp', network: LOSSY.name, ...cluster.traceOf() };
  const problem = protocolProblems(cluster, seed);
  if (problem !== null) return { cluster, failure: problem, metrics, trace };
  const lin = linearizable(cluster, seed, CP_HINT_READ + ' Under a lossy network also check that late or duplicated replies of an old operation cannot count for a new one, and that two writes in flight at one replica get distinct versions.');
  return { cluster, failure: lin.failure, metrics: { ...metrics, checkerSteps: lin.steps }, trace: lin.failure === null ? trace : { ...trace, window: lin.window } };
}

/** The majority side under 20% message loss: refusing is for minorities, not for lost packets. */
export function cpMajorityUnderLoss(seed: number, replicaClass: ReplicaClass): Outcome {
  const rng = new Prng(seed);
  const cluster = new RegisterCluster({ mode: 'cp', rng, replicaClass, profile: VERY_LOSSY });
  const minority = rng.pick(REPLICA_IDS);
  const majority = REPLICA_IDS.filter((r) => r !== minority);
  cluster.partition([majority, [minority]]);
  cluster.startClients({ perReplica: 2, untilMs: 2000, writePerMille: 500, thinkMsMax: 20, giveUpMs: 2000, rng: rng.fork('clients'), replicas: majority });
  cluster.runUntilMs(4500);
  const ops = cluster.ops;
  const ok = ops.filter((o) => o.result?.ok === true).length;
  const perMille = Math.round((ok / Math.max(1, ops.length)) * 1000);
  const metrics = { ops: ops.length, successPerMille: perMille, messagesPerOp: Math.round((cluster.messagesSent / Math.max(1, ops.length)) * 10) / 10 };
  const trace = { seed, mode: 'cp', network: VERY_LOSSY.name, ...cluster.traceOf() };
  const problem = protocolProblems(cluster, seed);
  if (problem !== null) return { cluster, failure: problem, metrics, trace };
  if (perMille < 950) {
    return {
      cluster,
      failure: `majority side too often unavailable (seed ${seed}): only ${ok} of ${ops.length} operations at ${majority.join(' and ')} succeeded with 20% of messages lost (at least 95% must). A lost request or reply is not a partition: resend to peers that have not answered (every few tens of ms) until the operation's deadline.`,
      metrics,
      trace,
    };
  }
  const lin = linearizable(cluster, seed, CP_HINT_READ);
  return { cluster, failure: lin.failure, metrics, trace: lin.failure === null ? trace : { ...trace, window: lin.window } };
}

/**
 * Scripted faults around replicas that missed writes: a replica that sat in the minority writes
 * after the heal; then a write is cut off half-stored (only its coordinator holds it) and two
 * reads through different majorities follow. Roles and counts come from the seed.
 */
export function cpStaleReplicas(seed: number, replicaClass: ReplicaClass): Outcome {
  const rng = new Prng(seed);
  const cluster = new RegisterCluster({ mode: 'cp', rng, replicaClass });
  const [x, y, z] = rng.shuffled(REPLICA_IDS) as [ReplicaId, ReplicaId, ReplicaId];
  const writes = rng.range(2, 5);
  // Part 1: y misses `writes` writes, then writes itself after the heal; reads follow everywhere.
  cluster.at(0, () => cluster.partition([[x, z], [y]]));
  for (let i = 0; i < writes; i++) cluster.at(20 + i * 60, () => cluster.write(rng.pick([x, z])));
  cluster.at(400, () => cluster.heal());
  cluster.at(450, () => cluster.write(y));
  for (const [i, id] of rng.shuffled(REPLICA_IDS).entries()) cluster.at(560 + i * 50, () => cluster.read(id));
  // Part 2: a write whose coordinator is cut off right after storing locally.
  const [w, r1, r2] = rng.shuffled(REPLICA_IDS) as [ReplicaId, ReplicaId, ReplicaId];
  const slow: NetworkProfile = { ...SLOW_LINK, name: 'slow-link', delayMsMin: 30, delayMsMax: 45 };
  let stage = 0;
  cluster.at(800, () => {
    for (const peer of REPLICA_IDS) if (peer !== w) cluster.setLinkProfile(w, peer, slow);
    const before = cluster.stored(w);
    const op = cluster.write(w);
    const poll = (): void => {
      const now = cluster.stored(w);
      const stored = now.value === op.value && compareVersions(now.version, before.version) > 0;
      if (stage === 0 && (stored || op.result !== null || cluster.nowMs() > 1400)) {
        stage = 1;
        cluster.partition([[w], [r1, r2]]);
        for (const peer of REPLICA_IDS) if (peer !== w) cluster.setLinkProfile(w, peer, null);
      }
      if (stage === 1 && (op.result !== null || cluster.nowMs() > 2600)) {
        stage = 2;
        cluster.partition([[w, r1], [r2]]);
        cluster.read(r1, undefined, () =>
          cluster.at(cluster.nowMs() + 5, () => {
            cluster.partition([[r1, r2], [w]]);
            cluster.read(r2, undefined, () => {
              cluster.heal();
              for (const id of REPLICA_IDS) cluster.at(cluster.nowMs() + 100, () => cluster.read(id));
            });
          }),
        );
      }
      if (stage < 2) cluster.at(cluster.nowMs() + 1, poll);
    };
    cluster.at(cluster.nowMs() + 1, poll);
  });
  cluster.runUntilMs(8000);
  const trace = { seed, mode: 'cp', ...cluster.traceOf() };
  const metrics = { ops: cluster.ops.length, messages: cluster.messagesSent };
  const problem = protocolProblems(cluster, seed);
  if (problem !== null) return { cluster, failure: problem, metrics, trace };
  const lin = linearizable(
    cluster,
    seed,
    'Two things to check. A replica that missed writes while in the minority must learn the highest version from a majority before it picks its own (a version below the latest write loses it). And a read must write back what it returns to a majority before answering: otherwise a value seen once, held by one replica only, can vanish for the next reader.',
  );
  return { cluster, failure: lin.failure, metrics, trace: lin.failure === null ? trace : { ...trace, window: lin.window } };
}

// ---- AP -------------------------------------------------------------------------------------------

const AP_DEADLINE_MS = 20;

/** Clock skew: replicas' wall clocks disagree by seconds (NTP is not a synchronizer). */
export function skewFor(rng: Prng): Partial<Record<ReplicaId, number>> {
  const order = rng.shuffled(REPLICA_IDS);
  return { [order[0]!]: 0, [order[1]!]: rng.range(1500, 4000), [order[2]!]: rng.range(6000, 12000) };
}

/** Per-operation AP properties: always an immediate answer, own writes visible, versions never go back. */
export function apOperationChecks(cluster: RegisterCluster, seed: number): string | null {
  const lastVersion = new Map<ReplicaId, OpRecord>();
  const versions = new Map<string, OpRecord>();
  for (const op of cluster.ops) {
    if (op.result === null || op.returnMs === null || op.returnMs - op.callMs > AP_DEADLINE_MS) {
      return `unavailable (seed ${seed}): ${describeOp(op)} at replica ${op.at} during partition ${partitionAt(cluster, op.callMs)} was not answered within ${AP_DEADLINE_MS} ms. In AP mode answer from the local copy at once; never wait for a peer.`;
    }
    if (!op.result.ok) {
      return `refused in AP mode (seed ${seed}): ${describeOp(op)} during partition ${partitionAt(cluster, op.callMs)}. Availability means every request to a live replica gets a non-error answer, partition or not.`;
    }
    const after = op.storedAfter!;
    if (op.kind === 'write') {
      if (after.value !== op.value || compareVersions(after.version, op.result.version) !== 0) {
        const prev = lastVersion.get(op.at)?.storedAfter;
        return `lost write (seed ${seed}): ${describeOp(op)} was acknowledged, but right after it replica ${op.at} holds ${after.value} ${showVersion(after.version)}${prev ? ` (it already held version ${showVersion(prev.version)})` : ''}. A new write's version must be above every version the replica has seen: wall clocks are skewed by seconds here, so use a logical (Lamport) counter, not nowMs().`;
      }
      const key = showVersion(op.result.version);
      const twin = versions.get(key);
      if (twin !== undefined) {
        return `duplicate version (seed ${seed}): ${describeOp(twin)} and ${describeOp(op)} both got version ${key}. Last-writer-wins needs a total order on writes: (counter, replica id) must be unique per write.`;
      }
      versions.set(key, op);
    } else if (op.result.value !== after.value || compareVersions(op.result.version, after.version) !== 0) {
      return `read does not match the replica's copy (seed ${seed}): ${describeOp(op)} but replica ${op.at} holds ${after.value} ${showVersion(after.version)}. An AP read returns the local copy.`;
    }
    const prev = lastVersion.get(op.at);
    if (prev !== undefined && compareVersions(after.version, prev.storedAfter!.version) < 0) {
      return `replica went back in time (seed ${seed}): replica ${op.at} held ${showVersion(prev.storedAfter!.version)} after ${describeOp(prev)} but only ${showVersion(after.version)} after ${describeOp(op)}. Merge by last-writer-wins: keep an incoming value only if its version is higher.`;
    }
    lastVersion.set(op.at, op);
  }
  return null;
}

/** After the heal: all replicas equal, and equal to the acknowledged write with the highest version. */
export function convergence(cluster: RegisterCluster, seed: number, healMs: number): { failure: string | null; convergedAfterMs: number } {
  const copies = REPLICA_IDS.map((id) => ({ id, s: cluster.stored(id) }));
  const [first] = copies;
  const disagree = copies.some((c) => c.s.value !== first!.s.value || compareVersions(c.s.version, first!.s.version) !== 0);
  const shown = copies.map((c) => `${c.id} holds ${c.s.value} ${showVersion(c.s.version)}`).join(', ');
  if (disagree) {
    return {
      failure: `not converged (seed ${seed}): ${cluster.nowMs() - healMs} ms after the last partition healed, ${shown}. Writes made during a partition never crossed it: after a heal, replicas must exchange state (anti-entropy: periodically push or pull the local copy) and merge by last-writer-wins, with the replica id breaking counter ties.`,
      convergedAfterMs: -1,
    };
  }
  let best: OpRecord | null = null;
  for (const op of cluster.ops) {
    if (op.kind === 'write' && op.result?.ok === true && (best === null || compareVersions(op.result.version, (best.result as { version: Version }).version) > 0)) best = op;
  }
  if (best !== null && (first!.s.value !== best.value || compareVersions(first!.s.version, (best.result as { version: Version }).version) !== 0)) {
    return {
      failure: `converged on the wrong write (seed ${seed}): all replicas hold ${first!.s.value} ${showVersion(first!.s.version)}, but the acknowledged write with the highest version is ${describeOp(best)}. Last-writer-wins keeps the highest (counter, replica id).`,
      convergedAfterMs: -1,
    };
  }
  return { failure: null, convergedAfterMs: 0 };
}

/** Random partitions with writes on every side, then heal on a lossy network: always answer, then converge. */
export function apChaos(seed: number, replicaClass: ReplicaClass): Outcome {
  const rng = new Prng(seed);
  const clockOffsetsMs = skewFor(rng.fork('clocks'));
  const cluster = new RegisterCluster({ mode: 'ap', rng, replicaClass, profile: LOSSY, clockOffsetsMs });
  const healMs = 2500;
  cluster.startClients({ perReplica: 2, untilMs: healMs, writePerMille: 450, thinkMsMax: 100, giveUpMs: 1000, rng: rng.fork('clients') });
  startChaos(cluster, rng.fork('faults'), 100, healMs, false);
  // Probe convergence every 10 ms after the heal.
  let convergedAtMs = -1;
  const probe = (): void => {
    const s = REPLICA_IDS.map((id) => cluster.stored(id));
    const same = s.every((x) => x.value === s[0]!.value && compareVersions(x.version, s[0]!.version) === 0);
    if (same && convergedAtMs < 0) convergedAtMs = cluster.nowMs();
    if (!same) convergedAtMs = -1;
    if (cluster.nowMs() < healMs + 2000) cluster.at(cluster.nowMs() + 10, probe);
  };
  cluster.at(healMs, probe);
  cluster.runUntilMs(healMs + 2000);
  const metrics: Record<string, number> = {
    ops: cluster.ops.length,
    convergedMsAfterHeal: convergedAtMs < 0 ? -1 : convergedAtMs - healMs,
    messagesPerSecond: Math.round(cluster.messagesSent / ((healMs + 2000) / 1000)),
  };
  const trace = { seed, mode: 'ap', clockOffsetsMs, network: LOSSY.name, ...cluster.traceOf(), final: REPLICA_IDS.map((id) => `${id}: ${cluster.stored(id).value} ${showVersion(cluster.stored(id).version)}`) };
  const failure = protocolProblems(cluster, seed) ?? apOperationChecks(cluster, seed) ?? convergence(cluster, seed, healMs).failure;
  return { cluster, failure, metrics, trace };
}

/** One write on each side of a clean split, same number of writes on both sides: ties in the counter. */
export function apSplitBrain(seed: number, replicaClass: ReplicaClass): Outcome {
  const rng = new Prng(seed);
  const clockOffsetsMs = skewFor(rng.fork('clocks'));
  const cluster = new RegisterCluster({ mode: 'ap', rng, replicaClass, profile: { ...LOSSY, name: 'lossy', reorderReplyPerMille: 0 }, clockOffsetsMs });
  const [x, y, z] = rng.shuffled(REPLICA_IDS) as [ReplicaId, ReplicaId, ReplicaId];
  const rounds = rng.range(1, 3);
  cluster.at(50, () => cluster.write(x));
  cluster.at(300, () => cluster.partition([[x, y], [z]]));
  for (let i = 0; i < rounds; i++) {
    cluster.at(400 + i * 100, () => cluster.write(rng.pick([x, y])));
    cluster.at(400 + i * 100, () => cluster.write(z));
  }
  for (const id of REPLICA_IDS) cluster.at(800, () => cluster.read(id));
  cluster.at(1000, () => cluster.heal());
  for (const id of REPLICA_IDS) cluster.at(2900, () => cluster.read(id));
  cluster.runUntilMs(3000);
  const trace = { seed, mode: 'ap', clockOffsetsMs, ...cluster.traceOf(), final: REPLICA_IDS.map((id) => `${id}: ${cluster.stored(id).value} ${showVersion(cluster.stored(id).version)}`) };
  const failure = protocolProblems(cluster, seed) ?? apOperationChecks(cluster, seed) ?? convergence(cluster, seed, 1000).failure;
  return { cluster, failure, metrics: { ops: cluster.ops.length, messages: cluster.messagesSent }, trace };
}
