/**
 * The Raft playground's world: engine/sim's RaftCluster running engine/raft's reference engine (the one
 * that grades the labs), with engine/check's invariant checker attached, driven by a list of timed
 * user actions. A run is a pure function of (options, actions, seed): acting at an earlier moment
 * rebuilds the run from scratch with the new action list, so scrubbing back and acting again
 * rewrites the future deterministically.
 */
import { RaftInvariantChecker } from '@/engine/raft/raft-invariants';
import type { Json, NodeId, Role } from '@/engine/raft/types';
import type { NetworkProfile } from '@/engine/sim/network-profile';
import { RaftCluster } from '@/engine/raft/cluster/raft-cluster';

export type PlaygroundAction =
  | { kind: 'crash'; node: NodeId }
  | { kind: 'restart'; node: NodeId }
  /** Two sides; an empty side means the network is whole. */
  | { kind: 'partition'; groups: NodeId[][] }
  | { kind: 'heal' }
  /** A client request: propose at `node`, or at the current leader when omitted. */
  | { kind: 'propose'; value: string; node?: NodeId }
  /** Drop the next message sent on the link from → to. */
  | { kind: 'drop-next'; from: NodeId; to: NodeId }
  /** Expire `node`'s election timer now, so it campaigns (directed elections in scripted scenarios). */
  | { kind: 'timeout'; node: NodeId };

export interface TimedAction {
  atMs: number;
  action: PlaygroundAction;
}

export interface RunOptions {
  nodes: number;
  seed: number;
  preVote: boolean;
  checkQuorum: boolean;
  /** Raft §8 no-op on election; default true (the Figure 8 scenarios turn it off, as in the paper). */
  noOpOnElection?: boolean;
}

export interface EntryView {
  index: number;
  term: number;
  data: string | null;
}

export interface NodeView {
  id: NodeId;
  up: boolean;
  role: Role;
  term: number;
  votedFor: NodeId | null;
  leaderId: NodeId | null;
  commit: number;
  lastIndex: number;
  /** The last LOG_TAIL entries. */
  entries: EntryView[];
}

export interface Frame {
  t: number;
  nodes: NodeView[];
}

/** What an action did, as a key and values that the widget puts into words (widgets.raft.results.*). */
export type ResultKey =
  | 'dropped'
  | 'crashed'
  | 'restarted'
  | 'healed'
  | 'partition'
  | 'refusedNoLeader'
  | 'refusedDown'
  | 'refusedNotLeader'
  | 'proposed'
  | 'timeoutDown'
  | 'timeoutLeads'
  | 'timeoutFired'
  | 'dropArmed';

export interface ActionResult {
  atMs: number;
  key: ResultKey;
  values: Record<string, string | number>;
  ok: boolean;
}

export const LOG_TAIL = 12;
export const MAX_RUN_MS = 120_000;
/** The simulation runs this far ahead of what is shown, so every message on screen has a known arrival. */
export const LOOKAHEAD_MS = 60;

/** A LAN slowed down so single messages can be followed: 10–25 ms one-way, nothing lost. */
export const PLAYGROUND_NETWORK: NetworkProfile = {
  name: 'playground',
  dropRequestPerMille: 0,
  dropReplyPerMille: 0,
  delayMsMin: 10,
  delayMsMax: 25,
  duplicatePerMille: 0,
  reorderReplyPerMille: 0,
  reorderDelayMsMin: 0,
  reorderDelayMsMax: 0,
};

const DROP_ALL: NetworkProfile = { ...PLAYGROUND_NETWORK, name: 'drop-next', dropRequestPerMille: 1000, dropReplyPerMille: 1000 };

function dataText(d: Json): string | null {
  if (d === null) return null;
  return typeof d === 'string' ? d : JSON.stringify(d);
}

export class PlaygroundRun {
  readonly cluster: RaftCluster;
  readonly checker: RaftInvariantChecker;
  readonly frames: Frame[] = [];
  readonly results: ActionResult[] = [];
  private pending: TimedAction[];
  private armedDrops: { from: NodeId; to: NodeId }[] = [];
  private scanned = 0;

