/**
 * Lesson scenarios for the Raft playground, as timed actions found by probing the deterministic
 * run ("after a leader is elected, crash it"), plus captions that say what to watch.
 */
import type { NodeId } from '@/engine/raft/types';
import { agreedLeader, probe, PlaygroundRun, type PlaygroundAction, type RunOptions, type TimedAction } from './playground-run';

export const SCENARIOS = ['steady', 'leader-crash', 'partition-leader', 'split-vote', 'figure-8', 'figure-8-commit', 'rejoin-prevote'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Caption {
  atMs: number;
  text: string;
  /** The panel of the paper's Figure 8 this caption introduces (the Figure 8 scenarios only). */
  panel?: Figure8Panel;
}

export type Figure8Panel = 'a' | 'b' | 'c' | 'd' | 'e';

export interface ScenarioPlan {
  options: RunOptions;
  actions: TimedAction[];
  captions: Caption[];
  /** A note shown under the toolbar: split-vote's other seed, or the options a scenario overrides. */
  seedNote?: string;
}

export const SCENARIO_TITLES: Record<ScenarioName, string> = {
  steady: 'Steady state',
  'leader-crash': 'The leader crashes',
  'partition-leader': 'The leader is partitioned into a minority',
  'split-vote': 'A split vote',
  'figure-8': 'Figure 8: an old-term entry on a majority is overwritten',
  'figure-8-commit': 'Figure 8 (e): a current-term entry commits the old one',
  'rejoin-prevote': 'A partitioned follower rejoins (PreVote)',
};

const START: Caption = { atMs: 0, text: 'Every node starts as a follower in term 0. The first node whose randomized election timeout fires becomes a candidate.' };

function firstLeader(options: RunOptions, actions: TimedAction[] = [], fromMs = 0, among?: NodeId[]): { leader: NodeId; atMs: number; term: number } | null {
  const { run, atMs } = probe(options, actions, fromMs, 10_000, (r) => agreedLeader(r, among) !== null);
  if (atMs === null) return null;
  const leader = agreedLeader(run, among)!;
  return { leader, atMs, term: run.cluster.node(leader)!.term() };
}

/** Whether the first election of this seed splits: some term has two or more candidates and no leader. */
export function firstElectionSplits(options: RunOptions): boolean {
  const run = new PlaygroundRun(options, []);
  run.runTo(3000);
  const candidates = new Map<number, Set<number>>();
  const leaders = new Set<number>();
  for (const e of run.cluster.trace.events) {
    if (e.k !== 'role') continue;
    if (e.role === 'candidate') {
      if (!candidates.has(e.term)) candidates.set(e.term, new Set());
      candidates.get(e.term)!.add(e.node);
    }
    if (e.role === 'leader') leaders.add(e.term);
  }
  const first = Math.min(...candidates.keys());
  return Number.isFinite(first) && (candidates.get(first)?.size ?? 0) >= 2 && !leaders.has(first);
}

export function planScenario(name: ScenarioName, base: RunOptions): ScenarioPlan {
  const options = { ...base };
  switch (name) {
    case 'steady': {
      const l = firstLeader(options);
      if (l === null) return { options, actions: [], captions: [START] };
      const actions: TimedAction[] = [300, 900, 1500].map((d, i) => ({ atMs: l.atMs + d, action: { kind: 'propose', value: `x=${i + 1}` } }));
      return {
        options,
        actions,
        captions: [
          START,
          { atMs: l.atMs, text: `Node ${l.leader} won a majority of votes and leads term ${l.term}. It appends a no-op and sends heartbeats (empty AppendEntries) to hold its followers.` },
          { atMs: l.atMs + 300, text: 'Client requests go to the leader, which appends them and replicates them; an entry commits once a majority stores it.' },
        ],
      };
    }
    case 'leader-crash': {
      const l = firstLeader(options);
      if (l === null) return { options, actions: [], captions: [START] };
      const crashAt = l.atMs + 700;
      const actions: TimedAction[] = [
        { atMs: l.atMs + 250, action: { kind: 'propose', value: 'x=1' } },
        { atMs: crashAt, action: { kind: 'crash', node: l.leader } },
      ];
      const next = firstLeader(options, actions, crashAt + 10, options.nodes > 1 ? Array.from({ length: options.nodes }, (_, i) => i + 1).filter((id) => id !== l.leader) : undefined);
      return {
        options,
        actions,
        captions: [
          START,
          { atMs: l.atMs, text: `Node ${l.leader} is the leader of term ${l.term}.` },
          { atMs: crashAt, text: `Node ${l.leader}, the leader, crashes. Its heartbeats stop; each follower waits out its own randomized election timeout.` },
          ...(next ? [{ atMs: next.atMs, text: `Node ${next.leader} wins term ${next.term} with a majority of the surviving nodes. Committed entries survive: the winner's log was at least as up to date as a majority's. Restart node ${l.leader} to watch it rejoin as a follower.` }] : []),
        ],
      };
    }
    case 'partition-leader': {
      const l = firstLeader(options);
      if (l === null) return { options, actions: [], captions: [START] };
      const ids = Array.from({ length: options.nodes }, (_, i) => i + 1);
      const buddy = ids.find((id) => id !== l.leader)!;
      const minority = options.nodes >= 4 ? [l.leader, buddy] : [l.leader];
      const majority = ids.filter((id) => !minority.includes(id));
      const cutAt = l.atMs + 300;
      const actions: TimedAction[] = [
        { atMs: cutAt, action: { kind: 'partition', groups: [minority, majority] } },
        { atMs: cutAt + 200, action: { kind: 'propose', value: 'lost', node: l.leader } },
      ];
      const next = firstLeader(options, actions, cutAt + 10, majority);
      const captions: Caption[] = [
        START,
        { atMs: l.atMs, text: `Node ${l.leader} leads term ${l.term}.` },
        { atMs: cutAt, text: `The network splits: the leader ${l.leader} ends up in the minority {${minority.join(', ')}}. It still believes it leads, and accepts a client request ("lost") that it can never commit.` },
      ];
      if (next) {
        const healAt = next.atMs + 1200;
        actions.push({ atMs: next.atMs + 300, action: { kind: 'propose', value: 'kept', node: next.leader } }, { atMs: healAt, action: { kind: 'heal' } });
        captions.push(
          { atMs: next.atMs, text: `The majority {${majority.join(', ')}} elects node ${next.leader} in term ${next.term}; it commits new entries ("kept"). Two nodes now think they lead, in different terms.` },
          { atMs: healAt, text: `The partition heals. The old leader sees term ${next.term}, steps down, and its uncommitted "lost" entry is overwritten by the new leader's log.` },
        );
      }
      return { options, actions, captions };
    }
    case 'split-vote': {
      let seed = options.seed;
      for (let i = 0; i < 400 && !firstElectionSplits({ ...options, seed }); i++) seed++;
      const opts = { ...options, seed };
      const l = firstLeader(opts);
      return {
        options: opts,
        actions: [],
        seedNote: seed === options.seed ? undefined : `Seed ${seed}: the first seed from ${options.seed} on whose first election splits.`,
        captions: [
          START,
          { atMs: 1, text: 'Watch two nodes time out close together: both become candidates in the same term and split the votes, so nobody reaches a majority.' },
          ...(l ? [{ atMs: l.atMs, text: `A later timeout, randomized again, lets node ${l.leader} win term ${l.term}. Randomized timeouts make repeated splits unlikely.` }] : []),
        ],
      };
    }
    case 'figure-8':
    case 'figure-8-commit':
      return planFigure8(name, options);
    case 'rejoin-prevote': {
      const l = firstLeader(options);
      if (l === null) return { options, actions: [], captions: [START] };
      const ids = Array.from({ length: options.nodes }, (_, i) => i + 1);
      const f = ids.filter((id) => id !== l.leader).at(-1)!;
      const cutAt = l.atMs + 300;
      const healAt = cutAt + 3000;
      return {
        options,
        actions: [
          { atMs: cutAt, action: { kind: 'partition', groups: [[f], ids.filter((id) => id !== f)] } },
          { atMs: healAt, action: { kind: 'heal' } },
        ],
        captions: [
          START,
          { atMs: l.atMs, text: `Node ${l.leader} leads term ${l.term}. PreVote is ${options.preVote ? 'on' : 'off'}, CheckQuorum ${options.checkQuorum ? 'on' : 'off'}.` },
          options.preVote
            ? { atMs: cutAt, text: `Node ${f} is cut off. Its election timeouts fire, but with PreVote it first asks "would you vote for me?"; nobody answers, so its term does not grow.` }
            : { atMs: cutAt, text: `Node ${f} is cut off. Without PreVote every election timeout makes it a candidate in a new term: its term keeps growing.` },
          options.preVote
            ? { atMs: healAt, text: `The partition heals. Node ${f} rejoins in the old term and simply follows node ${l.leader}: no disruptive election. Turn PreVote off to compare.` }
            : { atMs: healAt, text: `The partition heals. Node ${f}'s higher term reaches the leader, which steps down: a needless election. Turn PreVote on to compare.` },
        ],
      };
    }
    default: {
      const never: never = name;
      throw new Error(`unknown scenario ${String(never)}`);
    }
  }
}

/**
 * Raft §5.4.2, Figure 8, replayed panel by panel on the reference engine with directed elections
 * (`timeout` actions) and without the election no-op, as in the paper. Node i is the paper's Si.
 * 'figure-8' ends in panel (d), the overwrite; 'figure-8-commit' ends in panel (e), the commit.
 * Times are fixed: every directed election completes (two one-way delays of at most 25 ms) long
 * before any undirected timeout (at least 300 ms after the last heartbeat) could fire.
 */
function planFigure8(name: 'figure-8' | 'figure-8-commit', base: RunOptions): ScenarioPlan {
  const options: RunOptions = { ...base, preVote: false, checkQuorum: false, noOpOnElection: false };
  const note = 'As in the paper, this scenario runs without the election no-op (Raft §8), PreVote or CheckQuorum, and elects the leaders it needs by expiring their election timers.';
  if (base.nodes !== 5) {
    return { options: base, actions: [], captions: [START, { atMs: 0, text: 'This scenario replays the five servers of the paper\'s Figure 8: choose 5 nodes.' }] };
  }
  const at = (atMs: number, action: PlaygroundAction): TimedAction => ({ atMs, action });
  const actions: TimedAction[] = [
    // Setup: S2 leads term 1 and commits x at index 1 everywhere.
    at(10, { kind: 'timeout', node: 2 }),
    at(150, { kind: 'propose', value: 'x', node: 2 }),
    // (a) S1 wins term 2 and replicates y (index 2, term 2) to S2 only.
    at(400, { kind: 'timeout', node: 1 }),
    at(500, { kind: 'partition', groups: [[1, 2], [3, 4, 5]] }),
    at(500, { kind: 'propose', value: 'y', node: 1 }),
    // (b) S1 crashes; S5 wins term 3 (S3, S4, S5) and appends z at index 2 before crashing.
    at(600, { kind: 'crash', node: 1 }),
    at(600, { kind: 'heal' }),
    at(610, { kind: 'timeout', node: 5 }),
    at(700, { kind: 'partition', groups: [[1, 2, 3, 4], [5]] }),
    at(700, { kind: 'propose', value: 'z', node: 5 }),
    // (c) S5 and S4 go down; S1 restarts, wins term 4 and copies y to S3: a majority, not committed.
    at(800, { kind: 'crash', node: 5 }),
    at(800, { kind: 'crash', node: 4 }),
    at(800, { kind: 'heal' }),
    at(800, { kind: 'restart', node: 1 }),
    at(810, { kind: 'timeout', node: 1 }),
    at(870, { kind: 'timeout', node: 1 }),
  ];
  const captions: Caption[] = [
    { atMs: 0, text: 'Figure 8 of the Raft paper (§5.4.2), replayed: node i is the paper\'s Si. First, node 2 wins term 1 and commits x at index 1 on all five logs.' },
    { atMs: 400, panel: 'a', text: '(a) Node 1 wins term 2. The network then cuts it off with node 2 only, and it appends y at index 2 (term 2): y reaches node 2 and nobody else.' },
    { atMs: 600, panel: 'b', text: '(b) Node 1 crashes. Node 5 wins term 3 with votes from nodes 3, 4 and itself (node 2 refuses: its log ends in term 2, newer than node 5\'s). Cut off, node 5 appends z at index 2 (term 3) that only it stores.' },
    {
      atMs: 800,
      panel: 'c',
      text: '(c) Node 5 crashes (node 4 is down too). Node 1 restarts in term 2; its first campaign, in term 3, fails (node 3 already voted for node 5 in term 3 and nodes 4 and 5 are down), so it tries again and wins term 4 with votes from nodes 2 and 3. It copies y to node 3: y (term 2) is now on a majority (1, 2, 3), yet commit stays at 1. A leader commits by counting replicas only entries of its own term.',
    },
  ];
  const d = 1100;
  if (name === 'figure-8') {
    actions.push(
      at(d, { kind: 'partition', groups: [[1], [2, 3, 4, 5]] }),
      at(d, { kind: 'propose', value: 'w', node: 1 }),
      at(d + 10, { kind: 'crash', node: 1 }),
      // Restart only once node 1's last messages have landed (at most 25 ms), so none reaches 4 or 5.
      at(d + 30, { kind: 'heal' }),
      at(d + 30, { kind: 'restart', node: 4 }),
      at(d + 30, { kind: 'restart', node: 5 }),
      at(d + 40, { kind: 'timeout', node: 5 }),
      at(d + 100, { kind: 'timeout', node: 5 }),
    );
    captions.push(
      { atMs: d, text: 'Node 1 appends w at index 3 (term 4), but it is cut off: w stays on node 1 alone. Then node 1 crashes; nodes 4 and 5 restart.' },
      {
        atMs: d + 40,
        panel: 'd',
        text: '(d) Node 5 campaigns: term 4 fails (nodes 2 and 3 voted for node 1), then it wins term 5 with votes from nodes 2, 3 and 4, because its last entry (term 3) is newer than theirs (term 2, term 1). As leader it overwrites index 2 on every live log with z: y was on a majority and is gone. Had node 1 counted y as committed, a committed entry would have been lost.',
      },
    );
  } else {
    actions.push(
      at(d, { kind: 'propose', value: 'w', node: 1 }),
      at(d + 300, { kind: 'crash', node: 1 }),
      at(d + 330, { kind: 'restart', node: 4 }),
      at(d + 330, { kind: 'restart', node: 5 }),
      at(d + 340, { kind: 'timeout', node: 5 }),
      at(d + 400, { kind: 'timeout', node: 5 }),
    );
    captions.push(
      {
        atMs: d,
        panel: 'e',
        text: '(e) Instead, node 1 appends w at index 3 (term 4) and replicates it to nodes 2 and 3. w is from node 1\'s own term and on a majority, so node 1 commits index 3, and index 2 (y) with it.',
      },
      {
        atMs: d + 300,
        text: 'Node 1 crashes; nodes 4 and 5 restart. Node 5 campaigns in terms 4 and 5 but nodes 2 and 3 refuse: their last entry (term 4) is newer than its (term 3). Only a node holding w can win, so y and w survive and node 5\'s z is overwritten.',
      },
    );
  }
  return { options, actions, captions, seedNote: note };
}
