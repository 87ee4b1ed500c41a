'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import './widgets.css';
import { SeriesPlot } from '../viewer/series-plot';
import {
  ALGORITHMS,
  BUCKET_MS,
  DEFAULT_PARAMS,
  DRAWN_BUCKETS,
  longRunPerSecond,
  PATTERNS,
  runLimiter,
  type Algorithm,
  type LimiterParams,
  type Pattern,
} from './ratelimit/run-limiter';
import { SeedField, Stat } from './shared/seed-field';

const DRAW_MAX = 20;
const INITIAL_DRAWN = Array.from({ length: DRAWN_BUCKETS }, (_, i) => (i >= 8 && i < 12 ? 12 : i >= 25 && i < 27 ? 18 : 2));

function NumberField({ label, value, min, max, onChange, unit }: { label: string; value: number; min: number; max: number; onChange: (v: number) => void; unit?: string }) {
  return (
    <label className="wg-label-stack">
      {label}
      <span className="wg-group">
        <input type="number" min={min} max={max} step={1} value={value} onChange={(e) => {
          const v = Math.round(Number(e.currentTarget.value));
          if (Number.isFinite(v)) onChange(Math.min(max, Math.max(min, v)));
        }} />
        {unit ? <span className="wg-muted">{unit}</span> : null}
      </span>
    </label>
  );
}

/** Draw a traffic pattern: 40 bars of 100 ms; pointer drag or arrow keys. */
function TrafficDrawer({ values, onChange }: { values: number[]; onChange: (v: number[]) => void }) {
  const t = useTranslations('widgets');
  const [sel, setSel] = useState(0);
  const ref = useRef<SVGSVGElement>(null);
  const W = 640;
  const H = 110;
  const bw = W / values.length;
  const setAt = (e: ReactPointerEvent<SVGSVGElement>) => {
    const r = ref.current!.getBoundingClientRect();
    if (r.width === 0) return;
    const i = Math.min(values.length - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * values.length)));
    const v = Math.min(DRAW_MAX, Math.max(0, Math.round(((r.bottom - e.clientY) / r.height) * DRAW_MAX)));
    if (values[i] !== v) onChange(values.map((x, k) => (k === i ? v : x)));
    setSel(i);
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const bump = (d: number) => onChange(values.map((x, k) => (k === sel ? Math.min(DRAW_MAX, Math.max(0, x + d)) : x)));
    if (e.key === 'ArrowLeft') setSel((s) => Math.max(0, s - 1));
    else if (e.key === 'ArrowRight') setSel((s) => Math.min(values.length - 1, s + 1));
    else if (e.key === 'ArrowUp') bump(1);
    else if (e.key === 'ArrowDown') bump(-1);
    else if (e.key === 'PageUp') bump(5);
    else if (e.key === 'PageDown') bump(-5);
    else return;
    e.preventDefault();
  };
  return (
    <div>
      <svg
        ref={ref}
        viewBox={`0 0 ${W} ${H}`}
        tabIndex={0}
        role="slider"
        aria-label={t('rateLimit.drawLabel')}
        aria-valuemin={0}
        aria-valuemax={DRAW_MAX}
        aria-valuenow={values[sel]}
        aria-valuetext={t('rateLimit.drawValue', { from: String(sel * BUCKET_MS), to: String((sel + 1) * BUCKET_MS), count: values[sel]! })}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          setAt(e);
        }}
        onPointerMove={(e) => e.buttons === 1 && setAt(e)}
        style={{ touchAction: 'none', cursor: 'crosshair' }}
        data-testid="traffic-drawer"
      >
        <rect x={0} y={0} width={W} height={H} className="d-fill-muted" rx={4} />
        {values.map((v, i) => (
          <rect key={i} x={i * bw + 1} width={bw - 2} y={H - (v / DRAW_MAX) * H} height={(v / DRAW_MAX) * H} className={`sp-bar ${i === sel ? 'wg-c-warn' : 'wg-c-accent'}`} opacity={i === sel ? 1 : 0.75} />
        ))}
      </svg>
      <p className="wg-sub">
        {t('rateLimit.drawHelp', { from: String(sel * BUCKET_MS), to: String((sel + 1) * BUCKET_MS), count: values[sel]! })}
      </p>
    </div>
  );
}

