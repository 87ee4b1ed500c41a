/**
 * Lesson scenarios for the Raft playground, as timed actions found by probing the deterministic
 * run ("after a leader is elected, crash it"), plus captions that say what to watch.
 */
import type { NodeId } from '@/engine/raft/types';
import { agreedLeader, probe, PlaygroundRun, type PlaygroundAction, type RunOptions, type TimedAction } from './playground-run';

export const SCENARIOS = ['steady', 'leader-crash', 'partition-leader', 'split-vote', 'figure-8', 'figure-8-commit', 'rejoin-prevote'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** What to watch, as a key of widgets.raft.captions and its values (the widget puts it into words). */
export type CaptionKey =
  | 'start'
  | 'steadyElected'
  | 'steadyRequests'
  | 'crashLeads'
  | 'crashCrashes'
  | 'crashNext'
  | 'partitionLeads'
  | 'partitionSplit'
  | 'partitionElected'
  | 'partitionHeal'
  | 'splitWatch'
  | 'splitWon'
  | 'rejoinLeads'
  | 'rejoinCutPreVote'
  | 'rejoinCutNoPreVote'
  | 'rejoinHealPreVote'
  | 'rejoinHealNoPreVote'
  | 'figure8NeedsFive'
  | 'figure8Setup'
  | 'figure8A'
  | 'figure8B'
  | 'figure8C'
  | 'figure8W'
  | 'figure8D'
  | 'figure8E'
  | 'figure8EAfter';

export interface Caption {
  atMs: number;
  key: CaptionKey;
  /** Node ids and terms; `preVote`/`checkQuorum` are booleans the widget words as on/off. */
  values?: Record<string, number | string | boolean>;
  /** The panel of the paper's Figure 8 this caption introduces (the Figure 8 scenarios only). */
  panel?: Figure8Panel;
}

export type Figure8Panel = 'a' | 'b' | 'c' | 'd' | 'e';

export interface ScenarioPlan {
  options: RunOptions;
  actions: TimedAction[];
  captions: Caption[];
  /** A note shown under the toolbar: split-vote's other seed, or the options a scenario overrides. */
  seedNote?: SeedNote;
}

export type SeedNote = { key: 'splitSeed'; seed: number; from: number } | { key: 'figure8' };

const START: Caption = { atMs: 0, key: 'start' };

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
          { atMs: l.atMs, key: 'steadyElected', values: { leader: l.leader, term: l.term } },
          { atMs: l.atMs + 300, key: 'steadyRequests' },
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
          { atMs: l.atMs, key: 'crashLeads', values: { leader: l.leader, term: l.term } },
          { atMs: crashAt, key: 'crashCrashes', values: { leader: l.leader } },
          ...(next ? [{ atMs: next.atMs, key: 'crashNext' as const, values: { next: next.leader, term: next.term, old: l.leader } }] : []),
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
        { atMs: l.atMs, key: 'partitionLeads', values: { leader: l.leader, term: l.term } },
        { atMs: cutAt, key: 'partitionSplit', values: { leader: l.leader, minority: `{${minority.join(', ')}}` } },
      ];
      if (next) {
        const healAt = next.atMs + 1200;
        actions.push({ atMs: next.atMs + 300, action: { kind: 'propose', value: 'kept', node: next.leader } }, { atMs: healAt, action: { kind: 'heal' } });
        captions.push(
          { atMs: next.atMs, key: 'partitionElected', values: { majority: `{${majority.join(', ')}}`, next: next.leader, term: next.term } },
          { atMs: healAt, key: 'partitionHeal', values: { term: next.term } },
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
        seedNote: seed === options.seed ? undefined : { key: 'splitSeed', seed, from: options.seed },
        captions: [
          START,
          { atMs: 1, key: 'splitWatch' },
          ...(l ? [{ atMs: l.atMs, key: 'splitWon' as const, values: { leader: l.leader, term: l.term } }] : []),
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
          { atMs: l.atMs, key: 'rejoinLeads', values: { leader: l.leader, term: l.term, preVote: options.preVote, checkQuorum: options.checkQuorum } },
          options.preVote
            ? { atMs: cutAt, key: 'rejoinCutPreVote', values: { node: f } }
            : { atMs: cutAt, key: 'rejoinCutNoPreVote', values: { node: f } },
          options.preVote
            ? { atMs: healAt, key: 'rejoinHealPreVote', values: { node: f, leader: l.leader } }
            : { atMs: healAt, key: 'rejoinHealNoPreVote', values: { node: f } },
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
  const note: SeedNote = { key: 'figure8' };
  if (base.nodes !== 5) {
    return { options: base, actions: [], captions: [START, { atMs: 0, key: 'figure8NeedsFive' }] };
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
    { atMs: 0, key: 'figure8Setup' },
    { atMs: 400, panel: 'a', key: 'figure8A' },
    { atMs: 600, panel: 'b', key: 'figure8B' },
    { atMs: 800, panel: 'c', key: 'figure8C' },
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
    captions.push({ atMs: d, key: 'figure8W' }, { atMs: d + 40, panel: 'd', key: 'figure8D' });
  } else {
    actions.push(
      at(d, { kind: 'propose', value: 'w', node: 1 }),
      at(d + 300, { kind: 'crash', node: 1 }),
      at(d + 330, { kind: 'restart', node: 4 }),
      at(d + 330, { kind: 'restart', node: 5 }),
      at(d + 340, { kind: 'timeout', node: 5 }),
      at(d + 400, { kind: 'timeout', node: 5 }),
    );
    captions.push({ atMs: d, panel: 'e', key: 'figure8E' }, { atMs: d + 300, key: 'figure8EAfter' });
  }
  return { options, actions, captions, seedNote: note };
}
