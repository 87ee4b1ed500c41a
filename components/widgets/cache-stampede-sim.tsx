'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import './widgets.css';
import { SeriesPlot } from '../viewer/series-plot';
import { LOAD_RANGE, runCacheSim, type CacheMode, type CacheSimOptions, type CacheSimResult, type CacheSimStat, type CacheStatId, type CacheVerdictKey } from './cache/run-cache-sim';
import { SeedField, Stat } from './shared/seed-field';

const MODES: readonly CacheMode[] = ['breakdown', 'avalanche', 'penetration'];
/** The Chinese name of each failure, shown beside the English one (Chinese interviews use these terms). */
const ZH_TERM: Record<CacheMode, string> = { breakdown: '缓存击穿', avalanche: '缓存雪崩', penetration: '缓存穿透' };
/** The engine's series names, translated for the legend (tones stay keyed by the translated name). */
type SeriesName = 'db queries' | 'reads' | 'misses' | 'lookups';
const SERIES_TONES: Record<SeriesName, 'bad' | 'accent' | 'warn'> = { 'db queries': 'bad', reads: 'accent', misses: 'warn', lookups: 'accent' };

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

  const t = useTranslations('widgets');
  const locale = useLocale();
  const format = useFormatter();
  const modeLabel: Record<CacheMode, string> = { breakdown: t('cache.modes.breakdown'), avalanche: t('cache.modes.avalanche'), penetration: t('cache.modes.penetration') };
  const modeWhat: Record<CacheMode, string> = { breakdown: t('cache.what.breakdown'), avalanche: t('cache.what.avalanche'), penetration: t('cache.what.penetration') };
  const loadLabel: Record<CacheMode, string> = { breakdown: t('cache.load.breakdown'), avalanche: t('cache.load.avalanche'), penetration: t('cache.load.penetration') };
  const statLabel: Record<CacheStatId, string> = {
    dbLoadsHot: t('cache.stats.dbLoadsHot'),
    peakConcurrent: t('cache.stats.peakConcurrent'),
    readers: t('cache.stats.readers'),
    maxLatency: t('cache.stats.maxLatency'),
    peakPerSecond: t('cache.stats.peakPerSecond'),
    peakPer100ms: t('cache.stats.peakPer100ms'),
    dbQueries: t('cache.stats.dbQueries'),
    reads: t('cache.stats.reads'),
    dbQueriesAbsent: t('cache.stats.dbQueriesAbsent'),
    filtered: t('cache.stats.filtered'),
    falseNegatives: t('cache.stats.falseNegatives'),
    legitAbsent: t('cache.stats.legitAbsent'),
  };
  const seriesName: Record<SeriesName, string> = { 'db queries': t('cache.series.dbQueries'), reads: t('cache.series.reads'), misses: t('cache.series.misses'), lookups: t('cache.series.lookups') };
  const numbers = (values: Record<string, number>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, format.number(v)]));
  const verdictText = (key: CacheVerdictKey, values: Record<string, number>): string => {
    const v = numbers(values);
    const texts: Record<CacheVerdictKey, () => string> = {
      singleflight: () => t('cache.verdicts.singleflight', v),
      breakdown: () => t('cache.verdicts.breakdown', v),
      jitter: () => t('cache.verdicts.jitter', v),
      avalanche: () => t('cache.verdicts.avalanche', v),
      defended: () => t('cache.verdicts.defended', v),
      defendedBloom: () => t('cache.verdicts.defendedBloom', v),
      penetration: () => t('cache.verdicts.penetration', v),
    };
    return texts[key]();
  };
  const statValue = (s: CacheSimStat): string | number =>
    s.value2 !== undefined ? t('cache.pair', { a: format.number(s.value), b: format.number(s.value2) }) : s.unit === 'ms' ? t('cache.ms', { value: format.number(s.value) }) : s.value;
  const boundLabel = (b: CacheSimResult['bound']): string =>
    b.key === 'oneLoad' ? t('cache.bounds.oneLoad') : b.key === 'capacity' ? t('cache.bounds.capacity', numbers(b.values ?? {})) : t('cache.bounds.threePercent');
  const perLabel = (p: CacheSimResult['per']): string => (p === 'ms' ? t('cache.per.ms') : p === 'hundredMs' ? t('cache.per.hundredMs') : t('cache.per.tenMs'));
  const isSeries = (name: string): name is SeriesName => name in SERIES_TONES;
  const range = LOAD_RANGE[opts.mode];
  const r = result?.r;
  const running = result?.for !== opts;

  return (
    <section className="widget wg" aria-label={t('cache.region')} data-testid="cache-sim">
      <div className="wg-head">
        <h3 className="wg-title">
          {t('cache.title', { mode: locale === 'en' ? modeLabel[opts.mode].toLowerCase() : modeLabel[opts.mode] })}
          {locale === 'zh-CN' ? null : (
            <>
              {' '}
              <span lang="zh-CN">({ZH_TERM[opts.mode]})</span>
            </>
          )}
        </h3>
        <SeedField seed={opts.seed} onChange={(seed) => set({ seed })} />
      </div>
      <div className="wg-toolbar">
        <div className="wg-group" role="group" aria-label={t('cache.failure')}>
          {MODES.map((m) => (
            <button key={m} type="button" aria-pressed={opts.mode === m} onClick={() => set({ mode: m, load: LOAD_RANGE[m].default })}>
              {modeLabel[m]}
            </button>
          ))}
        </div>
        <p className="wg-sub">{modeWhat[opts.mode]}</p>
      </div>
      <div className="wg-toolbar">
        <fieldset className="wg-fieldset">
          <legend>{t('cache.defences')}</legend>
          <label className="wg-label" title={t('cache.singleflightTip')}>
            <input type="checkbox" checked={opts.singleflight} disabled={opts.mode !== 'breakdown'} onChange={(e) => set({ singleflight: e.currentTarget.checked })} />
            {t('cache.singleflight')}
          </label>
          <label className="wg-label" title={t('cache.jitterTip')}>
            <input type="checkbox" checked={opts.jitter} disabled={opts.mode !== 'avalanche'} onChange={(e) => set({ jitter: e.currentTarget.checked })} />
            {t('cache.jitter')}
          </label>
          <label className="wg-label" title={t('cache.bloomTip')}>
            <input type="checkbox" checked={opts.bloom} disabled={opts.mode !== 'penetration'} onChange={(e) => set({ bloom: e.currentTarget.checked })} />
            {t('cache.bloom')}
          </label>
          <label className="wg-label" title={t('cache.nullCachingTip')}>
            <input type="checkbox" checked={opts.nullCaching} disabled={opts.mode !== 'penetration'} onChange={(e) => set({ nullCaching: e.currentTarget.checked })} />
            {t('cache.nullCaching')}
          </label>
        </fieldset>
        <label className="wg-label-stack">
          {t('cache.loadValue', { label: loadLabel[opts.mode], value: format.number(opts.load) })}
          <input type="range" min={range.min} max={range.max} step={range.step} value={opts.load} onChange={(e) => set({ load: Number(e.currentTarget.value) })} aria-label={loadLabel[opts.mode]} />
        </label>
      </div>
      {error ? <p className="wg-error">{t('cache.failed', { error })}</p> : null}
      {r ? (
        <div style={{ opacity: running ? 0.6 : 1 }} aria-busy={running}>
          <dl className="wg-stats" data-testid="cache-stats">
            {r.stats.map((s) => (
              <Stat key={s.id} label={statLabel[s.id]} value={statValue(s)} tone={s.tone} />
            ))}
          </dl>
          <SeriesPlot
            title={t('cache.plotTitle', { mode: locale === 'en' ? modeLabel[opts.mode].toLowerCase() : modeLabel[opts.mode] })}
            series={r.series.map((s) => ({ ...s, name: isSeries(s.name) ? seriesName[s.name] : s.name }))}
            tones={Object.fromEntries(Object.entries(SERIES_TONES).map(([name, tone]) => [seriesName[name as SeriesName], tone]))}
            bound={{ value: r.bound.value, label: boundLabel(r.bound) }}
            yLabel={t('cache.yLabel', { per: perLabel(r.per) })}
            perLabel={perLabel(r.per)}
          />
          <p className="wg-note" data-tone={r.ok ? 'ok' : 'bad'} aria-live="polite" data-testid="cache-verdict">
            {verdictText(r.verdict.key, r.verdict.values)}
          </p>
        </div>
      ) : (
        <p role="status" className="wg-muted">
          {t('cache.running')}
        </p>
      )}
    </section>
  );
}
