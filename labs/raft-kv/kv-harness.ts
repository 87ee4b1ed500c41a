/**
 * The KV service around your store, on the simulated reference Raft cluster (adapted from
 * labs/raft/kv/kv-service.ts): servers turn client requests into log entries or reads as your
 * planGet says; closed-loop clients retry with the same (clientId, seq) until they get an answer
 * and record the history the linearizability checker verifies. Client traffic crosses the same
 * faulty network as Raft traffic.
 */
import { HistoryRecorder } from '../check/history';
import { checkOperations, describeResult, type LinearizabilityResult } from '../check/linearizability';
import { kvModel, type KvInput, type KvOutput } from '../check/models/kv-model';
import type { ReadState } from '../raft/ready';
import { World } from '../raft/scenarios/scenario';
import type { StateMachine } from '../raft/state-machine';
import type { Entry, Json, NodeId } from '../raft/types';
import type { ClientReply, ClientRequest } from '../sim/client-message';
import { RELIABLE, type NetworkProfile } from '../sim/network-profile';
import { Prng } from '../sim/prng';
import type { ClusterPlugin, RaftCluster } from '../sim/raft-cluster';
import type { GetPlan, KvCommand, KvOp, KvResult, KvStateMachine, ServerView } from './api';

export const CLIENT_ID_BASE = 1000;

type ReplyBody = { readonly ok: true; readonly value: KvResult } | { readonly ok: false; readonly leaderHint: NodeId | null };

interface PendingRead {
  readonly node: NodeId;
  readonly request: ClientRequest;
  index: number;
}

interface ClientState {
  readonly id: number;
  seq: number;
  leaderGuess: NodeId;
  attempt: number;
  current: { opId: number; op: KvOp; seq: number; onDone: (() => void) | null } | null;
}

export interface KvServiceOptions {
  readonly clients: number;
  /** The read path per server (yours, or the reference's on some servers of a mixed cluster). */
  readonly planFor: (node: NodeId) => (server: ServerView) => GetPlan;
  /** Route every get through the log, whatever planGet says. */
  readonly logReads?: boolean;
  readonly retryTimeoutMs?: number;
}

export class KvService implements ClusterPlugin {
  readonly history = new HistoryRecorder<KvInput, KvOutput>();
  private readonly writes = new Map<NodeId, Map<number, { term: number; request: ClientRequest }>>();
  private readonly readsInFlight = new Map<number, PendingRead>();
  private readonly readsWaitingApply = new Map<NodeId, PendingRead[]>();
  private readonly clients: ClientState[] = [];
  private nextReadId = 1;
  private readonly retryTimeoutMs: number;

  constructor(
    private readonly cluster: RaftCluster,
    private readonly options: KvServiceOptions,
    private readonly prng: Prng,
  ) {
    this.retryTimeoutMs = options.retryTimeoutMs ?? 300;
    for (const id of cluster.ids) {
      this.writes.set(id, new Map());
      this.readsWaitingApply.set(id, []);
    }
    for (let i = 0; i < options.clients; i++) {
      this.clients.push({ id: CLIENT_ID_BASE + i, seq: 0, leaderGuess: cluster.ids[i % cluster.ids.length]!, attempt: 0, current: null });
    }
    cluster.attach(this);
  }

  // ---- clients ----------------------------------------------------------------------------------

  submit(index: number, op: KvOp, onDone: (() => void) | null = null): void {
    const c = this.clients[index]!;
    if (c.current !== null) throw new Error(`client ${c.id} already has an operation in flight`);
    c.seq++;
    const opId = this.history.call(c.id, op, this.cluster.nowMs());
    this.cluster.trace.record({ t: this.cluster.nowMs(), k: 'call', client: c.id, op: opId, input: op });
    c.current = { opId, op, seq: c.seq, onDone };
    this.sendAttempt(c);
  }

  /** Send client `index`'s next attempts to `node` first. */
  pointAt(index: number, node: NodeId): void {
    this.clients[index]!.leaderGuess = node;
  }

  isIdle(index: number): boolean {
    return this.clients[index]?.current === null;
  }

  allIdle(): boolean {
    return this.clients.every((c) => c.current === null);
  }

  /** Every client runs operations back to back until `untilMs`, with unique appended values. */
  runClosedLoop(workload: { keys: readonly string[]; untilMs: number; thinkMsMax: number; getPerMille: number; putPerMille: number }): void {
    this.clients.forEach((c, index) => {
      const rng = this.prng.fork(`client/${c.id}`);
      const next = (): void => {
        if (this.cluster.nowMs() >= workload.untilMs) return;
        const key = rng.pick(workload.keys);
        const roll = rng.int(1000);
        const value = `${c.id - CLIENT_ID_BASE}.${c.seq + 1};`;
        const op: KvOp = roll < workload.getPerMille ? { type: 'get', key } : roll < workload.getPerMille + workload.putPerMille ? { type: 'put', key, value } : { type: 'append', key, value };
        this.submit(index, op, () => this.cluster.schedule(rng.range(0, workload.thinkMsMax), next));
      };
      this.cluster.schedule(rng.range(0, workload.thinkMsMax), next);
    });
  }

