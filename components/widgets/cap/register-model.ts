/**
 * A replicated register with three replicas, for the CAP sandbox. Pure and deterministic: a reducer
 * over plain data; the only randomness (which peer a replica gossips with after a heal) comes from
 * engine/sim's seeded Prng.
 *
 * CP: reads and writes need a majority (2 of 3) reachable from the replica that takes them; a
 *     replica cut off in a minority refuses both, so no answer is ever stale.
 * AP: every replica answers from its own copy and accepts writes locally; writes reach only the
 *     replicas it can talk to, so a partitioned read can be stale, and concurrent writes on both
 *     sides are resolved by last-writer-wins once the partition heals (anti-entropy rounds).
 */
import { Prng } from '@/engine/sim/prng';

export const REPLICAS = ['A', 'B', 'C'] as const;
export type ReplicaId = (typeof REPLICAS)[number];
export type Mode = 'CP' | 'AP';

/** A version orders writes: higher counter wins, ties broken by replica id (last-writer-wins). */
export interface Version {
  counter: number;
  replica: ReplicaId | '-';
}

export interface ReplicaState {
  value: string | null;
  version: Version;
}

export type OpOutcome = 'ok' | 'stale' | 'refused';

export type OpNote =
  | { key: 'noQuorumWrite' | 'noQuorumRead'; at: ReplicaId; peers: ReplicaId[] }
  | { key: 'committed' | 'acceptedOnly' | 'quorumRead'; peers: ReplicaId[] }
  | { key: 'replicatedAll' | 'localNewest' }
  | { key: 'newer'; value: string; version: string };

export interface OpRecord {
  seq: number;
  kind: 'read' | 'write';
  at: ReplicaId;
  /** Written value, or value read (null when refused or nothing written yet). */
  value: string | null;
  outcome: OpOutcome;
  /** Why, as a key of widgets.cap.notes and its values ("no quorum: A reaches only A", …); the widget puts it into words. */
  note: OpNote;
  /** Version of a successful write. */
  version?: Version;
}

export interface CapState {
  mode: Mode;
  seed: number;
  replicas: Record<ReplicaId, ReplicaState>;
  /** The replica cut off from the other two, or null when the network is whole. */
  isolated: ReplicaId | null;
  /** Anti-entropy rounds run since the last heal (AP). */
  rounds: number;
  history: OpRecord[];
  /** The newest acknowledged write in version order (the one last-writer-wins keeps): a read returning anything older is stale. */
  latest: { value: string; version: Version } | null;
  nextValue: number;
}

export type CapAction =
  | { type: 'read'; at: ReplicaId }
  | { type: 'write'; at: ReplicaId }
  | { type: 'cut'; replica: ReplicaId }
  | { type: 'heal' }
  | { type: 'gossip' }
  | { type: 'mode'; mode: Mode }
  | { type: 'reset'; seed?: number };

const NO_VERSION: Version = { counter: 0, replica: '-' };

export function initialState(mode: Mode = 'CP', seed = 1): CapState {
  const empty = (): ReplicaState => ({ value: null, version: NO_VERSION });
  return { mode, seed, replicas: { A: empty(), B: empty(), C: empty() }, isolated: null, rounds: 0, history: [], latest: null, nextValue: 1 };
}

export function compareVersions(a: Version, b: Version): number {
  return a.counter - b.counter || (a.replica === b.replica ? 0 : a.replica < b.replica ? -1 : 1);
}

export function reachable(s: CapState, from: ReplicaId): ReplicaId[] {
  if (s.isolated === null) return [...REPLICAS];
  if (from === s.isolated) return [from];
  return REPLICAS.filter((r) => r !== s.isolated);
}

export function hasQuorum(s: CapState, at: ReplicaId): boolean {
  return reachable(s, at).length * 2 > REPLICAS.length;
}

export function converged(s: CapState): boolean {
  const [a, ...rest] = REPLICAS.map((r) => s.replicas[r]);
  return rest.every((x) => compareVersions(x.version, a!.version) === 0);
}

export function formatVersion(v: Version): string {
  return v.counter === 0 ? '—' : `${v.counter}·${v.replica}`;
}

function record(s: CapState, op: Omit<OpRecord, 'seq'>): CapState {
  return { ...s, history: [...s.history, { ...op, seq: s.history.length + 1 }] };
}

