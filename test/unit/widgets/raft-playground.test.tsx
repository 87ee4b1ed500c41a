// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { renderIntl } from './intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import RaftPlayground from '@/components/widgets/raft-playground';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Play at 1× for `realMs` of (fake) wall time: 1× is real time, 1 real ms = 1 virtual ms. */
function play(realMs: number) {
  for (let i = 0; i < realMs / 50; i++) act(() => vi.advanceTimersByTime(50));
}

function leaderText() {
  return screen.getByTestId('raft-leader').textContent ?? '';
}

describe('<RaftPlayground>', () => {
  it('leader-crash: the scenario crashes the elected leader and a new one takes over; all controls are buttons', () => {
    renderIntl(<RaftPlayground nodes={5} scenario="leader-crash" />);
    fireEvent.change(screen.getByLabelText('Playback speed'), { target: { value: '1' } });
    expect(leaderText()).toBe('No leader');
    let first = '';
    for (let i = 0; i < 60 && !first; i++) {
      play(100);
      const m = /Leader: node (\d)/.exec(leaderText());
      if (m) first = m[1]!;
    }
    expect(first).not.toBe('');
    let second = '';
    for (let i = 0; i < 100 && !second; i++) {
      play(100);
      const m = /Leader: node (\d)/.exec(leaderText());
      if (m && m[1] !== first) second = m[1]!;
    }
    expect(second).not.toBe('');
    expect(screen.getByTestId(`raft-node-${first}`).getAttribute('data-role')).toBe('crashed');
    expect(screen.getByRole('button', { name: `Restart node ${first}` })).toBeTruthy();
    // The caption follows once every live node follows the new leader.
    play(1000);
    expect(screen.getByTestId('raft-caption').textContent).toMatch(new RegExp(`Node ${second} wins term`));
  });

  it('crashing the leader by keyboard (Enter on the node) leads to a new election', () => {
    renderIntl(<RaftPlayground nodes={3} scenario="steady" seed={5} />);
    fireEvent.change(screen.getByLabelText('Playback speed'), { target: { value: '1' } });
    for (let i = 0; i < 60 && !/Leader/.test(leaderText()); i++) play(100);
    const first = /Leader: node (\d) \(term (\d+)\)/.exec(leaderText())!;
    fireEvent.keyDown(screen.getByTestId(`raft-node-${first[1]}`), { key: 'Enter' });
    expect(screen.getByTestId(`raft-node-${first[1]}`).getAttribute('data-role')).toBe('crashed');
    let next: RegExpExecArray | null = null;
    for (let i = 0; i < 80 && !next; i++) {
      play(100);
      const m = /Leader: node (\d) \(term (\d+)\)/.exec(leaderText());
      if (m && m[1] !== first[1]) next = m;
    }
    expect(next).not.toBeNull();
    expect(Number(next![2])).toBeGreaterThan(Number(first[2]));
  });

  it('a client request is committed on every node, and the isolated leader cannot commit', () => {
    renderIntl(<RaftPlayground nodes={3} scenario="steady" seed={2} />);
    fireEvent.change(screen.getByLabelText('Playback speed'), { target: { value: '1' } });
    play(4000);
    fireEvent.click(screen.getByRole('button', { name: 'Send client request' }));
    play(1000);
    const table = screen.getByRole('table', { name: 'Node state' });
    const committed = table.querySelectorAll('[data-committed="true"]');
    expect([...committed].filter((e) => e.textContent?.includes('c1')).length).toBe(3);
    fireEvent.click(screen.getByRole('button', { name: 'Isolate leader' }));
    expect(screen.getByText('Heal network')).toHaveProperty('disabled', false);
    fireEvent.click(screen.getByRole('button', { name: 'Send client request' }));
    play(300);
    const uncommitted = [...table.querySelectorAll('[data-committed="false"]')].filter((e) => e.textContent?.includes('c2'));
    expect(uncommitted.length).toBe(1);
  });

  it('figure-8: a caption per panel of the paper\'s Figure 8 (§5.4.2), and the no-op, PreVote and CheckQuorum are off', () => {
    renderIntl(<RaftPlayground nodes={5} scenario="figure-8" />);
    expect(screen.getByText(/without the election no-op/)).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'PreVote' })).toHaveProperty('checked', false);
    fireEvent.change(screen.getByLabelText('Playback speed'), { target: { value: '1' } });
    const caption = () => screen.getByTestId('raft-caption').textContent ?? '';
    // Play until each panel's caption shows, then a little longer for its election to finish.
    const expected = ['Leader: node 1 (term 2)', 'Leader: node 5 (term 3)', 'Leader: node 1 (term 4)', 'Leader: node 5 (term 5)'];
    const leaders: string[] = [];
    for (const [k, panel] of ['a', 'b', 'c', 'd'].entries()) {
      for (let i = 0; i < 100 && !caption().startsWith(`(${panel})`); i++) play(50);
      expect(caption()).toMatch(new RegExp(`^\\(${panel}\\)`));
      // Up to 600 virtual ms (1× is real time) for the panel's election to finish.
      for (let i = 0; i < 12 && leaderText() !== expected[k]; i++) play(50);
      leaders.push(leaderText());
    }
    expect(leaders).toEqual(expected);
  });
});