  constructor(
    readonly options: RunOptions,
    readonly actions: readonly TimedAction[],
  ) {
    this.cluster = new RaftCluster({
      nodes: options.nodes,
      seed: options.seed,
      preVote: options.preVote,
      checkQuorum: options.checkQuorum,
      noOpOnElection: options.noOpOnElection ?? true,
      network: PLAYGROUND_NETWORK,
      trace: 'full',
    });
    this.checker = new RaftInvariantChecker(this.cluster.trace);
    this.cluster.addObserver(this.checker);
    this.pending = [...actions].sort((a, b) => a.atMs - b.atMs);
    this.record();
  }

  nowMs(): number {
    return this.cluster.nowMs();
  }

  /** Run the cluster up to `ms` (capped at MAX_RUN_MS), applying actions at their exact times. */
  runTo(ms: number): void {
    // The virtual clock counts whole milliseconds.
    const target = Math.floor(Math.min(ms, MAX_RUN_MS));
    while (this.cluster.nowMs() < target) {
      const next = this.pending[0];
      const stop = next !== undefined && next.atMs <= target ? Math.max(next.atMs, this.cluster.nowMs()) : target;
      this.cluster.runUntil(() => this.afterEvent(), stop - this.cluster.nowMs());
      this.record();
      while (this.pending[0] !== undefined && this.pending[0].atMs <= this.cluster.nowMs()) {
        this.apply(this.pending.shift()!);
        this.afterEvent();
        this.record();
      }
      if (next === undefined || next.atMs > target) break;
    }
  }

  /** Called after every simulator event: disarm a "drop next" once its message went, record state changes. Never stops the run. */
  private afterEvent(): boolean {
    const ev = this.cluster.trace.events;
    if (this.armedDrops.length > 0) {
      for (let i = this.scanned; i < ev.length; i++) {
        const e = ev[i]!;
        if (e.k !== 'send') continue;
        const k = this.armedDrops.findIndex((d) => d.from === e.from && d.to === e.to);
        if (k >= 0) {
          const d = this.armedDrops.splice(k, 1)[0]!;
          this.cluster.network.setLinkProfile(d.from, d.to, null);
          this.results.push({ atMs: e.t, key: 'dropped', values: { type: e.type, from: d.from, to: d.to }, ok: true });
        }
      }
    }
    this.scanned = ev.length;
    this.record();
    return false;
  }

