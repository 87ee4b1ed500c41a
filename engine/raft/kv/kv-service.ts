/**
 * The linearizable KV service on a simulated cluster: servers that turn client requests into
 * log entries (or ReadIndex reads), and closed-loop clients that retry with the same (clientId,
 * seq) until they get an answer, recording the history the linearizability checker verifies.
 * Client traffic crosses the same simulated network as Raft traffic. How a server answers a get is
 * a seam (`planGet`), so a lab can run its learner's read path on the reference service.
 */
import { HistoryRecorder } from '../../check/history';
import type { KvInput, KvOutput } from '../../check/models/kv-model';
import type { ClientReply, ClientRequest } from '../cluster/client-message';
import type { Prng } from '../../sim/prng';
import type { ClusterPlugin, RaftCluster } from '../cluster/raft-cluster';
import type { ReadState } from '../ready';
import type { StateMachine } from '../state-machine';
import type { Entry, Json, NodeId, Role } from '../types';
import { KvStateMachine } from './kv-state-machine';
import type { KvCommand, KvOp, KvResult } from './kv-types';

export type ReadMode = 'log' | 'read-index';

/**
 * How a server answers a client's get:
 * - 'read-index': Raft §6.4, ask the Raft node for a read index and answer from the state machine
 *   once it has applied it (a node that is not the leader answers "not the leader");
 * - 'log': propose the get as a command; apply() computes the answer when it commits;
 * - 'local': answer from the local state machine right now (may be stale);
 * - 'redirect': answer "not the leader" (with a hint) right now.
 */
export type GetPlan = 'read-index' | 'log' | 'local' | 'redirect';

/** What a server knows when a client's get arrives. */
export interface ServerView {
  readonly id: NodeId;
  readonly role: Role;
  readonly term: number;
  /** The leader this server follows (its own id if it leads), or null. */
  readonly leaderId: NodeId | null;
  readonly commitIndex: number;
  readonly appliedIndex: number;
}

/** What the service needs from each server's state machine: reads outside the log. */
export interface KvStore extends StateMachine {
  /** The current value of `key` ('' when missing). */
  get(key: string): string;
}

export interface KvServiceOptions {
  readonly clients: number;
  /** 'log': every get goes through the log. 'read-index': each get is answered as `planGet` says. */
  readonly readMode: ReadMode;
  /**
   * With readMode 'read-index', decides per get how the server answers (a lab plugs its learner's
   * read path in here). Default: always 'read-index'.
   */
  readonly planGet?: (server: ServerView) => GetPlan;
  /** A client re-sends to the next server when no answer arrives within this time. */
  readonly retryTimeoutMs?: number;
}

export const CLIENT_ID_BASE = 1000;

type ReplyBody = { readonly ok: true; readonly value: KvResult } | { readonly ok: false; readonly leaderHint: NodeId | null };

interface PendingWrite {
  readonly term: number;
  readonly request: ClientRequest;
}

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

