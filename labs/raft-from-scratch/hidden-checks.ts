/**
 * The MIT 6.5840-style checks (learned from its Raft tests, not copied): work counted per
 * agreement, a log bounded by snapshots, whole-cluster restarts, and a linearizable KV service on
 * top of your nodes. All in virtual time: nothing here reads a clock.
 */
import { checkOperations, describeResult } from '../../engine/check/linearizability';
import { kvModel } from '../../engine/check/models/kv-model';
import { KvService } from '../../engine/raft/kv/kv-service';
import { KvStateMachine } from '../../engine/raft/kv/kv-state-machine';
import { RELIABLE, UNRELIABLE } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import type { World } from '../../engine/raft/scenarios/scenario';
import { fail } from '../../grader/harness/api';
import type { DurableState, Entry, Json, Message, NodeConfig, NodeId, RaftNodeApi, Ready } from './api';
import { labWorld, runTraced, WireMeter, type CreateNode } from './support';

export { kvMinorityPut } from './support';

export interface Counted {
  readonly rpcsPerAgreement: number;
  readonly bytesPerAgreement: number;
}

/**
 * Like 6.5840's TestCount and TestBytes: in a quiet cluster, commit `agreements` commands one at a
 * time and count the RPCs (requests) and the serialized bytes every node sent meanwhile. Each
 * command should cross the wire about once per follower, plus heartbeats.
 */
export function countPerAgreement(create: CreateNode, seed: number, nodes: number, agreements: number, payloadChars: number): Counted {
  const meter = new WireMeter();
  const w = labWorld(create, { nodes, seed }, meter);
  const c = w.cluster;
  let result: Counted = { rpcsPerAgreement: Infinity, bytesPerAgreement: Infinity };
  const problems: string[] = [];
  runTraced(w, seed, `RPCs and bytes per agreement (${nodes} nodes)`, () => {
    if (w.awaitLeader(5000) === null) return void problems.push('no leader within 5 s in a quiet cluster (Raft §5.2)');
    w.one('warm-up', nodes);
    c.runForMs(300);
    const rpcs0 = c.rpcCount();
    const bytes0 = meter.bytes;
    const t0 = c.nowMs();
    const rng = new Prng(seed).fork('payload');
    let payloadBytes = 0;
    for (let i = 0; i < agreements; i++) {
      const value = `${i}:${'x'.repeat(payloadChars - 12)}${rng.int(1_000_000)}`;
      payloadBytes += JSON.stringify(value).length;
      if (w.one(value, nodes) === null) return;
    }
    const rpcs = c.rpcCount() - rpcs0;
    const bytes = meter.bytes - bytes0;
    const followers = nodes - 1;
    // Heartbeats: one per follower per heartbeat interval (10 ticks of 10 ms), plus one round of slack.
    const heartbeats = (Math.ceil((c.nowMs() - t0) / 100) + 1) * followers;
    // TestCount's spirit: about one AppendEntries per follower per command (+ 3 rounds of slack).
    const rpcBudget = (agreements + 3) * followers + heartbeats;
    result = { rpcsPerAgreement: rpcs / agreements, bytesPerAgreement: bytes / agreements };
    if (rpcs > rpcBudget) {
      problems.push(`[${c.nowMs()} ms] ${agreements} agreements in a quiet ${nodes}-node cluster took ${rpcs} RPCs (${(rpcs / agreements).toFixed(1)} per agreement), more than the budget of ${rpcBudget}: about one AppendEntries per follower per command plus one heartbeat per follower every heartbeatTicks. Do not send AppendEntries on every tick, and do not answer a success by re-sending what the follower already has`);
    }
    // TestBytes' spirit: each payload crosses the wire about once per follower (+ 50% and 600 bytes per message of envelope).
    const byteBudget = Math.ceil(payloadBytes * followers * 1.5) + 600 * rpcs;
    if (bytes > byteBudget) {
      problems.push(`[${c.nowMs()} ms] ${agreements} agreements of ${payloadChars}-char commands sent ${bytes} bytes (${Math.round(bytes / agreements)} per agreement), more than the budget of ${byteBudget}: each command should reach each of the ${followers} followers about once. Advance nextIndex after a success (Figure 2, "If successful: update nextIndex and matchIndex") instead of re-sending the log`);
    }
  }, problems);
  return result;
}

/** 6.5840's TestSnapshotSize in spirit: with snapshots every `every` entries, no node's log (memory or disk) keeps growing. */
export function logBoundedBySnapshots(create: CreateNode, seed: number, nodes: number, commands: number, every: number): number {
  const w = labWorld(create, { nodes, seed, snapshotEveryEntries: every });
  const c = w.cluster;
  let worst = 0;
  const problems: string[] = [];
  runTraced(w, seed, `log size bounded by snapshots (${nodes} nodes, snapshot every ${every} entries)`, () => {
    if (w.awaitLeader(5000) === null) return void problems.push('no leader within 5 s in a quiet cluster (Raft §5.2)');
    for (let i = 0; i < commands; i++) if (w.one(`s${i}`, nodes) === null) return;
    c.runForMs(500);
    const bound = 2 * every + c.ids.length;
    for (const id of c.ids) {
      const disk = c.disk(id).read();
      const mem = c.node(id)!.log();
      const memEntries = mem.lastIndex() - mem.snapshotIndex();
      worst = Math.max(worst, disk.entries.length, memEntries);
      if (disk.entries.length > bound || memEntries > bound) {
        problems.push(`[${c.nowMs()} ms] after ${commands} commands node ${id} still holds ${memEntries} entries in memory and ${disk.entries.length} on disk (snapshot at ${mem.snapshotIndex()}, commit ${c.node(id)!.commitIndex()}); with a snapshot every ${every} entries at most ${bound} should remain. Raft §7: on a compact input, drop the entries the snapshot covers and return a SnapshotWrite so the disk drops them too`);
        return;
      }
    }
  }, problems);
  return worst;
}

/**
 * Crash every node, restart every node from its disk, twice (6.5840's TestPersist1 pattern):
 * committed commands stay where they were, and the cluster still agrees on new ones.
 */
export function wholeClusterRestarts(create: CreateNode, seed: number, nodes: number, unreliable: boolean): void {
  const w = labWorld(create, { nodes, seed, network: unreliable ? UNRELIABLE : undefined, snapshotEveryEntries: null });
  const c = w.cluster;
  const problems: string[] = [];
  const rng = new Prng(seed).fork('restarts');
  runTraced(w, seed, `whole-cluster restarts (${nodes} nodes${unreliable ? ', lossy network' : ''})`, () => {
    const committed: { index: number; value: string }[] = [];
    for (let round = 0; round < 3; round++) {
      if (w.awaitLeader(10_000) === null) return void problems.push(`[${c.nowMs()} ms] no leader within 10 s after restart ${round} of the whole cluster (term, vote and log must come back from disk)`);
      for (let k = 0; k < rng.range(2, 4); k++) {
        const value = `r${round}.${k}`;
        const index = w.one(value, nodes);
        if (index === null) return;
        committed.push({ index, value });
      }
      if (round === 2) break;
      c.runForMs(rng.range(0, 200));
      for (const id of c.ids) c.crash(id);
      c.runForMs(rng.range(50, 400));
      for (const id of rng.shuffled(c.ids)) c.restart(id);
    }
    for (const { index, value } of committed) {
      const got = w.checker.appliedPayloadAt(index);
      if (got !== JSON.stringify(value)) problems.push(`[${c.nowMs()} ms] committed ${JSON.stringify(value)} was at index ${index} before the restarts; now ${got ?? 'nothing'} is applied there`);
    }
  }, problems);
}

export interface KvRun {
  readonly ops: number;
  readonly opsPerVirtualSecond: number;
}

/** A linearizable KV service (engine/raft/kv, gets through the log) on your nodes, with partitions (and crashes), checked by engine/check. */
export function kvLinearizable(create: CreateNode, seed: number, o: { nodes: number; crashes: boolean; unreliable: boolean }): KvRun {
  const w = labWorld(create, { nodes: o.nodes, seed, network: o.unreliable ? UNRELIABLE : undefined, stateMachineFor: () => new KvStateMachine(), snapshotEveryEntries: 40 });
  const c = w.cluster;
  const problems: string[] = [];
  let run: KvRun = { ops: 0, opsPerVirtualSecond: 0 };
  runTraced(w, seed, `linearizable KV on your nodes (${o.nodes} nodes, partitions${o.crashes ? ', crashes' : ''}${o.unreliable ? ', lossy network' : ''})`, () => {
    const rng = new Prng(seed).fork('kv-faults');
    const kv = new KvService(c, { clients: 4, readMode: 'log' }, new Prng(seed).fork('kv-clients'));
    const stormMs = 3000;
    kv.runClosedLoop({ keys: ['a', 'b'], untilMs: stormMs + 2000, thinkMsMax: 20, getPerMille: 400, putPerMille: 200 });
    while (c.nowMs() < stormMs) {
      c.runForMs(rng.range(100, 500));
      const roll = rng.int(1000);
      if (roll < 300) {
        const minority = rng.shuffled(c.ids).slice(0, Math.floor((o.nodes - 1) / 2));
        c.partition([minority, c.ids.filter((id) => !minority.includes(id))]);
      } else if (roll < 550) c.heal();
      else if (o.crashes && roll < 750) {
        const up = c.ids.filter((id) => c.isUp(id));
        if (up.length > Math.floor(o.nodes / 2) + 1) c.crash(rng.pick(up));
      } else if (o.crashes) {
        const down = c.ids.filter((id) => !c.isUp(id));
        if (down.length > 0) c.restart(rng.pick(down));
      }
    }
    const healedAt = c.nowMs();
    c.heal();
    for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
    c.setNetwork({ ...UNRELIABLE, name: 'reliable', dropRequestPerMille: 0, dropReplyPerMille: 0 });
    c.runForMs(2000);
    if (!c.runUntil(() => kv.allIdle(), 10_000)) problems.push(`[${c.nowMs()} ms] clients still waiting 10 s after the network healed and every node was back (no leader, or commits stopped)`);
    const ops = kv.history.operations();
    const done = ops.filter((op) => op.returnMs !== null && op.returnMs > healedAt).length;
    run = { ops: ops.length, opsPerVirtualSecond: (done * 1000) / Math.max(1, c.nowMs() - healedAt) };
    const verdict = checkOperations(kvModel, ops, { maxSteps: 3_000_000 });
    if (verdict.verdict !== 'ok') problems.push(`[${c.nowMs()} ms] the history of ${ops.length} operations is ${verdict.verdict === 'illegal' ? 'not linearizable' : 'not checkable'}: ${describeResult(kvModel, verdict)}`);
  }, problems);
  return run;
}