  private apply({ atMs, action }: TimedAction): void {
    const c = this.cluster;
    const say = (key: ResultKey, values: Record<string, string | number> = {}, ok = true): void => {
      this.results.push({ atMs, key, values, ok });
    };
    switch (action.kind) {
      case 'crash':
        c.crash(action.node);
        return say('crashed', { node: action.node });
      case 'restart':
        c.restart(action.node);
        return say('restarted', { node: action.node });
      case 'partition':
        if (action.groups.filter((g) => g.length > 0).length < 2) {
          c.heal();
          return say('healed');
        }
        c.partition(action.groups);
        return say('partition', { groups: action.groups.map((g) => `{${g.join(', ')}}`).join(' | ') });
      case 'heal':
        c.heal();
        return say('healed');
      case 'propose': {
        const at = action.node ?? c.leader();
        if (at === null) return say('refusedNoLeader', { value: action.value }, false);
        if (!c.isUp(at)) return say('refusedDown', { value: action.value, node: at }, false);
        const pos = c.propose(action.value, at);
        if (pos === null) return say('refusedNotLeader', { value: action.value, node: at }, false);
        return say('proposed', { value: action.value, node: at, index: pos.index, term: pos.term });
      }
      case 'timeout': {
        if (!c.isUp(action.node)) return say('timeoutDown', { node: action.node }, false);
        if (!c.expireElectionTimer(action.node)) return say('timeoutLeads', { node: action.node }, false);
        return say('timeoutFired', { node: action.node, term: c.node(action.node)!.term() });
      }
      case 'drop-next':
        c.network.setLinkProfile(action.from, action.to, DROP_ALL);
        this.armedDrops.push({ from: action.from, to: action.to });
        return say('dropArmed', { from: action.from, to: action.to });
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }

  private view(id: NodeId): NodeView {
    const n = this.cluster.node(id);
    if (n === null) {
      const prev = this.frames.at(-1)?.nodes.find((v) => v.id === id);
      return { id, up: false, role: 'follower', term: prev?.term ?? 0, votedFor: null, leaderId: null, commit: prev?.commit ?? 0, lastIndex: prev?.lastIndex ?? 0, entries: prev?.entries ?? [] };
    }
    const log = n.log();
    const last = log.lastIndex();
    const from = Math.max(log.firstIndex(), last - LOG_TAIL + 1);
    const entries = from <= last ? log.slice(from, last + 1).map((e) => ({ index: e.index, term: e.term, data: dataText(e.data) })) : [];
    return { id, up: true, role: n.role(), term: n.term(), votedFor: n.votedFor(), leaderId: n.leaderId(), commit: n.commitIndex(), lastIndex: last, entries };
  }

  /** Append a frame when any node's visible state changed. */
  private record(): void {
    const t = this.cluster.nowMs();
    const prev = this.frames.at(-1);
    const same = (a: NodeView, b: NodeView) => a.up === b.up && a.role === b.role && a.term === b.term && a.commit === b.commit && a.lastIndex === b.lastIndex && a.votedFor === b.votedFor && a.leaderId === b.leaderId && a.entries.at(-1)?.term === b.entries.at(-1)?.term;
    if (prev !== undefined) {
      // Cheap check first: only build views when something could have changed.
      let changed = false;
      for (const id of this.cluster.ids) {
        const n = this.cluster.node(id);
        const p = prev.nodes[id - 1]!;
        if (n === null ? p.up : !p.up || n.role() !== p.role || n.term() !== p.term || n.commitIndex() !== p.commit || n.log().lastIndex() !== p.lastIndex || n.votedFor() !== p.votedFor || n.leaderId() !== p.leaderId || n.log().lastTerm() !== (p.entries.at(-1)?.term ?? n.log().lastTerm())) {
          changed = true;
          break;
        }
      }
      if (!changed) return;
    }
    const nodes = this.cluster.ids.map((id) => this.view(id));
    if (prev !== undefined && nodes.every((v, i) => same(v, prev.nodes[i]!))) return;
    if (prev !== undefined && prev.t === t) prev.nodes = nodes;
    else this.frames.push({ t, nodes });
  }

  /** The cluster as it was at time t (the last frame at or before t). */
  frameAt(t: number): Frame {
    let lo = 0;
    let hi = this.frames.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.frames[mid]!.t <= t) lo = mid;
      else hi = mid - 1;
    }
    return this.frames[lo]!;
  }

  /** The leader a majority of live nodes agree on at time t, from the recorded frames. */
  leaderAt(t: number): NodeView | null {
    const f = this.frameAt(t);
    const leaders = f.nodes.filter((n) => n.up && n.role === 'leader').sort((a, b) => b.term - a.term);
    return leaders[0] ?? null;
  }
}

/** Run with `actions` until `done(run)` holds (checked every 10 ms) or `timeoutMs` passes; returns the time or null. */
export function probe(options: RunOptions, actions: readonly TimedAction[], fromMs: number, timeoutMs: number, done: (run: PlaygroundRun) => boolean): { run: PlaygroundRun; atMs: number | null } {
  const run = new PlaygroundRun(options, actions);
  run.runTo(fromMs);
  for (let t = fromMs; t <= fromMs + timeoutMs; t += 10) {
    run.runTo(t);
    if (done(run)) return { run, atMs: t };
  }
  return { run, atMs: null };
}

/** A single agreed leader: every live node in `among` follows it in its term. */
export function agreedLeader(run: PlaygroundRun, among?: readonly NodeId[]): NodeId | null {
  return run.cluster.agreedLeader(among);
}