  private sendAttempt(c: ClientState): void {
    const cur = c.current;
    if (cur === null) return;
    const attempt = ++c.attempt;
    const command: KvCommand = { clientId: c.id, seq: cur.seq, op: cur.op };
    this.cluster.send({ type: 'ClientRequest', from: c.id, to: c.leaderGuess, requestId: attempt, body: command as unknown as Json });
    this.cluster.schedule(this.retryTimeoutMs, () => {
      if (c.current === cur && c.attempt === attempt) {
        c.leaderGuess = this.nextServer(c.leaderGuess);
        this.sendAttempt(c);
      }
    });
  }

  private nextServer(id: NodeId): NodeId {
    const ids = this.cluster.ids;
    return ids[(ids.indexOf(id) + 1) % ids.length]!;
  }

  onClientReply(reply: ClientReply): void {
    const c = this.clients[reply.to - CLIENT_ID_BASE];
    if (c === undefined || c.current === null || reply.requestId !== c.attempt) return;
    const body = reply.body as unknown as ReplyBody;
    if (!body.ok) {
      c.leaderGuess = body.leaderHint !== null && body.leaderHint !== reply.from ? body.leaderHint : this.nextServer(reply.from);
      const cur = c.current;
      const attempt = c.attempt;
      this.cluster.schedule(20, () => {
        if (c.current === cur && c.attempt === attempt) this.sendAttempt(c);
      });
      return;
    }
    const cur = c.current;
    c.current = null;
    const t = this.cluster.nowMs();
    this.history.complete(cur.opId, body.value, t);
    this.cluster.trace.record({ t, k: 'ret', client: c.id, op: cur.opId, output: body.value });
    cur.onDone?.();
  }

  // ---- servers ----------------------------------------------------------------------------------

  private store(node: NodeId): KvStateMachine {
    return this.cluster.stateMachine(node) as unknown as KvStateMachine;
  }

  private reply(node: NodeId, request: ClientRequest, body: ReplyBody): void {
    this.cluster.send({ type: 'ClientReply', from: node, to: request.from, requestId: request.requestId, body: body as unknown as Json });
  }

  private rejectNotLeader(node: NodeId, request: ClientRequest): void {
    this.reply(node, request, { ok: false, leaderHint: this.cluster.node(node)?.leaderId() ?? null });
  }

  onServerRequest(node: NodeId, request: ClientRequest): void {
    const command = request.body as unknown as KvCommand;
    if (command.op.type === 'get' && this.options.logReads !== true) {
      const raft = this.cluster.node(node)!;
      const view: ServerView = { id: node, role: raft.role(), term: raft.term(), leaderId: raft.leaderId(), commitIndex: raft.commitIndex(), appliedIndex: this.cluster.appliedIndex(node) };
      const plan = this.options.planFor(node)(view);
      switch (plan) {
        case 'read-index': {
          const id = this.nextReadId++;
          this.readsInFlight.set(id, { node, request, index: 0 });
          this.cluster.readIndex(node, id);
          return;
        }
        case 'local':
          return this.reply(node, request, { ok: true, value: this.store(node).get(command.op.key) });
        case 'redirect':
          return this.rejectNotLeader(node, request);
        case 'log':
          break;
        default:
          throw new TypeError(`planGet returned ${JSON.stringify(plan)}; expected 'read-index', 'log', 'local' or 'redirect'`);
      }
    }
    const pos = this.cluster.propose(request.body, node);
    if (pos === null) return this.rejectNotLeader(node, request);
    this.writes.get(node)!.set(pos.index, { term: pos.term, request });
  }

  onApplied(node: NodeId, entry: Entry, result: Json): void {
    const pending = this.writes.get(node)!;
    const w = pending.get(entry.index);
    if (w !== undefined) {
      pending.delete(entry.index);
      if (entry.term === w.term) this.reply(node, w.request, { ok: true, value: result as KvResult });
      else this.rejectNotLeader(node, w.request);
    }
    const waiting = this.readsWaitingApply.get(node)!;
    if (waiting.length > 0) this.serveReads(node, waiting);
  }