/**
 * Quiet cluster, closed-loop clients: completed KV operations per VIRTUAL second (simulated time,
 * never the wall clock) over a window of `windowMs` virtual ms. A leader that replicates only on
 * heartbeats (every 100 ms) completes about one operation per client per heartbeat, 50 per second
 * for 5 clients, in a 1 s window as in a 2 s one; the reference completes over 400.
 */
export function kvThroughput(create: CreateNode, seed: number, nodes: number, floorPerVirtualSecond: number, windowMs: number): number {
  const w: World = labWorld(create, { nodes, seed, stateMachineFor: () => new KvStateMachine(), snapshotEveryEntries: 100 });
  const c = w.cluster;
  const problems: string[] = [];
  let rate = 0;
  runTraced(w, seed, `KV throughput (${nodes} nodes, quiet network)`, () => {
    if (w.awaitLeader(5000) === null) return void problems.push('no leader within 5 s in a quiet cluster (Raft §5.2)');
    const kv = new KvService(c, { clients: 5, readMode: 'log' }, new Prng(seed).fork('kv-clients'));
    const start = c.nowMs();
    kv.runClosedLoop({ keys: ['a', 'b', 'c'], untilMs: start + windowMs, thinkMsMax: 0, getPerMille: 300, putPerMille: 300 });
    c.runForMs(windowMs);
    const done = kv.history.operations().filter((op) => op.returnMs !== null && op.returnMs <= start + windowMs).length;
    rate = (done * 1000) / windowMs;
    if (rate < floorPerVirtualSecond) {
      problems.push(`[${c.nowMs()} ms] 5 clients completed ${done} operations in ${windowMs} ms of virtual time (${rate.toFixed(0)} per virtual second), below the floor of ${floorPerVirtualSecond}: replicate a proposal right away (send AppendEntries on propose), not only on the next heartbeat, and advance commitIndex as soon as a majority matched`);
    }
    c.runUntil(() => kv.allIdle(), 5000);
    const verdict = checkOperations(kvModel, kv.history.operations());
    if (verdict.verdict !== 'ok') problems.push(`[${c.nowMs()} ms] the history is not linearizable: ${describeResult(kvModel, verdict)}`);
  }, problems);
  return rate;
}

const CUT = { ...RELIABLE, name: 'cut', dropRequestPerMille: 1000, dropReplyPerMille: 1000 };

/**
 * Raft §5.2 with Figure 2 "Persistent state": a vote survives a crash. Node 2 votes for node 1 in
 * term 1, crashes and restarts; node 3's RequestVote for the same term 1, delayed on the wire,
 * reaches it afterwards and must be refused, or term 1 gets two leaders.
 */
export function voteSurvivesRestart(create: CreateNode, seed: number): void {
  const w = labWorld(create, { nodes: 3, seed });
  const c = w.cluster;
  const problems: string[] = [];
  runTraced(w, seed, 'a vote survives a restart', () => {
    const slow = { ...RELIABLE, name: 'slow', delayMsMin: 150 + (seed % 50), delayMsMax: 150 + (seed % 50) };
    c.network.setLinkProfile(1, 3, CUT);
    c.network.setLinkProfile(3, 1, CUT);
    c.network.setLinkProfile(3, 2, slow);
    c.trace.record({ t: c.nowMs(), k: 'fault', fault: 'network', profile: 'link 1<->3 cut, 3->2 slow' });
    c.expireElectionTimer(1);
    c.expireElectionTimer(3);
    if (!c.runUntil(() => c.node(1)!.role() === 'leader', 100)) return void problems.push(`[${c.nowMs()} ms] node 1 campaigned in term 1 with node 2 reachable and was not elected within 100 ms`);
    // Node 2 crashes before node 1's first AppendEntries reaches it (which is lost), and comes back.
    c.crash(2);
    c.network.setLinkProfile(1, 2, CUT);
    c.runForMs(10);
    c.restart(2);
    c.runForMs(400);
    c.network.setLinkProfile(1, 3, null);
    c.network.setLinkProfile(3, 1, null);
    c.network.setLinkProfile(3, 2, null);
    c.network.setLinkProfile(1, 2, null);
    if (w.awaitLeader(5000) === null) return void problems.push(`[${c.nowMs()} ms] no leader within 5 s after the links came back`);
    w.one('after', 3);
  }, problems);
}

/**
 * Raft §5.4.2, Figure 8, directed (with a no-op per new leader, §8, and one entry per
 * AppendEntries so an old entry can reach a majority before the leader's own): a leader must not
 * commit an entry of an earlier term by counting replicas. Caught red-handed, the leader is cut
 * off; the node with the conflicting entry then wins an election and overwrites it.
 */
export function figure8Directed(create: CreateNode, seed: number): void {
  const w = labWorld(create, { nodes: 5, seed, maxEntriesPerMessage: 1 });
  const c = w.cluster;
  const problems: string[] = [];
  runTraced(w, seed, 'Figure 8, directed', () => {
    // (a) node 1 leads term 1; the no-op and 'a' commit everywhere; then 'x' reaches nodes 1–2 only.
    c.expireElectionTimer(1);
    if (w.awaitLeader(2000) !== 1) return void problems.push(`[${c.nowMs()} ms] node 1 campaigned first in an idle cluster and did not become the agreed leader within 2 s`);
    if (w.one('a', 5) === null) return;
    c.partition([[1, 2], [3, 4, 5]]);
    const x = c.propose('x', 1);
    if (x === null) return void problems.push(`[${c.nowMs()} ms] leader 1 refused a proposal`);
    c.runForMs(60);
    // (b) node 1 crashes; node 5 wins a new term with nodes 3–4 and is cut off before its no-op leaves.
    c.crash(1);
    c.partition([[2], [3, 4, 5]]);
    c.expireElectionTimer(5);
    if (!c.runUntil(() => c.node(5)!.role() === 'leader', 300)) return void problems.push(`[${c.nowMs()} ms] node 5 (log as up-to-date as nodes 3 and 4) was not elected by them within 300 ms`);
    c.partition([[5], [2], [3, 4]]);
    c.crash(5);
    // (c) node 1 is back; nodes 1–4 elect a leader, which must hold 'x' (nodes 3–4 lack it).
    c.restart(1);
    c.partition([[1, 2, 3, 4], [5]]);
    const leader = w.awaitLeader(5000, [1, 2, 3, 4]);
    if (leader === null) return void problems.push(`[${c.nowMs()} ms] nodes 1–4 elected no leader within 5 s`);
    // Watch for the moment the leader commits x's index: the bug does it as soon as a third node stores x.
    if (!c.runUntil(() => c.node(leader)!.commitIndex() >= x.index, 3000)) return void problems.push(`[${c.nowMs()} ms] leader ${leader} did not commit index ${x.index} within 3 s with 4 of 5 nodes up`);
    const other = leader === 1 ? 2 : 1;
    c.partition([[leader], [other], [3, 4, 5]]);
    // (d) node 5 returns among nodes 3–4: it may win only if no majority holds an entry of the new leader's term.
    c.restart(5);
    for (let i = 0; i < 12 && c.node(5)!.role() !== 'leader'; i++) {
      c.expireElectionTimer(5);
      c.runForMs(40);
    }
    c.runForMs(1000);
    // (e) heal: everyone converges on one history.
    c.heal();
    if (w.awaitLeader(10_000) === null) return void problems.push(`[${c.nowMs()} ms] no leader within 10 s after the heal`);
    w.one('end', 5);
  }, problems);
}

/**
 * Raft §5.3: a deposed leader returns with a long run of uncommitted entries of its old term, and
 * the new leader must bring its log in line. Figure 2 moves nextIndex back one entry per rejection
 * (MIT 6.5840 TestBackup's situation); the §5.3 hint skips a whole term per round trip. Either
 * way the count of rejections is bounded by the entries the returning node lacks (plus a few
 * heartbeats in flight); a leader whose nextIndex does not move back, or moves back and forth,
 * goes over.
 */
