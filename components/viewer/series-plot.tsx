'use client';

import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import '../widgets/widgets.css';
import { formatMs } from './time-controls';
import { useWidth } from './use-width';

/** One value per time bucket: values[i] covers [startMs + i·bucketMs, startMs + (i+1)·bucketMs). The shape engine/cache and engine/ratelimit report. */
export interface PlotSeries {
  name: string;
  startMs: number;
  bucketMs: number;
  values: readonly number[];
}

export type PlotTone = 'accent' | 'ok' | 'bad' | 'warn' | 'muted' | 'fg';

export interface PlotBound {
  /** The property's limit, in the plot's y units (e.g. "≤ 1 DB query per ms", "≤ 10 admitted per window"). */
  value: number;
  label: string;
}

export interface SeriesPlotProps {
  /** Accessible name and visible title. */
  title: string;
  series: readonly PlotSeries[];
  /** Colour per series name; default: accent, bad, ok, warn, … in order. */
  tones?: Readonly<Record<string, PlotTone>>;
  /** 'line' draws each series as a line over a light area; 'stacked' draws stacked bars (admitted over rejected). */
  kind?: 'line' | 'stacked';
  bound?: PlotBound;
  yLabel?: string;
  /** Unit of one bucket, for the readout ("per ms", "per 100 ms"); derived from bucketMs when omitted. */
  perLabel?: string;
  /** A vertical cursor at this virtual time (controlled); when omitted the plot keeps its own, moved by arrow keys or pointer. */
  cursorMs?: number;
  onCursorChange?: (ms: number) => void;
  height?: number;
}

const ORDER: PlotTone[] = ['accent', 'bad', 'ok', 'warn', 'muted'];
const PAD = { l: 46, r: 12, t: 14, b: 30 };

