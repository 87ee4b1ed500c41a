// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { renderIntl } from './intl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CapSandbox from '@/components/widgets/cap-sandbox';
import { capReducer, converged, initialState, lostWrites, type CapAction, type CapState } from '@/components/widgets/cap/register-model';

afterEach(cleanup);

const run = (s: CapState, ...actions: CapAction[]) => actions.reduce(capReducer, s);

describe('register model', () => {
  it('CP: a write in the minority is refused, the majority still commits, and no read is stale', () => {
    let s = run(initialState('CP', 7), { type: 'write', at: 'A' }, { type: 'cut', replica: 'A' }, { type: 'write', at: 'A' });
    expect(s.history.at(-1)).toMatchObject({ kind: 'write', at: 'A', outcome: 'refused' });
    s = run(s, { type: 'read', at: 'A' });
    expect(s.history.at(-1)).toMatchObject({ outcome: 'refused', value: null });
    s = run(s, { type: 'write', at: 'B' }, { type: 'read', at: 'C' });
    expect(s.history.at(-1)).toMatchObject({ outcome: 'ok', value: 'x=3' });
    s = run(s, { type: 'heal' }, { type: 'read', at: 'A' });
    expect(s.history.at(-1)).toMatchObject({ outcome: 'ok', value: 'x=3' });
    expect(s.history.some((o) => o.outcome === 'stale')).toBe(false);
  });

  it('AP: a partitioned read is stale, and anti-entropy converges after the heal', () => {
    let s = run(initialState('AP', 3), { type: 'write', at: 'B' }, { type: 'cut', replica: 'A' }, { type: 'write', at: 'B' }, { type: 'read', at: 'A' });
    expect(s.history.at(-1)).toMatchObject({ kind: 'read', at: 'A', outcome: 'stale', value: 'x=1' });
    expect(s.history[1]).toMatchObject({ kind: 'write', at: 'B', outcome: 'ok' });
    s = run(s, { type: 'heal' });
    expect(converged(s)).toBe(false);
    let rounds = 0;
    while (!converged(s) && rounds < 10) {
      s = capReducer(s, { type: 'gossip' });
      rounds++;
    }
    expect(converged(s)).toBe(true);
    expect(s.replicas.A.value).toBe('x=2');
    s = run(s, { type: 'read', at: 'A' });
    expect(s.history.at(-1)).toMatchObject({ outcome: 'ok', value: 'x=2' });
  });

  it('AP: concurrent writes on both sides converge by last-writer-wins and the loser is reported lost', () => {
    // B (majority) writes first with version 1·B; then the isolated A writes x=2 with version 1·A < 1·B.
    let s = run(initialState('AP', 1), { type: 'cut', replica: 'A' }, { type: 'write', at: 'B' }, { type: 'write', at: 'A' });
    expect(lostWrites(s).map((w) => w.value)).toEqual(['x=2']);
    s = run(s, { type: 'heal' }, { type: 'gossip' }, { type: 'gossip' }, { type: 'gossip' }, { type: 'gossip' });
    expect(converged(s)).toBe(true);
    expect(s.replicas.C.value).toBe('x=1');
  });

  it('gossip is deterministic for a seed', () => {
    const script: CapAction[] = [{ type: 'cut', replica: 'C' }, { type: 'write', at: 'A' }, { type: 'heal' }, { type: 'gossip' }];
    expect(run(initialState('AP', 42), ...script)).toEqual(run(initialState('AP', 42), ...script));
  });
});

describe('<CapSandbox>', () => {
  it('is driven by buttons: CP refuses the minority write, AP serves a stale read', () => {
    renderIntl(<CapSandbox />);
    fireEvent.click(screen.getByRole('button', { name: 'Write x=1 at replica A' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cut off replica C' }));
    expect(screen.getByRole('button', { name: 'Reconnect replica C' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reconnect replica C' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Write x=2 at replica C' }));
    expect(screen.getByTestId('cap-last').textContent).toContain('REFUSED');
    expect(screen.getByTestId('cap-last').textContent).toContain('no quorum');

    fireEvent.click(screen.getByLabelText(/AP: availability/));
    fireEvent.click(screen.getByRole('button', { name: 'Write x=1 at replica A' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cut off replica C' }));
    fireEvent.click(screen.getByRole('button', { name: 'Write x=2 at replica A' }));
    fireEvent.click(screen.getByRole('button', { name: 'Read at replica C' }));
    expect(screen.getByTestId('cap-last').textContent).toContain('STALE — returned x=1');
    const history = screen.getByRole('table', { name: 'Operation history' });
    expect(within(history).getAllByText('stale').length).toBe(1);
  });

  it('converges on its own after a heal in AP mode', () => {
    vi.useFakeTimers();
    try {
      renderIntl(<CapSandbox mode="AP" />);
      fireEvent.click(screen.getByRole('button', { name: 'Cut off replica B' }));
      fireEvent.click(screen.getByRole('button', { name: 'Write x=1 at replica A' }));
      fireEvent.click(screen.getByRole('button', { name: 'Heal the partition' }));
      expect(screen.getByTestId('cap-convergence').textContent).toContain('disagree');
      for (let i = 0; i < 10; i++) act(() => vi.advanceTimersByTime(700));
      expect(screen.getByTestId('cap-convergence').textContent).toMatch(/Replicas agree on x=1 after \d+ anti-entropy round/);
    } finally {
      vi.useRealTimers();
    }
  });
});