export function fastBackup(create: CreateNode, seed: number, nodes: number, stale: number): number {
  const w = labWorld(create, { nodes, seed });
  const c = w.cluster;
  const problems: string[] = [];
  let rejections = 0;
  runTraced(w, seed, `back-up over ${stale} stale entries (${nodes} nodes)`, () => {
    const old = w.awaitLeader(5000);
    if (old === null) return void problems.push('no leader within 5 s in a quiet cluster (Raft §5.2)');
    const base = w.one('base', nodes);
    if (base === null) return;
    c.isolate(old);
    for (let i = 0; i < stale; i++) c.propose(`stale${i}`, old);
    const rest = c.ids.filter((id) => id !== old);
    const second = w.awaitLeader(5000, rest);
    if (second === null) return void problems.push(`[${c.nowMs()} ms] the ${rest.length} nodes left elected no leader within 5 s`);
    for (let i = 0; i < 20; i++) if (w.one(`new${i}`, rest.length) === null) return;
    // The second leader crashes as the old one returns: a third leader, whose nextIndex for the old
    // leader starts at the end of its own log, must find where the two logs diverge.
    c.crash(second);
    const healedAt = c.nowMs();
    c.heal();
    const live = c.ids.filter((id) => id !== second);
    if (w.awaitLeader(5000, live) === null) return void problems.push(`[${c.nowMs()} ms] the ${live.length} live nodes elected no leader within 5 s after the heal`);
    const after = w.one('after', live.length);
    if (after === null) return;
    for (const e of c.traceEvents()) if (e.t >= healedAt && e.k === 'send' && e.from === old && e.type === 'AppendEntriesResponse' && e.ok === false) rejections++;
    // The returning node lacks the entries after `base` through `after`: one rejection each at most,
    // twice over for requests that cross (a retry and a heartbeat in flight together), plus slack.
    const lacking = after - base;
    const bound = 2 * lacking + 6;
    if (rejections > bound) {
      problems.push(`[${c.nowMs()} ms] node ${old} came back with ${stale} uncommitted entries of its old term, lacking the ${lacking} entries after index ${base}, and rejected ${rejections} AppendEntries before its log matched (bound ${bound}): after each rejection nextIndex must move back at least one entry (Figure 2, Rules for Leaders: "decrement nextIndex and retry"; the conflict hint of Raft §5.3 skips a whole term at once)`);
    }
  }, problems);
  return rejections;
}

// ---- directed checks: one node driven through step(input) → Ready -------------------------------
//
// Each builds a node from a chosen disk, feeds it hand-made messages and checks what it answers.
// Nothing here depends on timing beyond counting ticks; every failure names the seed.

const ELECTION_TICKS = 30;
const HEARTBEAT_TICKS = 10;

function directedConfig(id: NodeId, voters: readonly NodeId[], rngSeed: number, maxEntriesPerMessage = 64): NodeConfig {
  return { id, voters, electionTicks: ELECTION_TICKS, heartbeatTicks: HEARTBEAT_TICKS, maxEntriesPerMessage, rng: new Prng(rngSeed) };
}

function entriesOf(terms: readonly number[], from = 1): Entry[] {
  return terms.map((term, i) => ({ index: from + i, term, data: `cmd${from + i}` }));
}

function diskOf(term: number, terms: readonly number[], o: { vote?: NodeId | null; commit?: number; snapshot?: { index: number; term: number; voters: readonly NodeId[] } } = {}): DurableState {
  const snapshot = o.snapshot === undefined ? null : { meta: o.snapshot, data: `state@${o.snapshot.index}` };
  return { hardState: { term, vote: o.vote ?? null, commit: o.commit ?? 0 }, snapshot, entries: entriesOf(terms, (o.snapshot?.index ?? 0) + 1) };
}

/** Shared by several nodes on purpose: a node must not write into the disk it boots from. */
const EMPTY_DISK: DurableState = { hardState: null, snapshot: null, entries: [] };

function diskUntouched(seed: number): void {
  check(EMPTY_DISK.entries.length === 0, seed, 'a node appended to the entries array of the DurableState it was built from: the disk it boots from is read-only (api.d.ts: readonly entries; the driver keeps it), so copy it into your own log');
}

function check(ok: boolean, seed: number, message: string): void {
  if (!ok) fail(`[seed ${seed}] ${message}`);
}

function appendEntries(from: NodeId, to: NodeId, term: number, prevLogIndex: number, prevLogTerm: number, entries: readonly Entry[], leaderCommit: number): Message {
  return { type: 'AppendEntries', from, to, term, prevLogIndex, prevLogTerm, entries, leaderCommit, round: 0 };
}

function appendResponse(from: NodeId, to: NodeId, term: number, r: { success: boolean; matchIndex?: number; rejectedIndex: number; conflictIndex?: number; conflictTerm?: number | null }): Message {
  return { type: 'AppendEntriesResponse', from, to, term, success: r.success, matchIndex: r.matchIndex ?? 0, rejectedIndex: r.rejectedIndex, conflictIndex: r.conflictIndex ?? 0, conflictTerm: r.conflictTerm ?? null, round: 0 };
}

function requestVote(from: NodeId, to: NodeId, term: number, lastLogIndex: number, lastLogTerm: number): Message {
  return { type: 'RequestVote', from, to, term, preVote: false, lastLogIndex, lastLogTerm };
}

function voteResponse(from: NodeId, to: NodeId, term: number, voteGranted: boolean): Message {
  return { type: 'RequestVoteResponse', from, to, term, preVote: false, voteGranted };
}

function installSnapshot(from: NodeId, to: NodeId, term: number, index: number, snapTerm: number, voters: readonly NodeId[]): Message {
  return { type: 'InstallSnapshot', from, to, term, snapshot: { meta: { index, term: snapTerm, voters }, data: `state@${index}` }, round: 0 };
}

function snapshotResponse(from: NodeId, to: NodeId, term: number, matchIndex: number): Message {
  return { type: 'InstallSnapshotResponse', from, to, term, matchIndex, round: 0 };
}

