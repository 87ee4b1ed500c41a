/**
 * Server-only: generated programs for the differential property tests of the store. A program is
 * one committed log (clients numbering their commands 1, 2, 3, …; retries and late duplicates
 * carry an old command again, exactly as it was; no-ops from new leaders) and a schedule for 2 or 3
 * servers at once: each applies the log in order at its own pace, takes snapshots, restores one
 * (restarted from scratch from a copy, or installed over its current state, newer or older, from
 * the object snapshot() returned), and answers gets.
 * The same program runs on your KvStore and on the engine's reference state machine; the first
 * answer that differs fails the case, and fast-check shrinks the program to a minimal one.
 */
import { fc } from '../../grader/harness/property';
import { KvStateMachine } from '../../engine/raft/kv/kv-state-machine';
import type { Entry, Json, KvCommand, KvOp, KvStateMachine as Store } from './api';

const KEYS = ['a', 'b', 'c'] as const;

interface LogPick {
  readonly client: number; // 0: a leader's no-op
  readonly kind: 'new' | 'new' | 'retry' | 'late';
  readonly pick: number;
  readonly op: 'get' | 'put' | 'append';
  readonly key: number;
}

type Action =
  | { readonly kind: 'advance'; readonly store: number; readonly count: number }
  | { readonly kind: 'snapshot'; readonly store: number }
  | { readonly kind: 'restore'; readonly store: number; readonly pick: number; readonly restart: boolean }
  | { readonly kind: 'get'; readonly store: number; readonly key: number };

export interface Program {
  readonly stores: number;
  readonly log: readonly Entry[];
  readonly actions: readonly Action[];
}

/** Turns generated picks into a log a real cluster could commit: a retry or late duplicate repeats an earlier command unchanged. */
function buildLog(picks: readonly LogPick[]): Entry[] {
  const sent = new Map<number, KvCommand[]>();
  return picks.map((p, k): Entry => {
    const index = k + 1;
    if (p.client === 0) return { index, term: 1, data: null };
    const mine = sent.get(p.client) ?? [];
    sent.set(p.client, mine);
    let cmd: KvCommand;
    if (p.kind === 'retry' && mine.length > 0) cmd = mine[mine.length - 1]!;
    else if (p.kind === 'late' && mine.length > 1) cmd = mine[p.pick % (mine.length - 1)]!;
    else {
      const seq = mine.length + 1;
      const key = KEYS[p.key]!;
      const op: KvOp = p.op === 'get' ? { type: 'get', key } : { type: p.op, key, value: `${p.client}.${seq};` };
      cmd = { clientId: p.client, seq, op };
      mine.push(cmd);
    }
    return { index, term: 1, data: cmd as unknown as Json };
  });
}

/** Programs for 2 or 3 servers; without `snapshots`, the servers only apply and answer gets. */
export const program = (snapshots: boolean): fc.Arbitrary<Program> => fc.integer({ min: 2, max: 3 }).chain((stores) =>
  fc.record({
    stores: fc.constant(stores),
    log: fc
      .array(
        fc.record({
          client: fc.constantFrom(0, 1, 1, 2, 2, 3, 4),
          kind: fc.constantFrom<LogPick['kind']>('new', 'new', 'retry', 'late'),
          pick: fc.nat({ max: 20 }),
          op: fc.constantFrom<LogPick['op']>('get', 'put', 'append', 'append'),
          key: fc.integer({ min: 0, max: KEYS.length - 1 }),
        }),
        { maxLength: 24 },
      )
      .map(buildLog),
    actions: fc.array(
      fc.oneof(
        { weight: 5, arbitrary: fc.record({ kind: fc.constant('advance' as const), store: fc.nat({ max: stores - 1 }), count: fc.integer({ min: 1, max: 5 }) }) },
        { weight: snapshots ? 2 : 0, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), store: fc.nat({ max: stores - 1 }) }) },
        { weight: snapshots ? 2 : 0, arbitrary: fc.record({ kind: fc.constant('restore' as const), store: fc.nat({ max: stores - 1 }), pick: fc.nat({ max: 20 }), restart: fc.boolean() }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('get' as const), store: fc.nat({ max: stores - 1 }), key: fc.integer({ min: 0, max: KEYS.length - 1 }) }) },
      ),
      { minLength: 1, maxLength: 30 },
    ),
  }),
);

function showEntry(e: Entry): string {
  if (e.data === null) return `#${e.index} no-op`;
  const c = e.data as unknown as KvCommand;
  const op = c.op.type === 'get' ? `get(${c.op.key})` : `${c.op.type}(${c.op.key}, ${JSON.stringify(c.op.value)})`;
  return `#${e.index} client ${c.clientId} seq ${c.seq} ${op}`;
}