function newest(s: CapState, among: readonly ReplicaId[]): ReplicaState {
  return among.map((r) => s.replicas[r]).reduce((best, x) => (compareVersions(x.version, best.version) > 0 ? x : best));
}

export function capReducer(s: CapState, a: CapAction): CapState {
  switch (a.type) {
    case 'reset':
      return initialState(s.mode, a.seed ?? s.seed);
    case 'mode':
      return initialState(a.mode, s.seed);
    case 'cut':
      return { ...s, isolated: a.replica, rounds: 0 };
    case 'heal': {
      if (s.isolated === null) return s;
      if (s.mode === 'CP') {
        // The majority's state is authoritative; the returning replica catches up at once.
        const best = newest(s, REPLICAS.filter((r) => r !== s.isolated));
        const replicas = { ...s.replicas, [s.isolated]: { ...best } };
        return { ...s, isolated: null, replicas, rounds: 0 };
      }
      return { ...s, isolated: null, rounds: 0 };
    }
    case 'gossip': {
      // One anti-entropy round: each replica, in a seeded order, exchanges state with a seeded random reachable peer; the higher version wins on both.
      if (converged(s)) return s;
      const prng = new Prng(`${s.seed}/gossip/${s.history.length}/${s.rounds}`);
      const replicas = { ...s.replicas };
      for (const r of prng.shuffled(REPLICAS)) {
        const peers = reachable({ ...s, replicas }, r).filter((p) => p !== r);
        if (peers.length === 0) continue;
        const p = peers[prng.int(peers.length)]!;
        const win = compareVersions(replicas[r].version, replicas[p].version) >= 0 ? replicas[r] : replicas[p];
        replicas[r] = { ...win };
        replicas[p] = { ...win };
      }
      return { ...s, replicas, rounds: s.rounds + 1 };
    }
    case 'write': {
      const value = `x=${s.nextValue}`;
      const peers = reachable(s, a.at);
      if (s.mode === 'CP' && !hasQuorum(s, a.at)) {
        return record({ ...s, nextValue: s.nextValue + 1 }, { kind: 'write', at: a.at, value, outcome: 'refused', note: { key: 'noQuorumWrite', at: a.at, peers } });
      }
      const base = newest(s, peers);
      const version: Version = { counter: base.version.counter + 1, replica: a.at };
      const replicas = { ...s.replicas };
      for (const r of peers) replicas[r] = { value, version };
      // AP: a write on the other side of the partition may already carry a higher version; LWW will keep that one and silently drop this acknowledged write.
      const latest = s.latest === null || compareVersions(version, s.latest.version) > 0 ? { value, version } : s.latest;
      const next: CapState = { ...s, replicas, latest, nextValue: s.nextValue + 1 };
      const note: OpNote = s.mode === 'CP' ? { key: 'committed', peers } : peers.length === REPLICAS.length ? { key: 'replicatedAll' } : { key: 'acceptedOnly', peers };
      return record(next, { kind: 'write', at: a.at, value, outcome: 'ok', note, version });
    }
    case 'read': {
      const peers = reachable(s, a.at);
      if (s.mode === 'CP') {
        if (!hasQuorum(s, a.at)) return record(s, { kind: 'read', at: a.at, value: null, outcome: 'refused', note: { key: 'noQuorumRead', at: a.at, peers } });
        const best = newest(s, peers);
        return record(s, { kind: 'read', at: a.at, value: best.value, outcome: 'ok', note: { key: 'quorumRead', peers } });
      }
      const local = s.replicas[a.at];
      const stale = s.latest !== null && compareVersions(local.version, s.latest.version) < 0;
      return record(s, {
        kind: 'read',
        at: a.at,
        value: local.value,
        outcome: stale ? 'stale' : 'ok',
        note: stale ? { key: 'newer', value: s.latest!.value, version: formatVersion(s.latest!.version) } : { key: 'localNewest' },
      });
    }
    default: {
      const never: never = a;
      return never;
    }
  }
}

/**
 * Acknowledged writes that last-writer-wins throws away: a write w is lost when a write acknowledged
 * before it carries a higher version (it was made on the other side of a partition). Once the
 * replicas converge, no replica holds w and no read will ever return it again.
 */
export function lostWrites(s: CapState): OpRecord[] {
  const writes = s.history.filter((o) => o.kind === 'write' && o.outcome === 'ok' && o.version !== undefined);
  return writes.filter((w, i) => writes.slice(0, i).some((u) => compareVersions(u.version!, w.version!) > 0));
}