function idsTo(n: number): NodeId[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

function describe(m: Message): string {
  return JSON.stringify(m, (k, v: unknown) => (k === 'entries' && Array.isArray(v) ? `[${v.length} entries${v.length > 0 ? ` from ${(v[0] as Entry).index}` : ''}]` : k === 'snapshot' ? '<snapshot>' : v));
}

function to(ready: Ready, peer: NodeId, type?: Message['type']): Message[] {
  return ready.messages.filter((m) => m.to === peer && (type === undefined || m.type === type));
}

/** A node under direct control: every Ready is kept, and ticks are counted. */
class Driven {
  readonly node: RaftNodeApi;
  constructor(
    create: CreateNode,
    readonly id: NodeId,
    readonly voters: readonly NodeId[],
    rngSeed: number,
    disk: DurableState,
    readonly maxEntries = 64,
  ) {
    this.node = create(directedConfig(id, voters, rngSeed, maxEntries), disk);
  }
  get peers(): NodeId[] {
    return this.voters.filter((v) => v !== this.id);
  }
  get quorum(): number {
    return Math.floor(this.voters.length / 2) + 1;
  }
  tick(): Ready {
    return this.node.step({ kind: 'tick' });
  }
  deliver(m: Message): Ready {
    return this.node.step({ kind: 'message', message: m });
  }
  propose(data: Json): Ready {
    return this.node.step({ kind: 'propose', data });
  }
  /** Ticks until the node campaigns (at most 2·electionTicks); returns the campaign's Ready, or null. */
  campaign(): Ready | null {
    const term = this.node.term();
    for (let i = 0; i < 2 * ELECTION_TICKS; i++) {
      const r = this.tick();
      if (this.node.term() > term) return r;
    }
    return null;
  }
  /** Campaigns and collects votes from just enough peers; returns the Ready that made it leader, or null. */
  elect(seed: number): Ready {
    const c = this.campaign();
    check(c !== null && this.node.role() === 'candidate', seed, `node ${this.id} heard nothing for 2·electionTicks = ${2 * ELECTION_TICKS} ticks and did not become a candidate (Raft §5.2)`);
    const term = this.node.term();
    for (const peer of this.peers.slice(0, this.quorum - 1)) {
      const r = this.deliver(voteResponse(peer, this.id, term, true));
      if (this.node.role() === 'leader') return r;
    }
    fail(`[seed ${seed}] candidate ${this.id} of term ${term} got ${this.quorum} votes (its own included) out of ${this.voters.length} and did not become leader (Raft §5.2)`);
  }
}

/**
 * Raft §5.2: election timeouts are drawn at random from a fixed interval, fresh for each election,
 * so split votes resolve; the lab fixes the interval at [electionTicks, 2·electionTicks) (api.d.ts).
 * A lone node (nobody answers) campaigns again and again; every gap between campaigns is counted in
 * ticks. Any spread inside the interval will do (§9.3: a few milliseconds of randomness already
 * help); one fixed value will not.
 */
export function electionTimeouts(create: CreateNode, seed: number): void {
  const n = 3 + (seed % 3);
  const d = new Driven(create, 1, idsTo(n), seed, EMPTY_DISK);
  check(d.node.role() === 'follower', seed, `a node that boots must be a follower (Raft §5.1: servers start as followers), got role() = ${JSON.stringify(d.node.role())}`);
  const seen = new Set<number>();
  for (let election = 0; election < 250; election++) {
    const term = d.node.term();
    let ticks = 0;
    let r: Ready | null = null;
    while (d.node.term() === term) {
      if (ticks >= 2 * ELECTION_TICKS) fail(`[seed ${seed}] election ${election + 1}: node heard nothing for ${ticks} ticks and did not campaign; timeouts must be drawn from [electionTicks, 2·electionTicks) = [${ELECTION_TICKS}, ${2 * ELECTION_TICKS}) (Raft §5.2)`);
      r = d.tick();
      ticks++;
    }
    check(ticks >= ELECTION_TICKS, seed, `election ${election + 1}: the node campaigned after ${ticks} ticks, below electionTicks = ${ELECTION_TICKS} (Raft §5.2: draw from [electionTicks, 2·electionTicks))`);
    check(d.node.role() === 'candidate' && d.node.term() === term + 1, seed, `a campaign must make the node a candidate of term ${term + 1} (Raft §5.2), got role ${d.node.role()} term ${d.node.term()}`);
    check(d.node.votedFor() === 1, seed, `a candidate votes for itself (Raft §5.2): votedFor() = ${String(d.node.votedFor())}`);
    const asked = new Set(r!.messages.filter((m) => m.type === 'RequestVote' && !m.preVote && m.lastLogIndex === 0 && m.lastLogTerm === 0 && m.term === term + 1).map((m) => m.to));
    check(asked.size === n - 1, seed, `the campaign's Ready must carry a RequestVote of term ${term + 1} (preVote false, lastLogIndex 0 and lastLogTerm 0 for this empty log) to each of the ${n - 1} other voters (Raft §5.2, Figure 2; api.d.ts), it asked ${[...asked].join(', ') || 'nobody'}`);
    seen.add(ticks);
  }
  check(seen.size >= 3, seed, `over 250 elections the node waited only ${[...seen].join(' or ')} ticks: draw a fresh random timeout for each election with config.rng (Raft §5.2: randomized election timeouts, so split votes resolve)`);
}

/**
 * Raft §5.1 and §5.4.1: a RequestVote of a newer term from a candidate with a stale log makes the
 * receiver adopt the term (as a follower, with no vote and no known leader) and refuse. Whether that
 * refused request restarts the election timer is left open (Figure 2 restarts it only on the
 * leader's AppendEntries or a granted vote; §5.2 keeps a server follower "as long as it receives
 * valid RPCs from a leader or candidate"), so the check only asks that the node still campaigns
 * within one full timeout, below 2·electionTicks, after the request.
 */
export function staleCandidateRefused(create: CreateNode, seed: number): void {
  for (let round = 0; round < 6; round++) {
    const n = 3 + 2 * (round % 2);
    const d = new Driven(create, 1, idsTo(n), seed * 100 + round, diskOf(1, [1, 1]));
    const early = rngTicks(seed, round);
    for (let i = 0; i < early; i++) {
      d.tick();
      check(d.node.role() === 'follower', seed, `a follower campaigned after ${i + 1} ticks, below electionTicks = ${ELECTION_TICKS} (Raft §5.2)`);
    }
    const r = d.deliver(requestVote(2, 1, 2, 0, 0));
    const answer = to(r, 2, 'RequestVoteResponse')[0];
    check(answer !== undefined && answer.type === 'RequestVoteResponse' && !answer.voteGranted && answer.term === 2, seed, `node 1 (log [1, 1]) got RequestVote term 2 from node 2 with an empty log: it must adopt term 2 and refuse in a RequestVoteResponse of term 2 (Raft §5.1, §5.4.1); it answered ${answer === undefined ? 'nothing' : describe(answer)}`);
    check(d.node.term() === 2 && d.node.role() === 'follower', seed, `after a RequestVote of term 2 node 1 must be a follower of term 2 (Raft §5.1), got role() = ${JSON.stringify(d.node.role())} term ${d.node.term()}`);
    check(d.node.votedFor() === null, seed, `node 1 refused its vote in term 2, so votedFor() must be null, got ${String(d.node.votedFor())}`);
    check(d.node.leaderId() === null, seed, `a RequestVote names a candidate, not a leader: after it node 1 knows no leader of term 2, but leaderId() = ${String(d.node.leaderId())}`);
    let ticks = 0;
    while (d.node.term() === 2) {
      d.tick();
      ticks++;
      if (ticks >= 2 * ELECTION_TICKS) fail(`[seed ${seed}] node 1 heard from no leader and granted no vote for ${ticks} ticks after refusing node 2, yet did not campaign: an election timeout is below 2·electionTicks = ${2 * ELECTION_TICKS} ticks (Raft §5.2)`);
    }
    check(d.node.role() === 'candidate' && d.node.term() === 3 && d.node.votedFor() === 1, seed, `node 1 timed out in term 2: it must become a candidate of term 3 voting for itself (Raft §5.2), got role ${d.node.role()}, term ${d.node.term()}, votedFor ${String(d.node.votedFor())}`);
  }
}

/** How long the follower of staleCandidateRefused waits before the RequestVote: 1 .. electionTicks − 1 ticks. */
function rngTicks(seed: number, round: number): number {
  return 1 + new Prng(seed * 7 + round).int(ELECTION_TICKS - 1);
}

/**
 * Raft §5.2 voting: one vote per term (a duplicated request from the same candidate is granted
 * again, Figure 2 "votedFor is null or candidateId"), also after a majority refused the candidate
 * (whether it then waits as a candidate or as a follower is its choice: the paper's candidate waits
 * for its timeout, etcd's steps down); a candidate recognizes a leader of its term and becomes a
 * follower; stale-term requests are refused with the current term (§5.1); a new leader sends
 * AppendEntries to every follower upon election (Figure 2, Rules for Leaders).
 */
export function voteRules(create: CreateNode, seed: number): void {
  const n = seed % 2 === 0 ? 3 : 5;
  const voters = idsTo(n);
  const q = Math.floor(n / 2) + 1;
  // (a) a follower's vote, and the same candidate asking twice.
  {
    const d = new Driven(create, 1, voters, seed, EMPTY_DISK);
    let r = d.deliver(requestVote(2, 1, 1, 0, 0));
    let a = to(r, 2, 'RequestVoteResponse')[0];
    check(a?.type === 'RequestVoteResponse' && a.voteGranted && a.term === 1 && !a.preVote, seed, `a follower of term 0 with an empty log must grant RequestVote term 1 from node 2 in a RequestVoteResponse of term 1 (Raft §5.2; api.d.ts: preVote false), answered ${a === undefined ? 'nothing' : describe(a)}`);
    check(d.node.votedFor() === 2, seed, `after granting node 2 its vote in term 1, votedFor() must be 2 (Figure 2), got ${String(d.node.votedFor())}`);
    r = d.deliver(requestVote(2, 1, 1, 0, 0));
    a = to(r, 2, 'RequestVoteResponse')[0];
    check(a?.type === 'RequestVoteResponse' && a.voteGranted, seed, `node 2's RequestVote of term 1 arrived twice (the network duplicates): the vote already went to node 2, so it is granted again (Figure 2: "votedFor is null or candidateId"), answered ${a === undefined ? 'nothing' : describe(a)}`);
    r = d.deliver(requestVote(3, 1, 1, 0, 0));
    a = to(r, 3, 'RequestVoteResponse')[0];
    check(a?.type === 'RequestVoteResponse' && !a.voteGranted, seed, `node 1 voted for node 2 in term 1 and must refuse node 3 in that term (Raft §5.2, one vote per term), answered ${a === undefined ? 'nothing' : describe(a)}`);
  }
  // (b) a candidate refused by a majority does not become leader, keeps its term and does not vote twice.
  {
    const d = new Driven(create, 1, voters, seed + 1, EMPTY_DISK);
    check(d.campaign() !== null, seed, 'node 1 did not campaign within 2·electionTicks (Raft §5.2)');
    const term = d.node.term();
    for (const peer of d.peers.slice(0, q)) {
      const r = d.deliver(voteResponse(peer, 1, term, false));
      check(d.node.role() !== 'leader' && to(r, peer, 'AppendEntries').length === 0, seed, `candidate 1 of term ${term} was refused by node ${peer} and became leader or sent AppendEntries: only granted votes count (Raft §5.2)`);
    }
    check(d.node.term() === term && d.node.votedFor() === 1, seed, `refusals do not change the candidate's term or vote (Raft §5.2: it waits for its timeout before a new term), got term ${d.node.term()}, votedFor ${String(d.node.votedFor())}`);
    const last = d.peers[d.peers.length - 1]!;
    const r = d.deliver(requestVote(last, 1, term, 5, term));
    const a = to(r, last, 'RequestVoteResponse')[0];
    check(a?.type === 'RequestVoteResponse' && !a.voteGranted, seed, `node 1 voted for itself in term ${term} and stepped down: it must still refuse node ${last}'s RequestVote of that term (Raft §5.2, one vote per term; votedFor is persistent), answered ${a === undefined ? 'nothing' : describe(a)}`);
  }
  // (c) a candidate hears from the leader of its term.
  {
    const d = new Driven(create, 1, voters, seed + 2, EMPTY_DISK);
    check(d.campaign() !== null, seed, 'node 1 did not campaign within 2·electionTicks (Raft §5.2)');
    const term = d.node.term();
    let r = d.deliver(appendEntries(2, 1, term, 0, 0, [], 0));
    check(d.node.role() === 'follower' && d.node.leaderId() === 2, seed, `candidate 1 of term ${term} got AppendEntries of term ${term} from node 2: it must recognize node 2 as leader and become a follower (Raft §5.2), got role() = ${JSON.stringify(d.node.role())}, leaderId() = ${String(d.node.leaderId())}`);
    const ok = to(r, 2, 'AppendEntriesResponse')[0];
    check(ok?.type === 'AppendEntriesResponse' && ok.success, seed, `the heartbeat (prevLogIndex 0) matches every log and must succeed (Figure 2), answered ${ok === undefined ? 'nothing' : describe(ok)}`);
    r = d.deliver(requestVote(3, 1, term, 5, term));
    const a = to(r, 3, 'RequestVoteResponse')[0];
    check(a?.type === 'RequestVoteResponse' && !a.voteGranted, seed, `node 1 voted for itself in term ${term}, then followed leader 2: it must refuse node 3 in that term (Raft §5.2), answered ${a === undefined ? 'nothing' : describe(a)}`);
  }
  // (d) a new leader speaks to every follower in the Ready that made it leader.
  {
    const d = new Driven(create, 1, voters, seed + 3, EMPTY_DISK);
    const r = d.elect(seed);
    diskUntouched(seed);
    for (const peer of d.peers) {
      check(to(r, peer, 'AppendEntries').length >= 1, seed, `the Ready in which node 1 became leader must carry an AppendEntries to each follower (Figure 2, Rules for Leaders: "upon election: send initial empty AppendEntries RPCs (heartbeat) to each server"); node ${peer} got none`);
    }
  }
  // (e) stale requests are refused with the current term; stale answers are ignored.
  {
    const d = new Driven(create, 1, voters, seed + 4, diskOf(5, [1, 2, 3]));
    const r = d.deliver(requestVote(2, 1, 3, 9, 3));
    const a = to(r, 2)[0];
    check(a?.type === 'RequestVoteResponse' && !a.voteGranted && a.term === 5 && !a.preVote, seed, `a node of term 5 got RequestVote of term 3: it must refuse in a RequestVoteResponse carrying term 5 (preVote false, api.d.ts), so the candidate steps down (Figure 2 RequestVote rule 1, Raft §5.1), answered ${a === undefined ? 'nothing' : describe(a)}`);
    check(d.node.term() === 5 && d.node.votedFor() === null, seed, `a stale RequestVote changes nothing: term ${d.node.term()}, votedFor ${String(d.node.votedFor())}`);
  }
  // (f) the election restriction (§5.4.1): compare last terms first, then last indexes.
  const ours = [1, 1, 2, 2].slice(0, 3 + (seed % 2));
  const lastIndex = ours.length;
  const cases: [number, number, boolean][] = [
    [lastIndex, 2, true],
    [lastIndex - 1, 2, false],
    [lastIndex + 1, 2, true],
    [lastIndex + 3, 1, false],
    [1, 3, true],
  ];
  for (const [candIndex, candTerm, grant] of cases) {
    const d = new Driven(create, 1, voters, seed + 5, diskOf(2, ours));
    const r = d.deliver(requestVote(2, 1, 3, candIndex, candTerm));
    const a = to(r, 2, 'RequestVoteResponse')[0];
    check(a?.type === 'RequestVoteResponse' && a.voteGranted === grant && a.term === 3 && !a.preVote, seed, `node 1 with log terms [${ours.join(', ')}] got RequestVote of term 3 from a candidate whose log ends at index ${candIndex}, term ${candTerm}: it must ${grant ? 'grant' : 'refuse'} (§5.4.1: the later last term is more up-to-date; with equal last terms, the longer log; api.d.ts: preVote false), answered ${a === undefined ? 'nothing' : describe(a)}`);
  }
}

function wireIntegers(m: Message): boolean {
  if (m.type !== 'AppendEntriesResponse') return Number.isInteger(m.term);
  return [m.term, m.matchIndex, m.rejectedIndex, m.conflictIndex].every((v) => Number.isInteger(v));
}

/**
 * Raft §5.1 and Figure 2 rule 1 of AppendEntries and InstallSnapshot: a request of an older term is
 * refused, and the answer carries the newer term so the stale leader steps down; nothing of the
 * node changes. The answer is a full wire message (integer fields, api.d.ts).
 */
export function staleTermRequests(create: CreateNode, seed: number): void {
  const voters = idsTo(3 + (seed % 3));
  const prev = 1 + (seed % 3);
  const d = new Driven(create, 1, voters, seed, diskOf(5, [1, 2, 3], { commit: 1 }));
  let r = d.deliver(appendEntries(2, 1, 3, prev, prev, entriesOf([3], prev + 1), 3));
  const a = to(r, 2)[0];
  check(a !== undefined && a.type === 'AppendEntriesResponse' && !a.success && a.term === 5, seed, `node 1 of term 5 got AppendEntries of term 3 from node 2: it must answer success = false with term 5 so node 2 learns it is stale (Figure 2, AppendEntries rule 1; Raft §5.1), answered ${a === undefined ? 'nothing' : describe(a)}`);
  check(wireIntegers(a), seed, `the refusal must be a full wire message with integer term, matchIndex, rejectedIndex and conflictIndex (api.d.ts), got ${describe(a)}`);
  check(d.node.log().lastIndex() === 3 && d.node.log().termAt(3) === 3 && d.node.term() === 5 && d.node.leaderId() === null, seed, `a stale AppendEntries must change nothing: lastIndex ${d.node.log().lastIndex()}, term ${d.node.term()}, leaderId ${String(d.node.leaderId())}`);
  r = d.node.step({ kind: 'message', message: installSnapshot(2, 1, 4, 3, 3, voters) });
  const s = to(r, 2)[0];
  check(s !== undefined && s.term === 5 && wireIntegers(s), seed, `node 1 of term 5 got InstallSnapshot of term 4 from node 2: it must answer with a message carrying term 5 so node 2 steps down (Figure 13 rule 1, Raft §5.1), answered ${s === undefined ? 'nothing' : describe(s)}`);
  check(r.snapshot === null && d.node.log().snapshotIndex() === 0, seed, `a stale InstallSnapshot must not be installed (Figure 13 rule 1), got a snapshot at ${d.node.log().snapshotIndex()}`);
  r = d.deliver(appendResponse(2, 1, 4, { success: false, rejectedIndex: 2, conflictIndex: 1 }));
  check(r.messages.length === 0, seed, `a response of an older term (4 < 5) must be ignored (Raft §5.1), the node sent ${r.messages.map(describe).join(', ')}`);
}

/**
 * Figure 2 AppendEntries rule 5 and the persistent log: a follower learns the commit index from
 * the leader, hands out the newly committed entries once and in order, never lowers its commit
 * index (Raft §5.3), and the LogWrite it returns leaves the disk holding exactly its log. A leader
 * restarted from disk (commitIndex is volatile: it may start anywhere from its snapshot up to the
 * hardState.commit it wrote) never lowers its commit index, and commits nothing more until a
 * majority stores an entry of its own term (§5.4.2).
 */
export function commitReporting(create: CreateNode, seed: number): void {
  const voters = idsTo(3 + (seed % 3));
  const n = 4 + (seed % 4);
  const c = 2 + (seed % 2);
  const d = new Driven(create, 1, voters, seed, diskOf(1, Array.from({ length: n }, () => 1)));
  let r = d.deliver(appendEntries(2, 1, 1, n, 1, [], c));
  check(d.node.commitIndex() === c, seed, `a follower holding ${n} entries of term 1 got leaderCommit ${c} with a matching prevLogIndex ${n}: commitIndex must become ${c} (Figure 2 AppendEntries rule 5), got ${d.node.commitIndex()}`);
  check(r.committed.map((e) => e.index).join() === idsTo(c).join(), seed, `Ready.committed must hand out entries 1..${c}, got [${r.committed.map((e) => e.index).join(', ')}]`);
  r = d.deliver(appendEntries(2, 1, 1, 1, 1, [], c));
  check(d.node.commitIndex() === c && r.committed.length === 0, seed, `a heartbeat with prevLogIndex 1 and leaderCommit ${c} must not lower commitIndex (it was ${c}) or hand out entries again: Figure 2 rule 5 only raises it, and committed entries stay committed (Raft §5.3); got commitIndex ${d.node.commitIndex()}, ${r.committed.length} entries handed out`);
  r = d.deliver(appendEntries(2, 1, 1, n, 1, entriesOf([1, 1], n + 1), c));
  const w = r.entriesToPersist;
  const log = d.node.log();
  const writes = w !== null && w.fromIndex <= n + 1 && w.fromIndex + w.entries.length - 1 === log.lastIndex() && w.entries.every((e, i) => e.index === w.fromIndex + i && e.term === log.termAt(e.index));
  check(log.lastIndex() === n + 2 && writes, seed, `appending entries ${n + 1}..${n + 2} to a log of ${n}: the same Ready's LogWrite must cover them (from fromIndex ≤ ${n + 1} to the end of the log, api.d.ts LogWrite) so they are on disk before the acknowledgement leaves (Figure 2: persistent state), got lastIndex ${log.lastIndex()} and ${JSON.stringify(w && { fromIndex: w.fromIndex, entries: w.entries.length })}`);
  // A leader restarted from disk must not lower its commit index, nor commit old-term entries by counting.
  const l = new Driven(create, 1, idsTo(5), seed + 1, diskOf(1, [1, 1, 1, 1, 1], { commit: 4 }));
  const c0 = l.node.commitIndex();
  check(c0 >= 0 && c0 <= 4, seed, `a node restarted with hardState.commit 4 and 5 entries starts with a commitIndex between its snapshot (0) and 4, got ${c0}: nothing above 4 is known to be committed`);
  const camp = l.campaign();
  check(camp !== null && l.node.commitIndex() === c0, seed, `a candidate must keep commitIndex ${c0}, got ${l.node.commitIndex()}`);
  for (const peer of l.peers.slice(0, 2)) {
    l.deliver(voteResponse(peer, 1, l.node.term(), true));
    check(l.node.commitIndex() === c0, seed, `node 1 (commitIndex ${c0}) became leader knowing no follower's matchIndex yet: its commitIndex became ${l.node.commitIndex()}; it never decreases (Raft §5.3), and entries of term 1 commit only through an entry of the new term stored on a majority (§5.4.2)`);
  }
  check(l.node.role() === 'leader', seed, `3 votes of 5 must make node 1 leader (Raft §5.2), got ${l.node.role()}`);
  for (let i = 0; i < 3 * HEARTBEAT_TICKS; i++) {
    l.tick();
    check(l.node.commitIndex() === c0, seed, `leader 1's commitIndex moved from ${c0} to ${l.node.commitIndex()} on a tick, with no follower's acknowledgement (Raft §5.3, §5.4.2)`);
  }
}

/** A random log of terms: runs of 1–4 entries with terms rising from 1. */
function randomTerms(rng: Prng, length: number): number[] {
  const terms: number[] = [];
  let term = 1;
  while (terms.length < length) {
    const run = rng.range(1, 4);
    for (let i = 0; i < run && terms.length < length; i++) terms.push(term);
    term += rng.range(1, 2);
  }
  return terms;
}

/**
 * The §5.3 back-up hint is optional (the paper: "we believe the optimization is unnecessary"): a
 * follower may send none (conflictTerm null, conflictIndex 0 or anything up to where it could
 * match), but a hint it sends must not point past the rejected entry: conflictTerm null or its
 * term at prevLogIndex, conflictIndex no higher than prevLogIndex (lastIndex + 1 for a short log).
 */
function hintOk(a: Message, prevLogIndex: number, lastIndex: number, termThere: number | undefined): boolean {
  if (a.type !== 'AppendEntriesResponse' || a.success || !wireIntegers(a)) return false;
  const termOk = a.conflictTerm === null || (termThere !== undefined && a.conflictTerm === termThere);
  return termOk && a.conflictIndex <= Math.min(prevLogIndex, lastIndex + 1);
}

/**
 * Figure 2 AppendEntries rules 2–5, on generated logs: a log too short or with another term at
 * prevLogIndex rejects and stays as it was; a match appends, truncating only at the first
 * conflicting entry (rules 3–4), and acknowledges no further than the request verified; a
 * prevLogIndex inside the snapshot is a match (Raft §7: the snapshot holds only committed entries).
 */
export function followerConsistencyCheck(create: CreateNode, seed: number): void {
  const rng = new Prng(seed);
  const voters = idsTo(3 + (seed % 3));
  for (let round = 0; round < 20; round++) {
    const terms = randomTerms(rng, rng.range(3, 14));
    const last = terms.length;
    const lastTerm = terms[last - 1]!;
    const leaderTerm = lastTerm + 2;
    const fresh = (): Driven => new Driven(create, 1, voters, seed * 31 + round, diskOf(lastTerm, terms));
    const what = `follower log terms [${terms.join(', ')}]`;
    // Too short.
    let d = fresh();
    const beyond = last + rng.range(1, 5);
    let a = to(d.deliver(appendEntries(2, 1, leaderTerm, beyond, leaderTerm, [], 0)), 2, 'AppendEntriesResponse')[0];
    check(a !== undefined && hintOk(a, beyond, last, undefined), seed, `${what}, AppendEntries prevLogIndex ${beyond}: the log is too short, so reject (Figure 2 rule 2); a back-up hint, if any, is conflictTerm null and conflictIndex at most ${last + 1} (lastIndex + 1, Raft §5.3, api.d.ts); answered ${a === undefined ? 'nothing' : describe(a)}`);
    check(d.node.log().lastIndex() === last, seed, `${what}: a rejected AppendEntries must not change the log, lastIndex became ${d.node.log().lastIndex()}`);
    // Term mismatch.
    d = fresh();
    const p = rng.range(1, last);
    const t = terms[p - 1]!;
    a = to(d.deliver(appendEntries(2, 1, leaderTerm, p, t + 1, [], 0)), 2, 'AppendEntriesResponse')[0];
    check(a !== undefined && hintOk(a, p, last, t), seed, `${what}, AppendEntries prevLogIndex ${p} prevLogTerm ${t + 1}: the follower holds term ${t} there, so reject (Figure 2 rule 2); a back-up hint, if any, is conflictTerm ${t} (or null) and a conflictIndex no higher than ${p} (Raft §5.3); answered ${a === undefined ? 'nothing' : describe(a)}`);
    check(d.node.log().lastIndex() === last && d.node.log().termAt(p) === t, seed, `${what}: a rejected AppendEntries must not change the log, lastIndex became ${d.node.log().lastIndex()}`);
    // Match, with k entries (some already held, some new).
    d = fresh();
    const q = rng.range(0, last);
    const k = rng.range(1, 5);
    const sent: Entry[] = [];
    for (let i = 1; i <= k; i++) {
      const idx = q + i;
      sent.push({ index: idx, term: idx <= last && rng.range(0, 1) === 0 ? terms[idx - 1]! : leaderTerm, data: `new${idx}` });
    }
    for (let i = 1; i < sent.length; i++) if (sent[i]!.term < sent[i - 1]!.term) sent[i] = { ...sent[i]!, term: leaderTerm };
    const conflict = sent.some((e) => e.index <= last && terms[e.index - 1] !== e.term);
    const wantLast = conflict ? q + k : Math.max(last, q + k);
    a = to(d.deliver(appendEntries(2, 1, leaderTerm, q, q === 0 ? 0 : terms[q - 1]!, sent, 0)), 2, 'AppendEntriesResponse')[0];
    check(a?.type === 'AppendEntriesResponse' && a.success && a.matchIndex >= q && a.matchIndex <= q + k, seed, `${what}, AppendEntries prevLogIndex ${q} (matching) with ${k} entries: succeed with a matchIndex between ${q} and ${q + k}: no further than this request verified the log (api.d.ts, Figure 2), answered ${a === undefined ? 'nothing' : describe(a)}`);
    const log = d.node.log();
    const want = idsTo(wantLast).map((i) => (i <= q || i > q + k ? terms[i - 1]! : sent[i - q - 1]!.term));
    const holds = want.every((tm, i) => log.termAt(i + 1) === tm);
    check(holds && log.lastIndex() === wantLast, seed, `${what}, AppendEntries prevLogIndex ${q} with entries of terms [${sent.map((e) => e.term).join(', ')}]: ${conflict ? 'truncate at the first conflicting entry and append' : 'no entry conflicts, so nothing may be truncated (a delayed request must not cut newer entries)'}; the log must end at ${wantLast} holding the sent entries (Figure 2 AppendEntries rules 3–4), got lastIndex ${log.lastIndex()}, terms [${idsTo(log.lastIndex()).map((i) => log.termAt(i)).join(', ')}]`);
  }
  // A prevLogIndex inside the follower's snapshot.
  const s = 4 + (seed % 3);
  const d = new Driven(create, 1, voters, seed, diskOf(1, [1, 1], { commit: s, snapshot: { index: s, term: 1, voters } }));
  const a = to(d.deliver(appendEntries(2, 1, 2, s - 2, 1, entriesOf([1, 1, 1, 1, 2], s - 1), s)), 2, 'AppendEntriesResponse')[0];
  const kept = d.node.log().snapshotIndex() === s && d.node.commitIndex() >= s && d.node.log().lastIndex() >= s + 2;
  const sound = a?.type === 'AppendEntriesResponse' && (a.success ? a.matchIndex >= s - 2 && a.matchIndex <= s + 3 : wireIntegers(a));
  check(sound && kept, seed, `a follower with a snapshot through ${s} and entries ${s + 1}..${s + 2} got AppendEntries with prevLogIndex ${s - 2}, inside its snapshot: it may accept (what it compacted is committed, so it matches the leader, Raft §7) and acknowledge no further than ${s + 3}, or reject (Figure 2 rule 2: it no longer holds that entry), but it must keep its snapshot, its commit index and its entries; answered ${a === undefined ? 'nothing' : describe(a)}, now snapshotIndex ${d.node.log().snapshotIndex()}, commitIndex ${d.node.commitIndex()}, lastIndex ${d.node.log().lastIndex()}`);
  // The conflicting term reaches back to the snapshot.
  const e = new Driven(create, 1, voters, seed + 7, diskOf(2, [2, 2, 2], { commit: s, snapshot: { index: s, term: 2, voters } }));
  const b = to(e.deliver(appendEntries(2, 1, 4, s + 3, 3, [], s)), 2, 'AppendEntriesResponse')[0];
  check(b !== undefined && hintOk(b, s + 3, s + 3, 2), seed, `a follower with a snapshot through ${s} (term 2) and entries ${s + 1}..${s + 3} of term 2 got prevLogIndex ${s + 3} prevLogTerm 3: reject (Figure 2 rule 2), with no hint or conflictTerm 2 and a conflictIndex no higher than ${s + 3} (Raft §5.3, §7), answered ${b === undefined ? 'nothing' : describe(b)}`);
}

/**
 * Figure 13 InstallSnapshot rules 6–7 and the ReadonlyLog view: a snapshot whose last entry the
 * follower holds keeps the entries after it; one that conflicts or reaches past the log discards
 * the whole log; one the commit index already covers is not installed over the state machine (it
 * would roll it back). Local compaction (Raft §7) is reported as not installed and keeps the suffix.
 */
export function installSnapshotRules(create: CreateNode, seed: number): void {
  const voters = idsTo(3 + (seed % 3));
  const k = 3 + (seed % 2);
  const terms = [1, 1, 1, 1, 1, 1];
  const show = (d: Driven): string => `snapshotIndex ${d.node.log().snapshotIndex()}, snapshotTerm ${d.node.log().snapshotTerm()}, lastIndex ${d.node.log().lastIndex()}, commitIndex ${d.node.commitIndex()}`;
  // Keep the suffix.
  let d = new Driven(create, 1, voters, seed, diskOf(1, terms));
  let r = d.deliver(installSnapshot(2, 1, 2, k, 1, voters));
  check(r.snapshot !== null && r.snapshot.installed && r.snapshot.keepLogSuffix, seed, `follower with entries 1..6 of term 1 got InstallSnapshot through ${k} (term 1), an entry it holds: install it (installed: true) and keep entries ${k + 1}..6 (keepLogSuffix: true) (Figure 13 rule 6), Ready.snapshot = ${JSON.stringify(r.snapshot && { installed: r.snapshot.installed, keepLogSuffix: r.snapshot.keepLogSuffix })}`);
  const log = d.node.log();
  check(log.snapshotIndex() === k && log.firstIndex() === k + 1 && log.snapshotTerm() === 1 && log.lastIndex() === 6 && log.termAt(6) === 1 && d.node.commitIndex() === k, seed, `after installing a snapshot through ${k} over entries 1..6 the log must read snapshotIndex ${k}, firstIndex ${k + 1}, snapshotTerm 1, lastIndex 6, commitIndex ${k} (Figure 13 rule 6), got ${show(d)}`);
  check(log.entryAt(k) === undefined && log.entryAt(k + 1)?.index === k + 1 && log.entryAt(6)?.index === 6 && log.slice(k + 1, 7).length === 6 - k, seed, `the log view must answer by index across the snapshot boundary (api.d.ts ReadonlyLog): entryAt(${k}) undefined, entryAt(${k + 1}).index ${k + 1}; got ${JSON.stringify(log.entryAt(k))}, ${JSON.stringify(log.entryAt(k + 1))}`);
  const ack = to(r, 2, 'InstallSnapshotResponse')[0];
  check(ack?.type === 'InstallSnapshotResponse' && ack.matchIndex >= k, seed, `after installing through ${k} the answer must report matchIndex ≥ ${k}, answered ${ack === undefined ? 'nothing' : describe(ack)}`);
  // Conflict at the snapshot's last index, and a snapshot past the end: discard everything.
  for (const [index, term] of [[k, 2], [8 + (seed % 3), 2]] as const) {
    d = new Driven(create, 1, voters, seed, diskOf(1, terms));
    r = d.deliver(installSnapshot(2, 1, 2, index, term, voters));
    check(r.snapshot !== null && r.snapshot.installed && !r.snapshot.keepLogSuffix, seed, `follower with entries 1..6 of term 1 got InstallSnapshot through ${index} of term ${term}, which it does not hold: install it and discard the whole log (keepLogSuffix: false) (Figure 13 rule 7), got ${JSON.stringify(r.snapshot && { installed: r.snapshot.installed, keepLogSuffix: r.snapshot.keepLogSuffix })}`);
    check(d.node.log().snapshotIndex() === index && d.node.log().snapshotTerm() === term && d.node.log().lastIndex() === index && d.node.log().termAt(index + 1) === undefined && d.node.log().entryAt(index + 1) === undefined, seed, `after discarding the log for a snapshot through ${index} (term ${term}) the log must be empty after it: snapshotIndex ${index}, snapshotTerm ${term}, lastIndex ${index}; got ${show(d)}`);
  }
  // Already covered by the commit index: not installed over the state machine (it would roll back).
  const c = 5;
  d = new Driven(create, 1, voters, seed, diskOf(1, terms));
  r = d.deliver(appendEntries(2, 1, 2, 6, 1, [], c));
  check(d.node.commitIndex() === c && r.committed.length === c, seed, `leaderCommit ${c} with a matching prevLogIndex 6 must commit and hand out entries 1..${c} (Figure 2 rule 5), got commitIndex ${d.node.commitIndex()}, ${r.committed.length} entries`);
  for (const index of [c, c - 2]) {
    r = d.deliver(installSnapshot(2, 1, 2, index, 1, voters));
    const local = r.snapshot === null || (!r.snapshot.installed && r.snapshot.keepLogSuffix);
    check(local && r.committed.length === 0 && d.node.commitIndex() === c && d.node.log().lastIndex() === 6 && d.node.log().termAt(6) === 1, seed, `a follower that committed and applied through ${c} got InstallSnapshot through ${index}: its state machine is already past it, so installing it (installed: true) would roll it back; ignore it, or at most compact the log it already applied (installed: false, entries 6 kept) (Figure 13; Raft §7), got Ready.snapshot ${JSON.stringify(r.snapshot && { installed: r.snapshot.installed, keepLogSuffix: r.snapshot.keepLogSuffix })} and ${show(d)}`);
    check(to(r, 2).length === 1, seed, `the ignored InstallSnapshot must still be answered so the leader learns the follower's position (Figure 13: reply), got ${r.messages.length} messages`);
  }
  // Local compaction.
  d = new Driven(create, 1, voters, seed, diskOf(1, [1, 1, 2, 2, 2, 2]));
  r = d.deliver(appendEntries(2, 1, 2, 6, 2, [], 5));
  check(r.committed.length === 5, seed, `leaderCommit 5 with a matching prevLogIndex 6 must commit entries 1..5, got ${r.committed.length}`);
  r = d.node.step({ kind: 'compact', index: k, data: `state@${k}` });
  const kt = k <= 2 ? 1 : 2;
  check(r.snapshot !== null && !r.snapshot.installed && r.snapshot.keepLogSuffix && r.snapshot.snapshot.meta.index === k && r.snapshot.snapshot.meta.term === kt, seed, `compact at ${k}: Ready.snapshot must be the application's snapshot through ${k} (term ${kt}), installed: false (it did not come from a leader) and keepLogSuffix: true (Raft §7, api.d.ts), got ${JSON.stringify(r.snapshot && { installed: r.snapshot.installed, keepLogSuffix: r.snapshot.keepLogSuffix, meta: r.snapshot.snapshot.meta })}`);
  check(d.node.log().snapshotIndex() === k && d.node.log().snapshotTerm() === kt && d.node.log().lastIndex() === 6 && d.node.snapshot()?.meta.index === k, seed, `after compacting at ${k}: snapshotIndex ${k}, snapshotTerm ${kt}, lastIndex 6 and snapshot() through ${k}; got ${show(d)}`);
}

/** api.d.ts, Figure 2: a leader sends AppendEntries to every follower at least every heartbeatTicks ticks, even unanswered. */
export function heartbeatInterval(create: CreateNode, seed: number): void {
  const d = new Driven(create, 1, idsTo(3 + (seed % 3)), seed, EMPTY_DISK);
  d.elect(seed);
  diskUntouched(seed);
  const since = new Map(d.peers.map((p) => [p, 0]));
  for (let i = 0; i < 12 * HEARTBEAT_TICKS; i++) {
    const r = d.tick();
    for (const p of d.peers) {
      const n = to(r, p, 'AppendEntries').length;
      since.set(p, n > 0 ? 0 : since.get(p)! + 1);
      check(since.get(p)! < HEARTBEAT_TICKS, seed, `leader 1 sent node ${p} nothing for ${since.get(p)} ticks: heartbeats go to every follower at least every heartbeatTicks = ${HEARTBEAT_TICKS} ticks (api.d.ts; Raft §5.2), answered or not`);
    }
  }
}

/**
 * A follower by the letter of Figure 2 (AppendEntries receiver) and Figure 13 (InstallSnapshot
 * receiver), with the §5.3 hint as api.d.ts documents it: what the leader under test talks to in
 * the directed leader checks. It keeps terms only (Log Matching: same index and term, same entry).
 */
class ModelFollower {
  private snapIndex = 0;
  private snapTerm = 0;
  private terms: number[];
  private commit = 0;
  rejections = 0;
  constructor(
    readonly id: NodeId,
    terms: readonly number[],
  ) {
    this.terms = terms.slice();
  }
  lastIndex(): number {
    return this.snapIndex + this.terms.length;
  }
  termAt(i: number): number | undefined {
    return i === this.snapIndex ? this.snapTerm : i < this.snapIndex ? undefined : this.terms[i - this.snapIndex - 1];
  }
  /** True when this log holds the leader's entries through its last index (and nothing after). */
  matches(leader: RaftNodeApi): boolean {
    const log = leader.log();
    if (this.lastIndex() !== log.lastIndex()) return false;
    for (let i = Math.max(this.snapIndex, log.snapshotIndex()) + 1; i <= log.lastIndex(); i++) if (this.termAt(i) !== log.termAt(i)) return false;
    return true;
  }
  answer(m: Message): Message | null {
    // Echoes `round` (api.d.ts: free for the leader to use).
    const base = { from: this.id, to: m.from, term: m.term, round: m.type === 'AppendEntries' || m.type === 'InstallSnapshot' ? m.round : 0 };
    if (m.type === 'InstallSnapshot') {
      const meta = m.snapshot.meta;
      if (meta.index > this.commit) {
        const keep = this.termAt(meta.index) === meta.term;
        this.terms = keep ? this.terms.slice(meta.index - this.snapIndex) : [];
        this.snapIndex = meta.index;
        this.snapTerm = meta.term;
        this.commit = meta.index;
      }
      return { ...base, type: 'InstallSnapshotResponse', matchIndex: this.commit };
    }
    if (m.type !== 'AppendEntries') return null;
    const reject = (conflictIndex: number, conflictTerm: number | null): Message => {
      this.rejections++;
      return { ...base, type: 'AppendEntriesResponse', success: false, matchIndex: 0, rejectedIndex: m.prevLogIndex, conflictIndex, conflictTerm };
    };
    let match = this.commit;
    if (m.prevLogIndex >= this.snapIndex) {
      const t = this.termAt(m.prevLogIndex);
      if (t === undefined) return reject(this.lastIndex() + 1, null);
      if (t !== m.prevLogTerm) {
        let first = m.prevLogIndex;
        while (first - 1 > this.snapIndex && this.termAt(first - 1) === t) first--;
        return reject(first, t);
      }
      for (const e of m.entries) {
        if (this.termAt(e.index) !== e.term) {
          this.terms.length = e.index - 1 - this.snapIndex;
          for (const f of m.entries.slice(e.index - m.prevLogIndex - 1)) this.terms.push(f.term);
          break;
        }
      }
      match = m.prevLogIndex + m.entries.length;
      this.commit = Math.max(this.commit, Math.min(m.leaderCommit, match));
    }
    return { ...base, type: 'AppendEntriesResponse', success: true, matchIndex: match, rejectedIndex: m.prevLogIndex, conflictIndex: 0, conflictTerm: null };
  }
}

/**
 * Figure 2 (AppendEntries arguments) and Figure 13: what a leader sends is consistent with its own
 * log: prevLogTerm is its term at prevLogIndex, the entries are its own entries from
 * prevLogIndex + 1 in order (at most maxEntriesPerMessage, api.d.ts), leaderCommit is no higher
 * than its commit index; an InstallSnapshot carries its snapshot.
 */
function checkLeaderMessage(d: Driven, m: Message, seed: number): void {
  const log = d.node.log();
  const term = d.node.term();
  if (m.type === 'AppendEntries') {
    const ok =
      m.term === term &&
      m.prevLogIndex >= log.snapshotIndex() &&
      m.prevLogTerm === log.termAt(m.prevLogIndex) &&
      m.entries.length <= d.maxEntries &&
      m.entries.every((e, i) => e.index === m.prevLogIndex + 1 + i && e.term === log.termAt(e.index)) &&
      m.leaderCommit <= d.node.commitIndex();
    check(ok, seed, `leader ${d.id} (term ${term}, log through ${log.lastIndex()}, snapshot through ${log.snapshotIndex()}, commitIndex ${d.node.commitIndex()}) sent ${describe(m)} (entry terms [${m.entries.map((e) => e.term).join(', ')}]): an AppendEntries carries the leader's term, prevLogTerm = its own term at prevLogIndex, its own entries from prevLogIndex + 1 in order (at most maxEntriesPerMessage = ${d.maxEntries}) and leaderCommit ≤ its commitIndex (Figure 2)`);
  } else if (m.type === 'InstallSnapshot') {
    const snap = d.node.snapshot();
    check(m.term === term && snap !== null && m.snapshot.meta.index === snap.meta.index && m.snapshot.meta.term === snap.meta.term, seed, `leader ${d.id} sent ${describe(m)} with snapshot ${JSON.stringify(m.snapshot.meta)}: an InstallSnapshot carries the leader's term and its latest snapshot (Figure 13), which is ${JSON.stringify(snap?.meta ?? null)}`);
  }
}

/**
 * Drives leader `d` against model follower `f` until f's log matches the leader's: every message to
 * f is checked and answered, in order; when the leader sends f nothing, ticks pass (it must send
 * within heartbeatTicks). At most `maxRejections` rejections: moving nextIndex back one entry per
 * rejection (Figure 2) is enough, the §5.3 hint is faster. Returns the messages f received.
 */
function repair(d: Driven, f: ModelFollower, first: readonly Message[], maxRejections: number, seed: number, what: string): Message[] {
  let pending = first.filter((m) => m.to === f.id);
  const received: Message[] = [];
  for (let exchanges = 0; !f.matches(d.node); exchanges++) {
    for (let i = 0; pending.length === 0; i++) {
      if (i >= HEARTBEAT_TICKS) fail(`[seed ${seed}] ${what}: leader ${d.id} sent node ${f.id} nothing for ${HEARTBEAT_TICKS} ticks while node ${f.id}'s log (through ${f.lastIndex()}) still lacks entries (through ${d.node.log().lastIndex()}): heartbeats go out at least every heartbeatTicks (api.d.ts), and a leader keeps sending a follower the entries from its nextIndex (Figure 2, Rules for Leaders)`);
      pending = to(d.tick(), f.id);
    }
    check(exchanges < 200 && f.rejections <= maxRejections, seed, `${what}: node ${f.id} rejected ${f.rejections} AppendEntries (over ${exchanges} messages) and its log still does not match the leader's: after a rejection, nextIndex moves back at least one entry and the leader retries (Figure 2, Rules for Leaders; Raft §5.3), so ${maxRejections} rejections are plenty`);
    const replies: Message[] = [];
    for (const m of pending) {
      checkLeaderMessage(d, m, seed);
      received.push(m);
      const reply = f.answer(m);
      if (reply !== null) replies.push(reply);
    }
    pending = [];
    for (const reply of replies) pending.push(...to(d.deliver(reply), f.id));
  }
  return received;
}

/**
 * The leader's side of Figure 2 (Rules for Leaders), directed: the no-op of a new term (§8); every
 * AppendEntries consistent with the leader's log; commit only of an index a majority stores and
 * only through an entry of the current term (§5.3, §5.4.2), within a heartbeat of the
 * acknowledgement that makes it so; after a rejection, a retry from a lower nextIndex, until a
 * diverged follower matches (moving back one entry per rejection or skipping with the §5.3 hint:
 * both are allowed).
 */
export function leaderFlowControl(create: CreateNode, seed: number): void {
  const k = 1 + (seed % 3);
  const d = new Driven(create, 1, [1, 2, 3], seed, diskOf(3, [1, 1, 2, 2, 2, 3, 3]), 2 + (seed % 3));
  const won = d.elect(seed);
  const term = d.node.term();
  // Acknowledgements from node 2 echo the round of the latest AppendEntries the leader sent it.
  let round2 = 0;
  const seen2 = (r: Ready): void => {
    for (const m of r.messages) {
      checkLeaderMessage(d, m, seed);
      if (m.to === 2 && m.type === 'AppendEntries') round2 = m.round;
    }
  };
  seen2(won);
  check(d.node.log().lastIndex() === 8 && d.node.log().termAt(8) === term && d.node.log().entryAt(8)?.data === null, seed, `a new leader with entries 1..7 appends a no-op of its term ${term} at index 8 (Raft §8; api.d.ts: data null), its log ends at ${d.node.log().lastIndex()} with term ${String(d.node.log().termAt(d.node.log().lastIndex()))}`);
  for (let i = 0; i < k; i++) {
    const r = d.propose(`p${i}`);
    check(r.proposed?.index === 9 + i && r.proposed.term === term, seed, `proposal ${i + 1} must go to index ${9 + i} in term ${term} (Ready.proposed), got ${JSON.stringify(r.proposed)}`);
    seen2(r);
  }
  const last = 8 + k;
  const ack2 = (matchIndex: number, prevLogIndex: number): void => seen2(d.deliver({ type: 'AppendEntriesResponse', from: 2, to: 1, term, success: true, matchIndex, rejectedIndex: prevLogIndex, conflictIndex: 0, conflictTerm: null, round: round2 }));
  const settle = (want: number, why: string): void => {
    for (let i = 0; i <= HEARTBEAT_TICKS; i++) {
      check(d.node.commitIndex() <= want, seed, `${why}: commitIndex went up to ${d.node.commitIndex()}, past ${want}, the highest index a majority stores with an entry of the current term at or after it`);
      if (want > 0 && d.node.commitIndex() === want) break;
      seen2(d.tick());
    }
    check(d.node.commitIndex() === want, seed, `${why}: commitIndex must be ${want} within heartbeatTicks ticks, got ${d.node.commitIndex()}`);
  };
  // Node 2 stores only entries of earlier terms: nothing commits (§5.4.2, Figure 8).
  ack2(7, 7);
  settle(0, `node 2 acknowledged through 7, but entries 1..7 are of earlier terms and the no-op of term ${term} (index 8) is on the leader alone: nothing may commit by counting replicas of old-term entries (Raft §5.4.2, Figure 8)`);
  // Node 2 stores the no-op: 8 is on a majority (2 of 3) and of the current term.
  ack2(8, 7);
  settle(8, `node 2 acknowledged through 8: the no-op of term ${term} is on 2 of 3 nodes and the proposals after it on the leader alone (Raft §5.3: the highest index stored on a majority, of the current term)`);
  ack2(last, 8);
  settle(last, `node 2 acknowledged through ${last}, the leader's last entry`);
  // Node 3 diverged after index 5 ([1,1,2,2,2,2,2]): the leader must repair it.
  const f = new ModelFollower(3, [1, 1, 2, 2, 2, 2, 2]);
  repair(d, f, [], 8, seed, 'a follower whose log [1,1,2,2,2,2,2] diverges from the leader\'s after index 5');
  check(d.node.commitIndex() === last, seed, `after node 3 caught up the commit index must still be ${last}, got ${d.node.commitIndex()}`);
}

/**
 * Raft §7 and Figure 13 on the leader's side: a follower that needs entries the leader compacted
 * gets an InstallSnapshot, then the entries after it, until its log matches; a follower whose
 * conflicting term ends at the snapshot boundary is repaired too (by AppendEntries or by the
 * snapshot: both are correct). A leader restarted as a follower ignores answers to its old
 * requests (only a leader has nextIndex and matchIndex, Figure 2).
 */
export function leaderSnapshots(create: CreateNode, seed: number): void {
  const voters = [1, 2, 3, 4, 5];
  const d = new Driven(create, 1, voters, seed, diskOf(3, [3, 3], { commit: 5, snapshot: { index: 5, term: 2, voters } }));
  const won = d.elect(seed);
  const term = d.node.term();
  // Node 2's term 2 runs to index 7; nodes 3 and 4 end at 3 and 4, inside the leader's snapshot.
  const followers = [new ModelFollower(2, [1, 1, 2, 2, 2, 2, 2]), new ModelFollower(3, [1, 1, 2]), new ModelFollower(4, [1, 1, 2, 2])];
  for (const f of followers) {
    const got = repair(d, f, won.messages, 8, seed, `node ${f.id} with log terms [${idsTo(f.lastIndex()).map((i) => f.termAt(i)).join(', ')}] and a leader whose snapshot ends at 5 (term 2)`);
    if (f.id !== 2) check(got.some((m) => m.type === 'InstallSnapshot'), seed, `node ${f.id} lacks entries the leader compacted (through 5): only an InstallSnapshot can repair it (Raft §7)`);
  }
  const last = d.node.log().lastIndex();
  for (let i = 0; i <= HEARTBEAT_TICKS && d.node.commitIndex() < last; i++) for (const m of d.tick().messages) checkLeaderMessage(d, m, seed);
  check(d.node.commitIndex() === last, seed, `nodes 2, 3 and 4 hold the leader's log through ${last}, which ends with the no-op of term ${term}: commitIndex must be ${last} (Raft §5.3), got ${d.node.commitIndex()}`);
  // A leader that crashed and restarted (a follower of the same term) ignores answers to its old requests.
  const back = new Driven(create, 1, voters, seed + 1, diskOf(term, [3, 3, term], { vote: 1, commit: 5, snapshot: { index: 5, term: 2, voters } }));
  let r = back.deliver(snapshotResponse(3, 1, term, 5));
  check(r.messages.length === 0 && back.node.role() === 'follower', seed, `node 1 restarted as a follower of term ${term} and then got an InstallSnapshotResponse to a request from before its crash: it leads nobody now, so ignore it, got ${r.messages.map(describe).join(', ')}`);
  r = back.deliver(appendResponse(2, 1, term, { success: true, matchIndex: 8, rejectedIndex: 7 }));
  check(r.messages.length === 0 && back.node.role() === 'follower', seed, `node 1 restarted as a follower of term ${term} and then got an AppendEntriesResponse from before its crash: ignore it, got ${r.messages.map(describe).join(', ')}`);
}
