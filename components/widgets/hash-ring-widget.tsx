'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import './widgets.css';
import { makeKeys, movedKeys, NODE_NAMES, ringHash, snapshot, type RingSnapshot } from './hashring/ring-model';
import { SeedField, Stat } from './shared/seed-field';

const KEYS = 2000;
const DRAWN_KEYS = 240;
const C = 150;
const RING_R = 112;

function color(nodes: readonly string[], node: string): string {
  const i = NODE_NAMES.indexOf(node);
  return `var(--hr-${(i < 0 ? nodes.indexOf(node) : i) % 10})`;
}

/** The last change, put into words by the widget (widgets.hashRing.changes.*). */
type Change = { kind: 'added' | 'removed'; node: string } | { kind: 'vnodes'; from: number; to: number };

function angle(point: number): number {
  return (point / 2 ** 32) * 2 * Math.PI - Math.PI / 2;
}

/** Consistent-hash ring on engine/hashring's HashRing: add/remove nodes and virtual nodes, watch keys move. */
export default function HashRingWidget({ nodes: initialNodes = 4, vnodes: initialVnodes = 8, seed: initialSeed = 1 }: { nodes?: number; vnodes?: number; seed?: number }) {
  const [nodes, setNodes] = useState<string[]>(() => NODE_NAMES.slice(0, Math.min(10, Math.max(1, initialNodes))));
  const [vnodes, setVnodes] = useState(Math.min(200, Math.max(1, initialVnodes)));
  const [seed, setSeed] = useState(initialSeed);
  const keys = useMemo(() => makeKeys(seed, KEYS), [seed]);
  const snap = useMemo(() => snapshot(nodes, vnodes, keys), [nodes, vnodes, keys]);
  const [change, setChange] = useState<{ before: RingSnapshot; what: Change } | null>(null);
  const t = useTranslations('widgets');
  const format = useFormatter();
  const locale = useLocale();
  const changeText = (c: Change): string => {
    if (c.kind === 'vnodes') return t('hashRing.changes.vnodes', { from: c.from, to: c.to });
    return c.kind === 'added' ? t('hashRing.changes.added', { node: c.node }) : t('hashRing.changes.removed', { node: c.node });
  };

  const apply = (what: Change, next: () => void) => {
    setChange({ before: snap, what });
    next();
  };
  const moved = change && change.before.owners.length === snap.owners.length ? movedKeys(change.before, snap) : [];
  const movedSet = new Set(moved);
  const loads = nodes.map((n) => snap.load.get(n) ?? 0);
  const maxLoad = Math.max(1, ...loads);
  const mean = KEYS / Math.max(1, nodes.length);
  const imbalance = nodes.length === 0 ? 0 : maxLoad / mean;
  const addable = NODE_NAMES.find((n) => !nodes.includes(n));

  return (
    <section className="widget wg" aria-label={t('hashRing.region')} data-testid="hash-ring">
      <div className="wg-head">
        <h3 className="wg-title">
          {t('hashRing.title')}
          {locale === 'zh-CN' ? null : (
            <>
              {' '}
              <span lang="zh-CN">(一致性哈希)</span>
            </>
          )}
        </h3>
        <SeedField seed={seed} onChange={(s) => {
          setChange(null);
          setSeed(s);
        }} label={t('hashRing.keySeed')} />
      </div>
      <div className="wg-toolbar">
        <button type="button" className="wg-primary" disabled={addable === undefined} onClick={() => addable && apply({ kind: 'added', node: addable }, () => setNodes([...nodes, addable]))}>
          {addable ? t('hashRing.addNamedNode', { node: addable }) : t('hashRing.addNode')}
        </button>
        <label className="wg-label-stack">
          {t('hashRing.vnodes', { count: vnodes })}
          <input type="range" min={1} max={200} value={vnodes} aria-label={t('hashRing.vnodesLabel')} onChange={(e) => {
            const v = Number(e.currentTarget.value);
            apply({ kind: 'vnodes', from: vnodes, to: v }, () => setVnodes(v));
          }} />
        </label>
      </div>
      <div className="wg-split">
        <div className="wg-panel">
          <svg viewBox="0 0 300 300" role="img" aria-label={
              moved.length && change
                ? t('hashRing.ringLabelMoved', { nodes: nodes.length, points: snap.points.length, keys: KEYS, moved: moved.length, what: changeText(change.what) })
                : t('hashRing.ringLabel', { nodes: nodes.length, points: snap.points.length, keys: KEYS })
            }>
            <circle cx={C} cy={C} r={RING_R} className="wg-svg-axis" fill="none" />
            {keys.slice(0, DRAWN_KEYS).map((k, i) => {
              const p = snap.owners[i]!;
              const a = angle(ringHash(k));
              const r = RING_R - 14;
              const isMoved = movedSet.has(i);
              return <circle key={k} cx={C + r * Math.cos(a)} cy={C + r * Math.sin(a)} r={isMoved ? 3.4 : 2} style={{ fill: color(nodes, p), stroke: isMoved ? 'var(--fg)' : 'none' }} opacity={isMoved ? 1 : 0.7} />;
            })}
            {snap.points.map((pt) => {
              const a = angle(pt.point);
              return <line key={pt.point} x1={C + (RING_R - 6) * Math.cos(a)} y1={C + (RING_R - 6) * Math.sin(a)} x2={C + (RING_R + 10) * Math.cos(a)} y2={C + (RING_R + 10) * Math.sin(a)} style={{ stroke: color(nodes, pt.node) }} strokeWidth={snap.points.length > 300 ? 1 : 2.5} />;
            })}
            <text x={C} y={C - 6} textAnchor="middle" className="wg-svg-text" style={{ fontSize: 13, fontWeight: 700 }}>
              {t('hashRing.keys', { count: format.number(KEYS) })}
            </text>
            <text x={C} y={C + 12} textAnchor="middle" className="wg-svg-muted">
              {t('hashRing.points', { count: snap.points.length })}
            </text>
          </svg>
          <p className="wg-sub" style={{ textAlign: 'center' }}>
            {moved.length ? t('hashRing.legendMoved') : t('hashRing.legend')}
          </p>
        </div>
        <div className="wg-panel">
          <h4>{t('hashRing.loadPerNode')}</h4>
          <table className="wg-table" aria-label={t('hashRing.keysPerNode')}>
            <thead>
              <tr>
                <th scope="col">{t('hashRing.node')}</th>
                <th scope="col">{t('hashRing.keysCol')}</th>
                <th scope="col" style={{ width: '40%' }}>
                  {t('hashRing.share')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('hashRing.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((n, i) => (
                <tr key={n}>
                  <th scope="row">
                    <span className="wg-swatch" style={{ color: color(nodes, n), marginRight: 6 }} aria-hidden />
                    {n}
                  </th>
                  <td className="wg-mono" data-testid={`load-${n}`}>
                    {loads[i]}
                  </td>
                  <td>
                    <svg viewBox="0 0 100 10" aria-hidden preserveAspectRatio="none" style={{ height: 10 }}>
                      <rect width={(loads[i]! / maxLoad) * 100} height={10} rx={2} style={{ fill: color(nodes, n) }} />
                    </svg>
                  </td>
                  <td>
                    <button type="button" className="wg-danger" disabled={nodes.length <= 1} onClick={() => apply({ kind: 'removed', node: n }, () => setNodes(nodes.filter((x) => x !== n)))} aria-label={t('hashRing.removeNode', { node: n })}>
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <dl className="wg-stats">
        <Stat label={t('hashRing.stats.nodes')} value={nodes.length} />
        <Stat label={t('hashRing.stats.imbalance')} value={imbalance.toFixed(2)} tone={imbalance > 1.5 ? 'bad' : imbalance > 1.2 ? 'warn' : 'ok'} testId="hr-imbalance" />
        <Stat label={t('hashRing.stats.moved')} value={change ? t('hashRing.movedValue', { moved: moved.length, percent: format.number(moved.length / KEYS, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }) }) : '—'} testId="hr-moved" />
      </dl>
      <p className="wg-note" aria-live="polite" data-testid="hr-note">
        {change
          ? change.what.kind === 'vnodes'
            ? t('hashRing.note', { what: changeText(change.what), moved: moved.length, keys: format.number(KEYS) })
            : t('hashRing.noteNodes', {
                what: changeText(change.what),
                moved: moved.length,
                keys: format.number(KEYS),
                percent: Math.round((1 - 1 / Math.max(nodes.length, change.before.nodes.length)) * 100),
                n: Math.max(nodes.length, change.before.nodes.length),
              })
          : t('hashRing.hint')}
      </p>
    </section>
  );
}
