'use client';

import { useEffect, useState } from 'react';
import './widgets.css';
import { SeriesPlot } from '../viewer/series-plot';
import { LOAD_RANGE, runCacheSim, type CacheMode, type CacheSimOptions, type CacheSimResult } from './cache/run-cache-sim';
import { SeedField, Stat } from './shared/seed-field';

const MODES: { id: CacheMode; label: string; zh: string; what: string }[] = [
  { id: 'breakdown', label: 'Breakdown', zh: '缓存击穿', what: 'One hot key expires while a crowd of readers wants it.' },
  { id: 'avalanche', label: 'Avalanche', zh: '缓存雪崩', what: 'Many keys loaded together with one TTL expire together.' },
  { id: 'penetration', label: 'Penetration', zh: '缓存穿透', what: 'A flood of lookups for keys that exist nowhere.' },
];

/** Cache stampede / avalanche / penetration simulator on engine/cache's reference workloads. */
export default function CacheStampedeSim({ mode: initialMode = 'breakdown', seed: initialSeed = 1 }: { mode?: CacheMode; seed?: number }) {
  const [opts, setOpts] = useState<CacheSimOptions>(() => ({
    mode: initialMode,
    seed: initialSeed,
    singleflight: false,
    jitter: false,
    bloom: false,
    nullCaching: false,
    load: LOAD_RANGE[initialMode].default,
  }));
  const [result, setResult] = useState<{ for: CacheSimOptions; r: CacheSimResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<CacheSimOptions>) => setOpts((o) => ({ ...o, ...patch }));

  useEffect(() => {
    let live = true;
    runCacheSim(opts).then(
      (r) => live && (setResult({ for: opts, r }), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [opts]);

  const mode = MODES.find((m) => m.id === opts.mode)!;
  const range = LOAD_RANGE[opts.mode];
  const r = result?.r;
  const running = result?.for !== opts;

  return (
    <section className="widget wg" aria-label="Cache failure simulator" data-testid="cache-sim">
      <div className="wg-head">
        <h3 className="wg-title">
          Cache simulator: {mode.label.toLowerCase()} <span lang="zh-CN">({mode.zh})</span>
        </h3>
        <SeedField seed={opts.seed} onChange={(seed) => set({ seed })} />
      </div>
      <div className="wg-toolbar">
        <div className="wg-group" role="group" aria-label="Failure">
          {MODES.map((m) => (
            <button key={m.id} type="button" aria-pressed={opts.mode === m.id} onClick={() => set({ mode: m.id, load: LOAD_RANGE[m.id].default })}>
              {m.label}
            </button>
          ))}
        </div>
        <p className="wg-sub">{mode.what}</p>
      </div>
      <div className="wg-toolbar">
        <fieldset className="wg-fieldset">
          <legend>Defences</legend>
          <label className="wg-label" title="Coalesce concurrent misses of one key into one DB load (breakdown)">
            <input type="checkbox" checked={opts.singleflight} disabled={opts.mode !== 'breakdown'} onChange={(e) => set({ singleflight: e.currentTarget.checked })} />
            Singleflight
          </label>
          <label className="wg-label" title="Add a random 0–3 s to each TTL (avalanche)">
            <input type="checkbox" checked={opts.jitter} disabled={opts.mode !== 'avalanche'} onChange={(e) => set({ jitter: e.currentTarget.checked })} />
            TTL jitter
          </label>
          <label className="wg-label" title="A 1% Bloom filter of the keys that exist (penetration)">
            <input type="checkbox" checked={opts.bloom} disabled={opts.mode !== 'penetration'} onChange={(e) => set({ bloom: e.currentTarget.checked })} />
            Bloom filter
          </label>
          <label className="wg-label" title="Cache 'not found' for 30 s (penetration)">
            <input type="checkbox" checked={opts.nullCaching} disabled={opts.mode !== 'penetration'} onChange={(e) => set({ nullCaching: e.currentTarget.checked })} />
            Cache nulls
          </label>
        </fieldset>
        <label className="wg-label-stack">
          {range.label}: {opts.load.toLocaleString('en-US')}
          <input type="range" min={range.min} max={range.max} step={range.step} value={opts.load} onChange={(e) => set({ load: Number(e.currentTarget.value) })} aria-label={range.label} />
        </label>
      </div>
      {error ? <p className="wg-error">The run failed: {error}</p> : null}
      {r ? (
        <div style={{ opacity: running ? 0.6 : 1 }} aria-busy={running}>
          <dl className="wg-stats" data-testid="cache-stats">
            {r.stats.map((s) => (
              <Stat key={s.label} label={s.label} value={s.value} tone={s.tone} />
            ))}
          </dl>
          <SeriesPlot
            title={`DB load over virtual time (${mode.label.toLowerCase()})`}
            series={r.series}
            tones={{ 'db queries': 'bad', reads: 'accent', misses: 'warn', lookups: 'accent' }}
            bound={r.bound}
            yLabel={`count ${r.perLabel}`}
            perLabel={r.perLabel}
          />
          <p className="wg-note" data-tone={r.ok ? 'ok' : 'bad'} aria-live="polite" data-testid="cache-verdict">
            {r.verdict}
          </p>
        </div>
      ) : (
        <p role="status" className="wg-muted">
          Running the simulation…
        </p>
      )}
    </section>
  );
}