/** Rate-limiter playground on engine/ratelimit's reference limiters. */
export default function RateLimiterPlayground({ algorithm: initial = 'token-bucket', seed: initialSeed = 1 }: { algorithm?: Algorithm; seed?: number }) {
  const [algorithm, setAlgorithm] = useState<Algorithm>(ALGORITHMS.includes(initial) ? initial : 'token-bucket');
  const [params, setParams] = useState<LimiterParams>(DEFAULT_PARAMS[algorithm]);
  const [pattern, setPattern] = useState<Pattern>(initial === 'fixed-window' ? 'boundary' : 'bursts');
  const [seed, setSeed] = useState(initialSeed);
  const [drawn, setDrawn] = useState<number[]>(INITIAL_DRAWN);
  const set = (patch: Partial<LimiterParams>) => setParams((p) => ({ ...p, ...patch }));
  const t = useTranslations('widgets');
  const format = useFormatter();
  const algorithmLabel: Record<Algorithm, string> = {
    'token-bucket': t('rateLimit.algorithms.tokenBucket'),
    'leaky-bucket': t('rateLimit.algorithms.leakyBucket'),
    'fixed-window': t('rateLimit.algorithms.fixedWindow'),
    'sliding-log': t('rateLimit.algorithms.slidingLog'),
    'sliding-window': t('rateLimit.algorithms.slidingWindow'),
  };
  const patternLabel: Record<Pattern, string> = {
    steady: t('rateLimit.patterns.steady'),
    bursts: t('rateLimit.patterns.bursts'),
    boundary: t('rateLimit.patterns.boundary'),
    random: t('rateLimit.patterns.random'),
    drawn: t('rateLimit.patterns.drawn'),
  };
  const seriesName: Record<string, string> = { admitted: t('rateLimit.series.admitted'), rejected: t('rateLimit.series.rejected') };

  const result = useMemo(() => runLimiter(algorithm, params, pattern, seed, drawn), [algorithm, params, pattern, seed, drawn]);
  const { report } = result;
  const perBucket = (longRunPerSecond(algorithm, params) * BUCKET_MS) / 1000;
  const windows = algorithm === 'fixed-window' || algorithm === 'sliding-log' || algorithm === 'sliding-window';
  const over = windows && result.maxInWindow > params.limit;

  return (
    <section className="widget wg" aria-label={t('rateLimit.region')} data-testid="ratelimit-playground">
      <div className="wg-head">
        <h3 className="wg-title">{t('rateLimit.title', { algorithm: algorithmLabel[algorithm] })}</h3>
        <SeedField seed={seed} onChange={setSeed} />
      </div>
      <div className="wg-toolbar">
        <label className="wg-label">
          {t('rateLimit.algorithm')}
          <select
            value={algorithm}
            onChange={(e) => {
              const a = e.currentTarget.value as Algorithm;
              setAlgorithm(a);
              setParams(DEFAULT_PARAMS[a]);
            }}
          >
            {ALGORITHMS.map((a) => (
              <option key={a} value={a}>
                {algorithmLabel[a]}
              </option>
            ))}
          </select>
        </label>
        <label className="wg-label">
          {t('rateLimit.traffic')}
          <select value={pattern} onChange={(e) => setPattern(e.currentTarget.value as Pattern)}>
            {PATTERNS.map((p) => (
              <option key={p} value={p}>
                {patternLabel[p]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="wg-fieldset">
        <legend>{t('rateLimit.parameters')}</legend>
        {windows ? (
          <>
            <NumberField label={t('rateLimit.limitPerWindow')} value={params.limit} min={1} max={100} onChange={(limit) => set({ limit })} />
            <NumberField label={t('rateLimit.window')} value={params.intervalMs} min={100} max={4000} unit={t('rateLimit.ms')} onChange={(intervalMs) => set({ intervalMs })} />
          </>
        ) : algorithm === 'token-bucket' ? (
          <>
            <NumberField label={t('rateLimit.capacity')} value={params.limit} min={1} max={100} onChange={(limit) => set({ limit })} />
            <NumberField label={t('rateLimit.tokensPerRefill')} value={params.refillTokens} min={1} max={50} onChange={(refillTokens) => set({ refillTokens })} />
            <NumberField label={t('rateLimit.refillEvery')} value={params.intervalMs} min={1} max={2000} unit={t('rateLimit.ms')} onChange={(intervalMs) => set({ intervalMs })} />
          </>
        ) : (
          <>
            <NumberField label={params.leakyVariant === 'queue' ? t('rateLimit.queueCapacity') : t('rateLimit.bucketCapacity')} value={params.limit} min={1} max={100} onChange={(limit) => set({ limit })} />
            <NumberField label={t('rateLimit.leakEvery')} value={params.intervalMs} min={1} max={2000} unit={t('rateLimit.ms')} onChange={(intervalMs) => set({ intervalMs })} />
            <label className="wg-label-stack">
              {t('rateLimit.variant')}
              <select value={params.leakyVariant} onChange={(e) => set({ leakyVariant: e.currentTarget.value as 'queue' | 'meter' })}>
                <option value="queue">{t('rateLimit.variantQueue')}</option>
                <option value="meter">{t('rateLimit.variantMeter')}</option>
              </select>
            </label>
          </>
        )}
      </fieldset>
      {pattern === 'drawn' ? <TrafficDrawer values={drawn} onChange={setDrawn} /> : null}
      <dl className="wg-stats">
        <Stat label={t('rateLimit.stats.requests')} value={result.arrivals} />
        <Stat label={t('rateLimit.stats.admitted')} value={report.admitted} tone="ok" testId="rl-admitted" />
        <Stat label={t('rateLimit.stats.rejected')} value={report.rejected} tone={report.rejected > 0 ? 'bad' : undefined} testId="rl-rejected" />
        <Stat label={t('rateLimit.stats.maxInWindow', { window: String(result.windowMs) })} value={result.maxInWindow} tone={over ? 'bad' : undefined} testId="rl-max-window" />
        {algorithm === 'leaky-bucket' && params.leakyVariant === 'queue' ? <Stat label={t('rateLimit.stats.longestWait')} value={t('rateLimit.msValue', { value: format.number(result.maxDelayMs) })} tone="warn" /> : null}
      </dl>
      <SeriesPlot
        title={t('rateLimit.plotTitle')}
        series={report.series.map((s) => ({ ...s, name: seriesName[s.name] ?? s.name }))}
        kind="stacked"
        tones={{ [seriesName.admitted!]: 'ok', [seriesName.rejected!]: 'bad' }}
        bound={{ value: perBucket, label: t('rateLimit.bound', { rate: format.number(perBucket, { maximumFractionDigits: 1 }) }) }}
        yLabel={t('rateLimit.yLabel')}
        perLabel={t('rateLimit.per')}
      />
      <p className="wg-note" data-tone={over ? 'bad' : undefined} aria-live="polite">
        {over
          ? t('rateLimit.over', { max: result.maxInWindow, window: String(result.windowMs), limit: params.limit })
          : windows
            ? t('rateLimit.held', { window: String(result.windowMs), limit: params.limit })
            : algorithm === 'token-bucket'
              ? t('rateLimit.bucketsRefill', { max: result.maxInWindow })
              : t('rateLimit.bucketsLeak', { max: result.maxInWindow })}
      </p>
    </section>
  );
}