export class KvService implements ClusterPlugin {
  readonly history = new HistoryRecorder<KvInput, KvOutput>();
  /** Per server (indexed by node id): proposals awaiting their entry's application, by log index. */
  private readonly writes: Map<number, PendingWrite>[] = [];
  private readonly readsInFlight = new Map<number, PendingRead>();
  /** Per server (indexed by node id): reads waiting for the state machine to reach their index. */
  private readonly readsWaitingApply: PendingRead[][] = [];
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
      this.writes[id] = new Map();
      this.readsWaitingApply[id] = [];
    }
    for (let i = 0; i < options.clients; i++) {
      this.clients.push({ id: CLIENT_ID_BASE + i, seq: 0, leaderGuess: cluster.ids[i % cluster.ids.length]!, attempt: 0, current: null });
    }
    cluster.attach(this);
  }

  /** State machine factory to pass as ClusterOptions.stateMachineFor. */
  static stateMachine(): KvStateMachine {
    return new KvStateMachine();
  }

  // ---- clients ------------------------------------------------------------------------------------

  /** Start `op` on client `index` (which must be idle); `onDone` runs when it completes. */
  submit(index: number, op: KvOp, onDone: (() => void) | null = null): void {
    const c = this.clients[index];
    if (c === undefined) throw new RangeError(`no client ${index}`);
    if (c.current !== null) throw new Error(`client ${c.id} already has an operation in flight`);
    c.seq++;
    const opId = this.history.call(c.id, op, this.cluster.nowMs());
    if (this.cluster.trace.enabled) this.cluster.trace.record({ t: this.cluster.nowMs(), k: 'call', client: c.id, op: opId, input: op });
    c.current = { opId, op, seq: c.seq, onDone };
    this.sendAttempt(c);
  }

  /** Send client `index`'s next attempts to `node` first. */
  pointAt(index: number, node: NodeId): void {
    const c = this.clients[index];
    if (c === undefined) throw new RangeError(`no client ${index}`);
    c.leaderGuess = node;
  }

  isIdle(index: number): boolean {
    return this.clients[index]?.current === null;
  }

  allIdle(): boolean {
    return this.clients.every((c) => c.current === null);
  }

  /**
   * Every client runs operations back to back (with a random think time) until `untilMs`:
   * gets, puts and appends over `keys`, with unique values so the checker has evidence to use.
   */
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
    if (c === undefined || c.current === null || reply.requestId !== c.attempt) return; // stale or duplicate
    const body = reply.body as unknown as ReplyBody;
    if (!body.ok) {
      c.leaderGuess = body.leaderHint !== null && body.leaderHint !== reply.from ? body.leaderHint : this.nextServer(reply.from);
      const cur = c.current;
      const attempt = c.attempt;
      // Back off a little so a leaderless cluster is not hammered.
      this.cluster.schedule(20, () => {
        if (c.current === cur && c.attempt === attempt) this.sendAttempt(c);
      });
      return;
    }
    const cur = c.current;
    c.current = null;
    const t = this.cluster.nowMs();
    this.history.complete(cur.opId, body.value, t);
    if (this.cluster.trace.enabled) this.cluster.trace.record({ t, k: 'ret', client: c.id, op: cur.opId, output: body.value });
    cur.onDone?.();
  }

  // ---- servers ------------------------------------------------------------------------------------

  private reply(node: NodeId, request: ClientRequest, body: ReplyBody): void {
    this.cluster.send({ type: 'ClientReply', from: node, to: request.from, requestId: request.requestId, body: body as unknown as Json });
  }

  private rejectNotLeader(node: NodeId, request: ClientRequest): void {
    this.reply(node, request, { ok: false, leaderHint: this.cluster.node(node)?.leaderId() ?? null });
  }

  private store(node: NodeId): KvStore {
    return this.cluster.stateMachine(node) as KvStore;
  }

  private serverView(node: NodeId): ServerView {
    const raft = this.cluster.node(node)!;
    return { id: node, role: raft.role(), term: raft.term(), leaderId: raft.leaderId(), commitIndex: raft.commitIndex(), appliedIndex: this.cluster.appliedIndex(node) };
  }

  onServerRequest(node: NodeId, request: ClientRequest): void {
    const command = request.body as unknown as KvCommand;
    if (command.op.type === 'get' && this.options.readMode === 'read-index') {
      const plan: GetPlan = this.options.planGet === undefined ? 'read-index' : this.options.planGet(this.serverView(node));
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
    this.writes[node]!.set(pos.index, { term: pos.term, request });
  }

  onApplied(node: NodeId, entry: Entry, result: Json): void {
    const pending = this.writes[node]!;
    const w = pending.get(entry.index);
    if (w !== undefined) {
      pending.delete(entry.index);
      // A different term at that index means our entry was overwritten: the client must retry.
      if (entry.term === w.term) this.reply(node, w.request, { ok: true, value: result as KvResult });
      else this.rejectNotLeader(node, w.request);
    }
    const waiting = this.readsWaitingApply[node]!;
    if (waiting.length > 0) this.serveReads(node, waiting);
  }

  onReadState(node: NodeId, rs: ReadState): void {
    const r = this.readsInFlight.get(rs.requestId);
    if (r === undefined) return;
    this.readsInFlight.delete(rs.requestId);
    if (rs.index === null) return this.rejectNotLeader(node, r.request);
    r.index = rs.index;
    const waiting = this.readsWaitingApply[node]!;
    waiting.push(r);
    this.serveReads(node, waiting);
  }

  /** Raft §6.4 step 4: answer a read once the state machine has applied its read index. */
  private serveReads(node: NodeId, waiting: PendingRead[]): void {
    const applied = this.cluster.appliedIndex(node);
    const sm = this.store(node);
    let kept = 0;
    for (let i = 0; i < waiting.length; i++) {
      const r = waiting[i]!;
      if (r.index <= applied) {
        const cmd = r.request.body as unknown as KvCommand;
        this.reply(node, r.request, { ok: true, value: sm.get(cmd.op.key) });
      } else waiting[kept++] = r;
    }
    if (waiting.length !== kept) waiting.length = kept;
  }

  onLeadershipChange(node: NodeId): void {
    if (this.cluster.node(node)?.role() === 'leader') return;
    // Lost leadership: tell waiting clients to look elsewhere (their retry keeps the same seq).
    const pending = this.writes[node]!;
    for (const w of pending.values()) this.rejectNotLeader(node, w.request);
    pending.clear();
  }

  onCrash(node: NodeId): void {
    this.writes[node]!.clear();
    this.readsWaitingApply[node]!.length = 0;
    for (const [id, r] of this.readsInFlight) if (r.node === node) this.readsInFlight.delete(id);
  }
}
