/**
 * Lesson scenarios for the Raft playground, as timed actions found by probing the deterministic
 * run ("after a leader is elected, crash it"), plus captions that say what to watch.
 */
import type { NodeId } from '@/engine/raft/types';
import { agreedLeader, probe, PlaygroundRun, type RunOptions, type TimedAction } from './playground-run';

export const SCENARIOS = ['steady', 'leader-crash', 'partition-leader', 'split-vote', 'figure-8', 'rejoin-prevote'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Caption {
  atMs: number;
  text: string;
}

export interface ScenarioPlan {
  options: RunOptions;
  actions: TimedAction[];
  captions: Caption[];
  /** Set when the scenario had to pick another seed (split-vote looks for one whose first election splits). */
  seedNote?: string;
}

export const SCENARIO_TITLES: Record<ScenarioName, string> = {
  steady: 'Steady state',
  'leader-crash': 'The leader crashes',
  'partition-leader': 'The leader is partitioned into a minority',
  'split-vote': 'A split vote',
  'figure-8': 'Why old-term entries are not committed by counting (Figure 8)',
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
    case 'figure-8': {
      const l = firstLeader(options);
      if (l === null || options.nodes < 5) return { options, actions: [], captions: [START, { atMs: 0, text: 'This scenario needs 5 nodes.' }] };
      const ids = Array.from({ length: options.nodes }, (_, i) => i + 1);
      const buddy = ids.find((id) => id !== l.leader)!;
      const rest = ids.filter((id) => id !== l.leader && id !== buddy);
      const t1 = l.atMs + 300;
      const actions: TimedAction[] = [
        { atMs: t1, action: { kind: 'partition', groups: [[l.leader, buddy], rest] } },
        { atMs: t1 + 100, action: { kind: 'propose', value: 'old', node: l.leader } },
        { atMs: t1 + 400, action: { kind: 'crash', node: l.leader } },
      ];
      const next = firstLeader(options, actions, t1 + 10, rest);
      const captions: Caption[] = [
        START,
        { atMs: l.atMs, text: `Node ${l.leader} leads term ${l.term}.` },
        { atMs: t1, text: `Node ${l.leader} is cut off with node ${buddy} and appends "old" in term ${l.term}; it reaches only 2 of 5 logs, so it is not committed.` },
        { atMs: t1 + 400, text: `Node ${l.leader} crashes.` },
      ];
      if (next) {
        const t2 = next.atMs + 200;
        actions.push(
          { atMs: t2, action: { kind: 'propose', value: 'new', node: next.leader } },
          { atMs: t2 + 500, action: { kind: 'heal' } },
          { atMs: t2 + 600, action: { kind: 'restart', node: l.leader } },
        );
        captions.push(
          { atMs: next.atMs, text: `Node ${next.leader} wins term ${next.term} among {${rest.join(', ')}} and writes its own entries at the same indexes.` },
          { atMs: t2 + 500, text: `The network heals and node ${l.leader} restarts. "old" sits on node ${buddy}'s log, but a leader never commits an entry from an earlier term by counting replicas (Raft §5.4.2): node ${next.leader}'s log wins and "old" is overwritten everywhere.` },
        );
      }
      return { options, actions, captions };
    }
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