/** A "nice" axis maximum and tick step: 1, 2 or 5 × 10^k. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { max: Math.ceil(max / step) * step, step };
}

export function seriesExtent(series: readonly PlotSeries[]): { startMs: number; endMs: number } {
  if (series.length === 0) return { startMs: 0, endMs: 1 };
  const startMs = Math.min(...series.map((s) => s.startMs));
  const endMs = Math.max(...series.map((s) => s.startMs + s.values.length * s.bucketMs));
  return { startMs, endMs: Math.max(endMs, startMs + 1) };
}

function valueAt(s: PlotSeries, ms: number): number {
  const i = Math.floor((ms - s.startMs) / s.bucketMs);
  return i >= 0 && i < s.values.length ? (s.values[i] as number) : 0;
}

/** An SVG plot of bucketed series over virtual time, with the property's bound drawn as a dashed line. */
export function SeriesPlot({ title, series, tones, kind = 'line', bound, yLabel, perLabel, cursorMs, onCursorChange, height = 220 }: SeriesPlotProps) {
  const t = useTranslations('viewer');
  const format = useFormatter();
  const clipId = useId().replace(/:/g, '');
  const { ref: wrapRef, width: W } = useWidth<HTMLElement>(640, 300, 760);
  const { startMs, endMs } = seriesExtent(series);
  const [ownCursor, setOwnCursor] = useState<number | null>(null);
  const cursor = cursorMs ?? ownCursor;
  const setCursor = (ms: number) => {
    const clamped = Math.min(endMs - 1, Math.max(startMs, ms));
    if (onCursorChange) onCursorChange(clamped);
    else setOwnCursor(clamped);
  };
  const toneOf = (name: string, i: number): PlotTone => tones?.[name] ?? ORDER[i % ORDER.length]!;
  const bucketMs = series[0]?.bucketMs ?? 1;

  const yMaxData = useMemo(() => {
    let m = 0;
    if (kind === 'stacked') {
      const n = Math.max(0, ...series.map((s) => s.values.length));
      for (let i = 0; i < n; i++) m = Math.max(m, series.reduce((acc, s) => acc + (s.values[i] ?? 0), 0));
    } else for (const s of series) for (const v of s.values) m = Math.max(m, v);
    return Math.max(m, bound ? bound.value * 1.15 : 0);
  }, [series, kind, bound]);
  const { max: yMax, step: yStep } = niceScale(yMaxData);
  const H = W < 480 ? Math.round(height * 0.85) : height;
  const x = (ms: number) => PAD.l + ((ms - startMs) / (endMs - startMs)) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - (v / yMax) * (H - PAD.t - PAD.b);
  const xTicks = niceScale(endMs - startMs, W < 480 ? 3 : 5);

  const paths = useMemo(() => {
    if (kind !== 'line') return [];
    return series.map((s) => {
      let d = '';
      s.values.forEach((v, i) => {
        const x0 = x(s.startMs + i * s.bucketMs);
        const x1 = x(s.startMs + (i + 1) * s.bucketMs);
        d += `${i === 0 ? 'M' : 'L'}${x0.toFixed(1)},${y(v).toFixed(1)}L${x1.toFixed(1)},${y(v).toFixed(1)}`;
      });
      const first = x(s.startMs).toFixed(1);
      const last = x(s.startMs + s.values.length * s.bucketMs).toFixed(1);
      return { name: s.name, line: d, area: `${d}L${last},${y(0)}L${first},${y(0)}Z` };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [series, kind, yMax, startMs, endMs, H, W]);

  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const base = cursor ?? startMs;
    const step = e.shiftKey || e.key === 'PageUp' || e.key === 'PageDown' ? bucketMs * 10 : bucketMs;
    if (e.key === 'ArrowRight' || e.key === 'PageUp') setCursor(base + step);
    else if (e.key === 'ArrowLeft' || e.key === 'PageDown') setCursor(base - step);
    else if (e.key === 'Home') setCursor(startMs);
    else if (e.key === 'End') setCursor(endMs - 1);
    else return;
    e.preventDefault();
  };
  const per = perLabel ?? (bucketMs === 1 ? t('plot.perMs') : t('plot.per', { duration: formatMs(bucketMs) }));
  const peak = (s: PlotSeries) => s.values.reduce((m, v) => Math.max(m, v), 0);
  const total = (s: PlotSeries) => s.values.reduce((m, v) => m + v, 0);

  return (
    <figure className="sp-plot-wrap" style={{ margin: 0 }} ref={wrapRef}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="slider"
        tabIndex={0}
        aria-label={t('plot.aria', { title })}
        aria-valuemin={startMs}
        aria-valuemax={endMs}
        aria-valuenow={cursor ?? startMs}
        aria-valuetext={cursor === null ? t('plot.noCursor') : `${formatMs(cursor)}: ${series.map((s) => `${s.name} ${valueAt(s, cursor)}`).join(', ')}`}
        onKeyDown={onKey}
        onPointerMove={(e) => {
          if (e.buttons !== 1 && e.pointerType === 'mouse' && cursorMs !== undefined) return;
          const r = e.currentTarget.getBoundingClientRect();
          if (r.width === 0) return;
          const px = ((e.clientX - r.left) / r.width) * W;
          setCursor(startMs + ((px - PAD.l) / (W - PAD.l - PAD.r)) * (endMs - startMs));
        }}
      >
        <defs>
          <clipPath id={`clip-${clipId}`}>
            <rect x={PAD.l} y={PAD.t - 2} width={W - PAD.l - PAD.r} height={H - PAD.t - PAD.b + 2} />
          </clipPath>
        </defs>
        {Array.from({ length: Math.round(yMax / yStep) + 1 }, (_, i) => i * yStep).map((v) => (
          <g key={`y${v}`}>
            <line className="wg-svg-grid" x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} />
            <text className="wg-svg-muted" x={PAD.l - 6} y={y(v) + 3.5} textAnchor="end">
              {Number.isInteger(v) ? v : v.toFixed(2)}
            </text>
          </g>
        ))}
        {Array.from({ length: Math.floor((endMs - startMs) / xTicks.step) + 1 }, (_, i) => startMs + i * xTicks.step).map((ms) => (
          <g key={`x${ms}`}>
            <line className="wg-svg-axis" x1={x(ms)} x2={x(ms)} y1={H - PAD.b} y2={H - PAD.b + 4} />
            <text className="wg-svg-muted" x={x(ms)} y={H - PAD.b + 15} textAnchor="middle">
              {formatMs(ms)}
            </text>
          </g>
        ))}
        <line className="wg-svg-axis" x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} />
        {yLabel ? (
          <text className="wg-svg-muted" x={PAD.l} y={PAD.t - 4}>
            {yLabel}
          </text>
        ) : null}
        <g clipPath={`url(#clip-${clipId})`}>
          {kind === 'line'
            ? paths.map((p, i) => (
                <g key={p.name} className={`wg-c-${toneOf(p.name, i)}`} data-series={p.name}>
                  <path className="sp-area" d={p.area} />
                  <path className="sp-line" d={p.line} />
                </g>
              ))
            : (() => {
                const n = Math.max(0, ...series.map((s) => s.values.length));
                const s0 = series[0];
                if (s0 === undefined) return null;
                const bw = Math.max(0.5, x(s0.startMs + s0.bucketMs) - x(s0.startMs) - (n > 120 ? 0 : 1));
                const bars = [];
                for (let i = 0; i < n; i++) {
                  let acc = 0;
                  for (let k = 0; k < series.length; k++) {
                    const s = series[k]!;
                    const v = s.values[i] ?? 0;
                    if (v > 0) bars.push(<rect key={`${k}-${i}`} className={`sp-bar wg-c-${toneOf(s.name, k)}`} x={x(s.startMs + i * s.bucketMs)} width={bw} y={y(acc + v)} height={y(acc) - y(acc + v)} />);
                    acc += v;
                  }
                }
                return bars;
              })()}
        </g>
        {bound ? (
          <g data-testid="plot-bound">
            <line className="sp-bound" x1={PAD.l} x2={W - PAD.r} y1={y(bound.value)} y2={y(bound.value)} />
            <text className="sp-bound-label" x={W - PAD.r - 4} y={y(bound.value) - 5} textAnchor="end">
              {bound.label}
            </text>
          </g>
        ) : null}
        {cursor !== null ? <line className="rv-cursor" x1={x(cursor)} x2={x(cursor)} y1={PAD.t} y2={H - PAD.b} /> : null}
      </svg>
      <figcaption>
        <ul className="wg-legend" aria-label={t('plot.legend', { title })}>
          {series.map((s, i) => (
            <li key={s.name} className={`wg-c-${toneOf(s.name, i)}`}>
              <span className="wg-swatch" aria-hidden />
              <span className="wg-c-fg">
                {s.name} <span className="wg-muted">{t('plot.totals', { total: format.number(total(s)), peak: format.number(peak(s)), per })}</span>
              </span>
            </li>
          ))}
          {bound ? (
            <li className="wg-c-bad">
              <span className="wg-swatch wg-swatch-line" aria-hidden />
              <span className="wg-c-fg">{bound.label}</span>
            </li>
          ) : null}
        </ul>
        {cursor !== null ? (
          <p className="sp-readout" aria-live="polite">
            <span>
              {t.rich('plot.at', { time: formatMs(Math.floor((cursor - startMs) / bucketMs) * bucketMs + startMs), b: (chunks) => <strong>{chunks}</strong> })}
            </span>
            {series.map((s) => (
              <span key={s.name}>
                {s.name} <strong>{valueAt(s, cursor)}</strong>
              </span>
            ))}
          </p>
        ) : null}
      </figcaption>
    </figure>
  );
}