export function describeProgram(p: Program): string {
  const acts = p.actions.map((a) => {
    const s = `S${a.store + 1}`;
    if (a.kind === 'advance') return `${s} applies ${a.count}`;
    if (a.kind === 'snapshot') return `${s} snapshot`;
    if (a.kind === 'restore') return `${s} ${a.restart ? 'restarts from' : 'installs'} snapshot pick ${a.pick}`;
    return `${s}.get(${KEYS[a.key]})`;
  });
  return `${p.stores} servers; log [${p.log.map(showEntry).join(', ')}]; steps [${acts.join(', ')}]`;
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

interface Server {
  mine: Store;
  ref: KvStateMachine;
  /** How many log entries this server has applied. */
  applied: number;
  /** Each client's last applied seq, as the reference's sessions hold it. */
  last: Map<number, number>;
}

/**
 * Runs the program on your store and on the reference side by side; throws with the story so far
 * at the first answer that differs. The answer to a late duplicate (older than the client's last
 * command) is not compared: no client is waiting for it, and the lab leaves it open.
 */
export function runProgram(p: Program, newStore: () => Store): void {
  const story: string[] = [];
  const servers: Server[] = Array.from({ length: p.stores }, () => ({ mine: newStore(), ref: new KvStateMachine(), applied: 0, last: new Map<number, number>() }));
  const snapshots: { mine: Json; ref: Json; taken: string; applied: number; last: Map<number, number>; from: number }[] = [];
  const differ = (what: string, got: unknown, want: unknown): never => {
    const tail = story.slice(-5).join('; ');
    // Advice only for what was seen: a snapshot object that changed after snapshot() returned it.
    const changed = snapshots.findIndex((x) => (JSON.stringify(x.mine) ?? 'undefined') !== x.taken);
    const why = changed < 0 ? '' : ` Snapshot ${changed + 1} changed after snapshot() returned it: return a copy, not a live view, and have restore() copy what it is given, not adopt it (the engine keeps that object and hands it to other servers).`;
    throw new Error(`${what} returned ${JSON.stringify(got)}, expected ${JSON.stringify(want)}.${why} After: ${tail === '' ? 'nothing' : tail}.`);
  };
  const compareKeys = (s: Server, k: number, when: string): void => {
    for (const key of KEYS) {
      const got = s.mine.get(key);
      const want = s.ref.get(key);
      if (got !== want) differ(`S${k + 1}.get(${key}) ${when}`, got, want);
    }
  };
  const advance = (s: Server, k: number, count: number): void => {
    for (let n = 0; n < count && s.applied < p.log.length; n++) {
      const e = p.log[s.applied]!;
      const cmd = e.data as unknown as KvCommand | null;
      const last = cmd === null ? undefined : s.last.get(cmd.clientId);
      const late = cmd !== null && last !== undefined && cmd.seq < last;
      if (cmd !== null && (last === undefined || cmd.seq > last)) s.last.set(cmd.clientId, cmd.seq);
      const got = s.mine.apply(copy(e));
      const want = s.ref.apply(copy(e));
      s.applied++;
      if (!late && got !== want) differ(`S${k + 1}.apply(${showEntry(e)})`, got, want);
      story.push(`S${k + 1} applied ${showEntry(e)}${late ? ' (a late duplicate)' : ''}`);
    }
  };
  p.actions.forEach((a) => {
    const s = servers[a.store]!;
    const k = a.store;
    if (a.kind === 'advance') advance(s, k, a.count);
    else if (a.kind === 'snapshot') {
      // Kept as returned: restored later, so a live view of the store would show later state.
      const mine = s.mine.snapshot();
      snapshots.push({ mine, ref: s.ref.snapshot(), taken: JSON.stringify(mine) ?? 'undefined', applied: s.applied, last: new Map(s.last), from: k });
      story.push(`S${k + 1} took snapshot ${snapshots.length} through #${s.applied}`);
    } else if (a.kind === 'restore') {
      if (snapshots.length === 0) return;
      const snap = snapshots[a.pick % snapshots.length]!;
      if (a.restart) {
        s.mine = newStore();
        s.ref = new KvStateMachine();
      }
      // A restart reads the snapshot back from disk (a copy); InstallSnapshot hands over the very object the
      // engine keeps and may hand to other servers too, as the cluster does, so the store must not adopt it.
      s.mine.restore(a.restart ? copy(snap.mine) : snap.mine);
      s.ref.restore(copy(snap.ref));
      const older = !a.restart && snap.applied < s.applied;
      s.applied = snap.applied;
      s.last = new Map(snap.last);
      story.push(`S${k + 1} ${a.restart ? 'restarted and restored' : older ? 'installed an OLDER' : 'installed'} snapshot ${snapshots.indexOf(snap) + 1} (of S${snap.from + 1}, through #${snap.applied})`);
      compareKeys(s, k, 'right after that restore');
    } else {
      const key = KEYS[a.key]!;
      const got = s.mine.get(key);
      const want = s.ref.get(key);
      if (got !== want) differ(`S${k + 1}.get(${key})`, got, want);
      story.push(`S${k + 1}.get(${key}) = ${JSON.stringify(want)}`);
    }
  });
  servers.forEach((s, k) => {
    advance(s, k, p.log.length);
    compareKeys(s, k, 'after applying the whole log');
  });
}