  onReadState(node: NodeId, rs: ReadState): void {
    const r = this.readsInFlight.get(rs.requestId);
    if (r === undefined) return;
    this.readsInFlight.delete(rs.requestId);
    if (rs.index === null) return this.rejectNotLeader(node, r.request);
    r.index = rs.index;
    const waiting = this.readsWaitingApply.get(node)!;
    waiting.push(r);
    this.serveReads(node, waiting);
  }

  /** Raft §6.4 step 4: answer a read once the state machine has applied its read index. */
  private serveReads(node: NodeId, waiting: PendingRead[]): void {
    const applied = this.cluster.appliedIndex(node);
    let kept = 0;
    for (const r of waiting) {
      if (r.index <= applied) {
        const cmd = r.request.body as unknown as KvCommand;
        this.reply(node, r.request, { ok: true, value: this.store(node).get(cmd.op.key) });
      } else waiting[kept++] = r;
    }
    waiting.length = kept;
  }

  onLeadershipChange(node: NodeId): void {
    if (this.cluster.node(node)?.role() === 'leader') return;
    const pending = this.writes.get(node)!;
    for (const w of pending.values()) this.rejectNotLeader(node, w.request);
    pending.clear();
  }

  onCrash(node: NodeId): void {
    this.writes.get(node)!.clear();
    this.readsWaitingApply.get(node)!.length = 0;
    for (const [id, r] of this.readsInFlight) if (r.node === node) this.readsInFlight.delete(id);
  }
}

export interface KvWorldOptions {
  readonly seed: number;
  readonly newStore: () => KvStateMachine;
  readonly planFor: (node: NodeId) => (server: ServerView) => GetPlan;
  readonly clients: number;
  readonly network?: NetworkProfile;
  readonly snapshotEveryEntries?: number | null;
  readonly logReads?: boolean;
}

/** A 5-node reference Raft cluster whose servers all run your store, with the KV service and the invariant checker. */
export function kvWorld(o: KvWorldOptions): { world: World; cluster: RaftCluster; kv: KvService } {
  const world = new World({
    nodes: 5,
    seed: o.seed,
    network: o.network ?? RELIABLE,
    stateMachineFor: () => o.newStore() as unknown as StateMachine,
    snapshotEveryEntries: o.snapshotEveryEntries ?? null,
  });
  const kv = new KvService(world.cluster, { clients: o.clients, planFor: o.planFor, logReads: o.logReads }, new Prng(o.seed).fork('clients'));
  return { world, cluster: world.cluster, kv };
}

export interface StormOptions {
  readonly partitions: boolean;
  readonly crashes: boolean;
  readonly stormMs: number;
  readonly calmMs: number;
}

/** Safety phase (faults while clients run), then liveness (heal, restart, reliable links): every client must finish. */
export function storm(w: { world: World; cluster: RaftCluster; kv: KvService }, seed: number, o: StormOptions, clients: number): void {
  const c = w.cluster;
  const rng = new Prng(seed).fork('storm');
  w.kv.runClosedLoop({ keys: ['a', 'b', 'c'], untilMs: o.stormMs + o.calmMs, thinkMsMax: 20, getPerMille: 400, putPerMille: 200 });
  while (c.nowMs() < o.stormMs) {
    c.runForMs(rng.range(100, 500));
    const roll = rng.int(1000);
    if (o.partitions && roll < 300) {
      const minority = rng.shuffled(c.ids).slice(0, rng.range(1, 2));
      c.partition([minority, c.ids.filter((id) => !minority.includes(id))]);
    } else if (o.partitions && roll < 500) c.heal();
    else if (o.crashes && roll < 700) {
      const up = c.ids.filter((id) => c.isUp(id));
      if (up.length > 3) c.crash(rng.pick(up));
    } else if (o.crashes && roll < 900) {
      const down = c.ids.filter((id) => !c.isUp(id));
      if (down.length > 0) c.restart(rng.pick(down));
    }
  }
  const healedAtMs = c.nowMs();
  c.heal();
  for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
  c.setNetwork(RELIABLE);
  c.runForMs(o.calmMs);
  const settled = c.runUntil(() => w.kv.allIdle(), 10_000);
  w.world.expect(settled, `clients still waiting 10 s after the network healed`);
  const done = w.kv.history.operations().filter((op) => op.returnMs !== null && op.returnMs > healedAtMs).length;
  w.world.expect(done >= clients * 2, `only ${done} operations completed in the ${o.calmMs} ms after the network healed`);
}

export type Verdict = LinearizabilityResult<KvInput, KvOutput>;

export function checkHistory(kv: KvService): { verdict: Verdict; text: string; ops: number } {
  const ops = kv.history.operations();
  const verdict = checkOperations(kvModel, ops, { maxSteps: 3_000_000 });
  return { verdict, text: describeResult(kvModel, verdict), ops: ops.length };
}
