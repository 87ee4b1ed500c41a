'use client';

import { useEffect, useReducer, useRef } from 'react';
import './widgets.css';
import { capReducer, compareVersions, converged, formatVersion, hasQuorum, initialState, lostWrites, REPLICAS, type Mode, type ReplicaId } from './cap/register-model';
import { SeedField } from './shared/seed-field';

const POS: Record<ReplicaId, { x: number; y: number }> = { A: { x: 160, y: 46 }, B: { x: 62, y: 196 }, C: { x: 258, y: 196 } };
const LINKS: [ReplicaId, ReplicaId][] = [
  ['A', 'B'],
  ['A', 'C'],
  ['B', 'C'],
];

/** CAP partition sandbox: a 3-replica register; cut the network, pick CP or AP, read and write at each replica. */
export default function CapSandbox({ seed: initialSeed = 1, mode: initialMode = 'CP' }: { seed?: number; mode?: Mode }) {
  const [s, dispatch] = useReducer(capReducer, undefined, () => initialState(initialMode, initialSeed));
  const healedAp = s.mode === 'AP' && s.isolated === null && !converged(s);
  const autoGossip = useRef(false);

  // After a heal in AP mode, anti-entropy runs one round every 700 ms until the replicas agree.
  useEffect(() => {
    if (!healedAp || !autoGossip.current) return;
    const id = window.setTimeout(() => dispatch({ type: 'gossip' }), 700);
    return () => window.clearTimeout(id);
  }, [healedAp, s.rounds]);

  const last = s.history[s.history.length - 1];
  const lost = lostWrites(s);
  const cut = (a: ReplicaId, b: ReplicaId) => s.isolated !== null && (s.isolated === a || s.isolated === b);

  return (
    <section className="widget wg" aria-label="CAP partition sandbox" data-testid="cap-sandbox">
      <div className="wg-head">
        <h3 className="wg-title">CAP sandbox: one register, three replicas</h3>
        <SeedField seed={s.seed} onChange={(seed) => dispatch({ type: 'reset', seed })} />
      </div>
      <div className="wg-toolbar">
        <fieldset className="wg-fieldset">
          <legend>When the network splits, prefer</legend>
          {(['CP', 'AP'] as const).map((m) => (
            <label key={m} className="wg-label">
              <input type="radio" name={`cap-mode-${s.seed}`} value={m} checked={s.mode === m} onChange={() => dispatch({ type: 'mode', mode: m })} />
              {m === 'CP' ? 'CP: consistency (majority quorum)' : 'AP: availability (answer locally)'}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => dispatch({ type: 'reset' })}>
          Reset
        </button>
      </div>
      <div className="wg-split">
        <div className="wg-panel">
          <svg viewBox="0 0 320 250" role="img" aria-label={`Replicas: ${REPLICAS.map((r) => `${r} holds ${s.replicas[r].value ?? 'nothing'}${s.isolated === r ? ' (cut off)' : ''}`).join(', ')}`}>
            {LINKS.map(([a, b]) => {
              const broken = cut(a, b);
              const mx = (POS[a].x + POS[b].x) / 2;
              const my = (POS[a].y + POS[b].y) / 2;
              return (
                <g key={`${a}${b}`}>
                  <line x1={POS[a].x} y1={POS[a].y} x2={POS[b].x} y2={POS[b].y} className={broken ? 'rv-msg rv-msg-drop' : 'wg-svg-axis'} strokeWidth={broken ? 2 : 1.5} />
                  {broken ? (
                    <text x={mx} y={my + 4} textAnchor="middle" className="sp-bound-label" style={{ fontSize: 14 }}>
                      ✂
                    </text>
                  ) : null}
                </g>
              );
            })}
            {REPLICAS.map((r) => {
              const st = s.replicas[r];
              const stale = s.latest !== null && compareVersions(st.version, s.latest.version) < 0;
              const off = s.isolated === r;
              return (
                <g key={r} transform={`translate(${POS[r].x - 52},${POS[r].y - 30})`}>
                  <rect width={104} height={60} rx={10} style={{ fill: 'var(--bg-raised)' }} />
                  <rect width={104} height={60} rx={10} className={off ? 'rv-violation' : stale ? 'rv-band-candidate' : 'rv-band-leader'} style={off ? { strokeWidth: 1.5 } : undefined} />
                  <text x={10} y={20} className="rv-lane-label">
                    Replica {r}
                  </text>
                  <text x={10} y={39} className="wg-svg-text wg-mono" style={{ fontSize: 13, fontWeight: 700 }}>
                    {st.value ?? '(empty)'}
                  </text>
                  <text x={10} y={53} className="wg-svg-muted">
                    v {formatVersion(st.version)}
                    {stale ? ' · behind' : ''}
                  </text>
                </g>
              );
            })}
          </svg>
          <p className="wg-sub" style={{ textAlign: 'center' }}>
            {s.isolated === null ? 'Network whole.' : `Replica ${s.isolated} is cut off (minority); ${REPLICAS.filter((r) => r !== s.isolated).join(' and ')} form the majority.`}
          </p>
        </div>
        <div className="wg-panel">
          <h4>Clients</h4>
          <div className="cap-ops">
            {REPLICAS.map((r) => (
              <div key={r} className="cap-op-row" role="group" aria-label={`Replica ${r}`}>
                <strong>
                  Replica {r}
                  {s.mode === 'CP' && !hasQuorum(s, r) ? <span className="wg-muted" style={{ fontWeight: 400 }}> · no quorum</span> : null}
                </strong>
                <button type="button" onClick={() => dispatch({ type: 'write', at: r })} aria-label={`Write x=${s.nextValue} at replica ${r}`}>
                  Write
                </button>
                <button type="button" onClick={() => dispatch({ type: 'read', at: r })} aria-label={`Read at replica ${r}`}>
                  Read
                </button>
                <button type="button" className="wg-danger" aria-pressed={s.isolated === r} onClick={() => (s.isolated === r ? dispatch({ type: 'heal' }) : dispatch({ type: 'cut', replica: r }))} aria-label={s.isolated === r ? `Reconnect replica ${r}` : `Cut off replica ${r}`}>
                  {s.isolated === r ? 'Reconnect' : 'Cut off'}
                </button>
              </div>
            ))}
          </div>
          <div className="wg-toolbar" style={{ marginTop: '0.5rem' }}>
            <button
              type="button"
              className="wg-primary"
              disabled={s.isolated === null}
              onClick={() => {
                autoGossip.current = true;
                dispatch({ type: 'heal' });
              }}
            >
              Heal the partition
            </button>
            {s.mode === 'AP' ? (
              <button type="button" disabled={s.isolated !== null || converged(s)} onClick={() => dispatch({ type: 'gossip' })}>
                Anti-entropy round
              </button>
            ) : null}
          </div>
        </div>
      </div>
      <div aria-live="polite" data-testid="cap-last">
        {last ? (
          <p className="wg-note" data-tone={last.outcome === 'ok' ? 'ok' : last.outcome === 'stale' ? 'warn' : 'bad'}>
            <strong>
              {last.kind === 'write' ? `Write ${last.value}` : 'Read'} at {last.at}: {last.outcome === 'ok' ? (last.kind === 'read' ? `returned ${last.value ?? '(empty)'}` : 'acknowledged') : last.outcome === 'stale' ? `STALE — returned ${last.value ?? '(empty)'}` : 'REFUSED'}
            </strong>{' '}
            — {last.note}
          </p>
        ) : (
          <p className="wg-note">Write a value, cut a replica off, then read and write on both sides. Switch between CP and AP and compare.</p>
        )}
        {s.mode === 'AP' && s.isolated === null && s.history.length > 0 ? (
          <p className="wg-note" data-tone={converged(s) ? 'ok' : 'warn'} data-testid="cap-convergence">
            {converged(s) ? `Replicas agree on ${s.replicas.A.value ?? '(empty)'}${s.rounds > 0 ? ` after ${s.rounds} anti-entropy round${s.rounds === 1 ? '' : 's'}` : ''}.` : `Replicas disagree; anti-entropy is running (round ${s.rounds})…`}
            {converged(s) && lost.length > 0 ? ` Last-writer-wins discarded the acknowledged write${lost.length === 1 ? '' : 's'} ${lost.map((w) => w.value).join(', ')}.` : ''}
          </p>
        ) : null}
      </div>
      {s.history.length > 0 ? (
        <div className="wg-scroll">
          <table className="wg-table" aria-label="Operation history">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Operation</th>
                <th scope="col">Answer</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {s.history
                .slice(-6)
                .reverse()
                .map((o) => (
                  <tr key={o.seq}>
                    <td className="wg-mono">{o.seq}</td>
                    <td>
                      {o.kind} {o.kind === 'write' ? o.value : ''} at {o.at}
                    </td>
                    <td className={o.outcome === 'ok' ? 'wg-c-ok' : o.outcome === 'stale' ? 'wg-c-warn' : 'wg-c-bad'}>
                      <strong>{o.outcome === 'ok' ? (o.kind === 'read' ? o.value ?? '(empty)' : 'ok') : o.outcome}</strong>
                      {o.outcome === 'stale' ? ` (${o.value ?? 'empty'})` : ''}
                    </td>
                    <td className="wg-muted">{o.note}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
