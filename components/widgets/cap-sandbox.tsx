'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useReducer, useRef } from 'react';
import './widgets.css';
import { capReducer, compareVersions, converged, formatVersion, hasQuorum, initialState, lostWrites, REPLICAS, type Mode, type OpNote, type OpRecord, type ReplicaId } from './cap/register-model';
import { SeedField } from './shared/seed-field';

const POS: Record<ReplicaId, { x: number; y: number }> = { A: { x: 160, y: 46 }, B: { x: 62, y: 196 }, C: { x: 258, y: 196 } };
const LINKS: [ReplicaId, ReplicaId][] = [
  ['A', 'B'],
  ['A', 'C'],
  ['B', 'C'],
];

/** CAP partition sandbox: a 3-replica register; cut the network, pick CP or AP, read and write at each replica. */
export default function CapSandbox({ seed: initialSeed = 1, mode: initialMode = 'CP' }: { seed?: number; mode?: Mode }) {
  const t = useTranslations('widgets');
  const locale = useLocale();
  const list = (ids: readonly string[]) => ids.join(locale === 'en' ? ', ' : '、');
  const noteText = (n: OpNote): string => {
    switch (n.key) {
      case 'noQuorumWrite':
        return t('cap.notes.noQuorumWrite', { at: n.at, peers: list(n.peers) });
      case 'noQuorumRead':
        return t('cap.notes.noQuorumRead', { at: n.at, peers: list(n.peers) });
      case 'committed':
        return t('cap.notes.committed', { peers: list(n.peers) });
      case 'acceptedOnly':
        return t('cap.notes.acceptedOnly', { peers: list(n.peers) });
      case 'quorumRead':
        return t('cap.notes.quorumRead', { peers: list(n.peers) });
      case 'replicatedAll':
        return t('cap.notes.replicatedAll');
      case 'localNewest':
        return t('cap.notes.localNewest');
      case 'newer':
        return t('cap.notes.newer', { value: n.value, version: n.version });
    }
  };
  const outcomeText: Record<OpRecord['outcome'], string> = { ok: t('cap.history.ok'), stale: t('cap.history.stale'), refused: t('cap.history.refused') };
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
    <section className="widget wg" aria-label={t('cap.region')} data-testid="cap-sandbox">
      <div className="wg-head">
        <h3 className="wg-title">{t('cap.title')}</h3>
        <SeedField seed={s.seed} onChange={(seed) => dispatch({ type: 'reset', seed })} />
      </div>
      <div className="wg-toolbar">
        <fieldset className="wg-fieldset">
          <legend>{t('cap.prefer')}</legend>
          {(['CP', 'AP'] as const).map((m) => (
            <label key={m} className="wg-label">
              <input type="radio" name={`cap-mode-${s.seed}`} value={m} checked={s.mode === m} onChange={() => dispatch({ type: 'mode', mode: m })} />
              {m === 'CP' ? t('cap.modeCP') : t('cap.modeAP')}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => dispatch({ type: 'reset' })}>
          {t('cap.reset')}
        </button>
      </div>
      <div className="wg-split">
        <div className="wg-panel">
          <svg viewBox="0 0 320 250" role="img" aria-label={t('cap.replicasLabel', { list: list(REPLICAS.map((r) => (s.isolated === r ? t('cap.replicaHoldsCut', { replica: r, value: s.replicas[r].value ?? t('cap.nothing') }) : t('cap.replicaHolds', { replica: r, value: s.replicas[r].value ?? t('cap.nothing') })))) })}>
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
                    {t('cap.replica', { replica: r })}
                  </text>
                  <text x={10} y={39} className="wg-svg-text wg-mono" style={{ fontSize: 13, fontWeight: 700 }}>
                    {st.value ?? t('cap.empty')}
                  </text>
                  <text x={10} y={53} className="wg-svg-muted">
                    {t('cap.version', { version: formatVersion(st.version) })}
                    {stale ? t('cap.behind') : ''}
                  </text>
                </g>
              );
            })}
          </svg>
          <p className="wg-sub" style={{ textAlign: 'center' }}>
            {s.isolated === null ? t('cap.whole') : t('cap.isolated', { replica: s.isolated, a: REPLICAS.filter((r) => r !== s.isolated)[0]!, b: REPLICAS.filter((r) => r !== s.isolated)[1]! })}
          </p>
        </div>
        <div className="wg-panel">
          <h4>{t('cap.clients')}</h4>
          <div className="cap-ops">
            {REPLICAS.map((r) => (
              <div key={r} className="cap-op-row" role="group" aria-label={t('cap.replica', { replica: r })}>
                <strong>
                  {t('cap.replica', { replica: r })}
                  {s.mode === 'CP' && !hasQuorum(s, r) ? <span className="wg-muted" style={{ fontWeight: 400 }}>{t('cap.noQuorum')}</span> : null}
                </strong>
                <button type="button" onClick={() => dispatch({ type: 'write', at: r })} aria-label={t('cap.writeAt', { value: `x=${s.nextValue}`, replica: r })}>
                  {t('cap.write')}
                </button>
                <button type="button" onClick={() => dispatch({ type: 'read', at: r })} aria-label={t('cap.readAt', { replica: r })}>
                  {t('cap.read')}
                </button>
                <button type="button" className="wg-danger" aria-pressed={s.isolated === r} onClick={() => (s.isolated === r ? dispatch({ type: 'heal' }) : dispatch({ type: 'cut', replica: r }))} aria-label={s.isolated === r ? t('cap.reconnectReplica', { replica: r }) : t('cap.cutOffReplica', { replica: r })}>
                  {s.isolated === r ? t('cap.reconnect') : t('cap.cutOff')}
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
              {t('cap.healPartition')}
            </button>
            {s.mode === 'AP' ? (
              <button type="button" disabled={s.isolated !== null || converged(s)} onClick={() => dispatch({ type: 'gossip' })}>
                {t('cap.antiEntropy')}
              </button>
            ) : null}
          </div>
        </div>
      </div>
      <div aria-live="polite" data-testid="cap-last">
        {last ? (
          <p className="wg-note" data-tone={last.outcome === 'ok' ? 'ok' : last.outcome === 'stale' ? 'warn' : 'bad'}>
            <strong>
              {last.kind === 'write' ? t('cap.last.write', { value: last.value ?? '', replica: last.at }) : t('cap.last.read', { replica: last.at })}
              {locale === 'en' ? ': ' : '：'}
              {last.outcome === 'ok'
                ? last.kind === 'read'
                  ? t('cap.last.returned', { value: last.value ?? t('cap.empty') })
                  : t('cap.last.acknowledged')
                : last.outcome === 'stale'
                  ? t('cap.last.stale', { value: last.value ?? t('cap.empty') })
                  : t('cap.last.refused')}
            </strong>{' '}
            — {noteText(last.note)}
          </p>
        ) : (
          <p className="wg-note">{t('cap.hint')}</p>
        )}
        {s.mode === 'AP' && s.isolated === null && s.history.length > 0 ? (
          <p className="wg-note" data-tone={converged(s) ? 'ok' : 'warn'} data-testid="cap-convergence">
            {converged(s)
              ? s.rounds > 0
                ? t('cap.agreeAfter', { value: s.replicas.A.value ?? t('cap.empty'), rounds: s.rounds })
                : t('cap.agree', { value: s.replicas.A.value ?? t('cap.empty') })
              : t('cap.disagree', { rounds: s.rounds })}
            {converged(s) && lost.length > 0 ? t('cap.lost', { count: lost.length, values: list(lost.map((w) => w.value ?? '')) }) : ''}
          </p>
        ) : null}
      </div>
      {s.history.length > 0 ? (
        <div className="wg-scroll">
          <table className="wg-table" aria-label={t('cap.history.label')}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('cap.history.operation')}</th>
                <th scope="col">{t('cap.history.answer')}</th>
                <th scope="col">{t('cap.history.why')}</th>
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
                      {o.kind === 'write' ? t('cap.history.writeOp', { value: o.value ?? '', replica: o.at }) : t('cap.history.readOp', { replica: o.at })}
                    </td>
                    <td className={o.outcome === 'ok' ? 'wg-c-ok' : o.outcome === 'stale' ? 'wg-c-warn' : 'wg-c-bad'}>
                      <strong>{o.outcome === 'ok' && o.kind === 'read' ? (o.value ?? t('cap.empty')) : outcomeText[o.outcome]}</strong>
                      {o.outcome === 'stale' ? t('cap.history.staleValue', { value: o.value ?? t('cap.nothing') }) : ''}
                    </td>
                    <td className="wg-muted">{noteText(o.note)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
