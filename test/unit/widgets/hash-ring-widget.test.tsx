// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { renderIntl } from './intl';
import { afterEach, describe, expect, it } from 'vitest';
import HashRingWidget from '@/components/widgets/hash-ring-widget';
import { makeKeys, movedKeys, NODE_NAMES, snapshot } from '@/components/widgets/hashring/ring-model';
import { HashRing } from '@/engine/hashring/hash-ring';

afterEach(cleanup);

describe('ring model', () => {
  it('recovers every virtual-node point with its owner, agreeing with the reference ring', () => {
    const nodes = NODE_NAMES.slice(0, 4);
    const keys = makeKeys(1, 500);
    const snap = snapshot(nodes, 8, keys);
    expect(snap.points).toHaveLength(32);
    for (const n of nodes) expect(snap.points.filter((p) => p.node === n)).toHaveLength(8);
    const ring = new HashRing({ virtualNodesPerWeight: 8 });
    nodes.forEach((n) => ring.add(n));
    expect(snap.owners).toEqual(keys.map((k) => ring.locate(k)));
  });

  it('adding a node moves keys only to the new node', () => {
    const keys = makeKeys(3, 2000);
    const before = snapshot(NODE_NAMES.slice(0, 4), 100, keys);
    const after = snapshot(NODE_NAMES.slice(0, 5), 100, keys);
    const moved = movedKeys(before, after);
    expect(moved.length).toBeGreaterThan(2000 * 0.1);
    expect(moved.length).toBeLessThan(2000 * 0.3);
    for (const i of moved) expect(after.owners[i]).toBe(NODE_NAMES[4]);
  });
});

describe('<HashRingWidget>', () => {
  it('adds and removes nodes by button and reports the keys that moved', () => {
    renderIntl(<HashRingWidget nodes={4} vnodes={8} />);
    const total = () => NODE_NAMES.slice(0, 5).reduce((s, n) => s + Number(screen.queryByTestId(`load-${n}`)?.textContent ?? 0), 0);
    expect(total()).toBe(2000);
    fireEvent.click(screen.getByRole('button', { name: 'Add node (cache-e)' }));
    expect(total()).toBe(2000);
    const moved = Number(/^(\d+)/.exec(screen.getByTestId('hr-moved').textContent ?? '')![1]);
    expect(moved).toBe(Number(screen.getByTestId('load-cache-e').textContent));
    fireEvent.click(screen.getByRole('button', { name: 'Remove cache-e' }));
    expect(screen.queryByTestId('load-cache-e')).toBeNull();
    expect(screen.getByTestId('hr-moved').textContent).toMatch(new RegExp(`^${moved} `));
  });

  it('more virtual nodes even out the load', () => {
    renderIntl(<HashRingWidget nodes={4} vnodes={1} />);
    const lumpy = Number(screen.getByTestId('hr-imbalance').textContent);
    fireEvent.change(screen.getByLabelText('Virtual nodes per node'), { target: { value: '200' } });
    const even = Number(screen.getByTestId('hr-imbalance').textContent);
    expect(even).toBeLessThan(lumpy);
    expect(even).toBeLessThan(1.2);
  });
});
