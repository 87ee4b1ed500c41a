import { describe, expect, it } from 'vitest';
import { PlaygroundRun, type RunOptions } from '@/components/widgets/raft/playground-run';
import { firstElectionSplits, planScenario, SCENARIOS } from '@/components/widgets/raft/scenarios';

const base: RunOptions = { nodes: 5, seed: 1, preVote: false, checkQuorum: false };

function leadersAt(run: PlaygroundRun, t: number) {
  return run.frameAt(t).nodes.filter((n) => n.up && n.role === 'leader');
}

describe('Raft playground run (engine/raft reference engine on engine/sim)', () => {
  it('is a pure function of options, actions and seed', () => {
    const a = new PlaygroundRun(base, [{ atMs: 900, action: { kind: 'crash', node: 1 } }]);
    const b = new PlaygroundRun(base, [{ atMs: 900, action: { kind: 'crash', node: 1 } }]);
    a.runTo(3000);
    b.runTo(3000);
    expect(a.cluster.trace.events).toEqual(b.cluster.trace.events);
    expect(a.frames).toEqual(b.frames);
  });

  it('leader-crash: a leader is elected, crashes at the scripted time, and a different node leads a higher term', () => {
    const plan = planScenario('leader-crash', base);
    const crash = plan.actions.find((a) => a.action.kind === 'crash')!;
    const run = new PlaygroundRun(plan.options, plan.actions);
    run.runTo(crash.atMs + 5000);
    const before = leadersAt(run, crash.atMs - 1);
    expect(before).toHaveLength(1);
    expect(crash.action).toEqual({ kind: 'crash', node: before[0]!.id });
    const after = leadersAt(run, run.nowMs());
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(before[0]!.id);
    expect(after[0]!.term).toBeGreaterThan(before[0]!.term);
    expect(run.checker.violations).toEqual([]);
    // The entry proposed before the crash was committed and survives on the new leader.
    expect(after[0]!.entries.some((e) => e.data === 'x=1')).toBe(true);
  });

  it('partition-leader: the old leader cannot commit in the minority, and its entry is overwritten after the heal', () => {
    const plan = planScenario('partition-leader', base);
    const heal = plan.actions.find((a) => a.action.kind === 'heal')!;
    const run = new PlaygroundRun(plan.options, plan.actions);
    run.runTo(heal.atMs - 1);
    expect(leadersAt(run, heal.atMs - 1)).toHaveLength(2);
    run.runTo(heal.atMs + 3000);
    const frame = run.frameAt(run.nowMs());
    expect(frame.nodes.filter((n) => n.role === 'leader')).toHaveLength(1);
    for (const n of frame.nodes) {
      expect(n.entries.some((e) => e.data === 'lost')).toBe(false);
      expect(n.entries.some((e) => e.data === 'kept')).toBe(true);
    }
    expect(run.checker.violations).toEqual([]);
  });

  it('split-vote picks a seed whose first election really splits', () => {
    const plan = planScenario('split-vote', base);
    expect(firstElectionSplits(plan.options)).toBe(true);
  });

  it('drop-next drops exactly one message on that link', () => {
    const run = new PlaygroundRun(base, [{ atMs: 2000, action: { kind: 'drop-next', from: 1, to: 2 } }]);
    run.runTo(4000);
    const drops = run.cluster.trace.events.filter((e) => e.k === 'drop');
    expect(drops).toHaveLength(1);
    expect(run.results.some((r) => r.key === 'dropped' && r.values.from === 1 && r.values.to === 2)).toBe(true);
  });

  it('every scenario runs for 8 s without a safety violation', () => {
    for (const name of SCENARIOS) {
      const plan = planScenario(name, base);
      const run = new PlaygroundRun(plan.options, plan.actions);
      run.runTo(8000);
      expect(run.checker.violations, name).toEqual([]);
      expect(plan.captions.length, name).toBeGreaterThan(1);
    }
  });
});
