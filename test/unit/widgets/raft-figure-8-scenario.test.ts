import { describe, expect, it } from 'vitest';
import { PlaygroundRun, type Frame, type RunOptions } from '@/components/widgets/raft/playground-run';
import { planScenario, type Figure8Panel, type ScenarioPlan } from '@/components/widgets/raft/scenarios';
import { MESSAGES } from '@/lib/i18n/messages';

const CAPTIONS = (MESSAGES.en as { widgets: { raft: { captions: Record<string, string> } } }).widgets.raft.captions;

// Raft §5.4.2, Figure 8: the playground's 'figure-8' and 'figure-8-commit' scenarios replay the
// paper's panels (a)–(e) on the reference engine, with the election no-op (§8) turned off.

const base: RunOptions = { nodes: 5, seed: 1, preVote: false, checkQuorum: false };

interface Expected {
  /** index → term, per server 1..5 (crashed servers keep their disk's log). */
  logs: number[][];
  up: boolean[];
  leader: number | null;
  term: number;
  commit: Partial<Record<number, number>>;
}

function logs(f: Frame): number[][] {
  return f.nodes.map((n) => n.entries.map((e) => e.term));
}

function leaderOf(f: Frame): { id: number; term: number } | null {
  const l = f.nodes.filter((n) => n.up && n.role === 'leader').sort((a, b) => b.term - a.term)[0];
  return l ? { id: l.id, term: l.term } : null;
}

/** The frame at the end of a panel: just before the next caption (or at `endMs` for the last one). */
function panelEnd(plan: ScenarioPlan, panel: Figure8Panel, endMs: number): number {
  const i = plan.captions.findIndex((c) => c.panel === panel);
  expect(i, `caption for panel (${panel})`).toBeGreaterThanOrEqual(0);
  const next = plan.captions[i + 1];
  return next === undefined ? endMs : next.atMs - 1;
}

function expectPanel(run: PlaygroundRun, t: number, panel: string, want: Expected): void {
  const f = run.frameAt(t);
  expect(logs(f), `(${panel}) logs`).toEqual(want.logs);
  expect(f.nodes.map((n) => n.up), `(${panel}) up`).toEqual(want.up);
  const l = leaderOf(f);
  expect(l?.id ?? null, `(${panel}) leader`).toBe(want.leader);
  if (l !== null) expect(l.term, `(${panel}) leader's term`).toBe(want.term);
  for (const [id, c] of Object.entries(want.commit)) expect(f.nodes[Number(id) - 1]!.commit, `(${panel}) commitIndex of S${id}`).toBe(c);
}

const ALL_UP = [true, true, true, true, true];

// Panels (a)–(c) are shared by both endings.
const A: Expected = { logs: [[1, 2], [1, 2], [1], [1], [1]], up: ALL_UP, leader: 1, term: 2, commit: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 } };
const B: Expected = { logs: [[1, 2], [1, 2], [1], [1], [1, 3]], up: [false, true, true, true, true], leader: 5, term: 3, commit: { 2: 1, 3: 1, 4: 1, 5: 1 } };
// (c) the term-2 entry at index 2 is on S1, S2, S3 (a majority) and is NOT committed.
const C: Expected = { logs: [[1, 2], [1, 2], [1, 2], [1], [1, 3]], up: [true, true, true, false, false], leader: 1, term: 4, commit: { 1: 1, 2: 1, 3: 1 } };

function runPlan(name: 'figure-8' | 'figure-8-commit', seed: number) {
  const plan = planScenario(name, { ...base, seed });
  expect(plan.options.noOpOnElection).toBe(false);
  const run = new PlaygroundRun(plan.options, plan.actions);
  run.runTo(8000);
  expect(run.results.filter((r) => !r.ok), 'every scripted action took effect').toEqual([]);
  expect(run.checker.violations).toEqual([]);
  expect(plan.captions.filter((c) => c.panel !== undefined).every((c) => CAPTIONS[c.key]!.startsWith(`(${c.panel})`))).toBe(true);
  return { plan, run };
}

describe('Raft playground: Figure 8 replayed panel by panel', () => {
  for (const seed of [1, 2, 7, 42]) {
    it(`figure-8 reaches (a)–(d): an old-term entry on a majority is overwritten (seed ${seed})`, () => {
      // Raft §5.4.2, Figure 8 (a)–(d)
      const { plan, run } = runPlan('figure-8', seed);
      expect(plan.captions.map((c) => c.panel).filter(Boolean)).toEqual(['a', 'b', 'c', 'd']);
      expectPanel(run, panelEnd(plan, 'a', 0), 'a', A);
      expectPanel(run, panelEnd(plan, 'b', 0), 'b', B);
      expectPanel(run, panelEnd(plan, 'c', 0), 'c', C);
      // (d) S1 crashed (with its local term-4 entry); S5 leads term 5 and every up server holds term 3 at index 2.
      expectPanel(run, panelEnd(plan, 'd', 3000), 'd', {
        logs: [[1, 2, 4], [1, 3], [1, 3], [1, 3], [1, 3]],
        up: [false, true, true, true, true],
        leader: 5,
        term: 5,
        commit: { 2: 1, 3: 1, 4: 1, 5: 1 },
      });
      // And it stays that way: nothing of term 5 was appended (no election no-op), so index 2 stays uncommitted.
      expectPanel(run, 8000, 'd, later', {
        logs: [[1, 2, 4], [1, 3], [1, 3], [1, 3], [1, 3]],
        up: [false, true, true, true, true],
        leader: 5,
        term: 5,
        commit: { 2: 1, 3: 1, 4: 1, 5: 1 },
      });
    });

    it(`figure-8-commit reaches (a)–(c) then (e): a current-term entry commits the old one (seed ${seed})`, () => {
      // Raft §5.4.2, Figure 8 (a)–(c), (e)
      const { plan, run } = runPlan('figure-8-commit', seed);
      expect(plan.captions.map((c) => c.panel).filter(Boolean)).toEqual(['a', 'b', 'c', 'e']);
      expectPanel(run, panelEnd(plan, 'a', 0), 'a', A);
      expectPanel(run, panelEnd(plan, 'b', 0), 'b', B);
      expectPanel(run, panelEnd(plan, 'c', 0), 'c', C);
      // (e) the term-4 entry at index 3 is on a majority and committed, and index 2 (term 2) with it.
      expectPanel(run, panelEnd(plan, 'e', 0), 'e', {
        logs: [[1, 2, 4], [1, 2, 4], [1, 2, 4], [1], [1, 3]],
        up: [true, true, true, false, false],
        leader: 1,
        term: 4,
        commit: { 1: 3, 2: 3, 3: 3 },
      });
      // After S1 crashes, S5 cannot win (S2 and S3 refuse it); the winner holds index 2 and 3, and S5's entry is overwritten.
      const terms = run.cluster.trace.events.filter((e) => e.k === 'role' && e.role === 'leader' && e.node === 5);
      expect(terms).toEqual([{ t: expect.any(Number), k: 'role', node: 5, role: 'leader', term: 3 }]);
      const end = run.frameAt(8000);
      expect([2, 3]).toContain(leaderOf(end)?.id);
      expect(logs(end).slice(1)).toEqual([[1, 2, 4], [1, 2, 4], [1, 2, 4], [1, 2, 4]]);
      for (const n of end.nodes.slice(1)) expect(n.commit).toBe(3);
    });
  }

  it('needs the paper\'s five servers', () => {
    const plan = planScenario('figure-8', { ...base, nodes: 3 });
    expect(plan.actions).toEqual([]);
  });
});
