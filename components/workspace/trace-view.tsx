'use client';

import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import { buildTimeline, replayFocus, rpcBudget, SeriesPlot, TraceReplayer, type PlotBound, type PlotSeries, type TraceInput } from '@/components/viewer';

/**
 * Draws what a failed test attached with attachTrace(): a engine/sim Raft trace (lanes and message
 * arrows in the replay viewer), time series (plots over virtual time, with the property's bound), a
 * list of log lines, or, for anything else, the JSON as text.
 */
export type ParsedTrace =
  | { kind: 'raft'; trace: TraceInput }
  | { kind: 'series'; series: PlotSeries[]; bound?: PlotBound; title?: string; plot?: 'line' | 'stacked' }
  | { kind: 'lines'; lines: string[] }
  | { kind: 'text'; text: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isEvent = (v: unknown) => isObject(v) && typeof v.t === 'number' && typeof v.k === 'string';
const isSeries = (v: unknown): v is PlotSeries =>
  isObject(v) && typeof v.name === 'string' && typeof v.startMs === 'number' && typeof v.bucketMs === 'number' && Array.isArray(v.values) && v.values.every((x) => typeof x === 'number');

export function parseTrace(text: string): ParsedTrace {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'text', text };
  }
  if (isObject(value) && value.version === 1 && Array.isArray(value.events) && value.events.every(isEvent)) return { kind: 'raft', trace: value as unknown as TraceInput };
  if (Array.isArray(value) && value.length > 0 && value.every(isEvent)) return { kind: 'raft', trace: value as unknown as TraceInput };
  if (isObject(value) && isObject(value.trace) && Array.isArray((value.trace as Record<string, unknown>).events)) return parseTrace(JSON.stringify(value.trace));
  const seriesList = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.series) ? value.series : null;
  if (seriesList && seriesList.length > 0 && seriesList.every(isSeries)) {
    const obj = isObject(value) && !Array.isArray(value) ? value : {};
    const bound = isObject(obj.bound) && typeof obj.bound.value === 'number' && typeof obj.bound.label === 'string' ? { value: obj.bound.value, label: obj.bound.label } : undefined;
    return {
      kind: 'series',
      series: seriesList,
      ...(bound ? { bound } : {}),
      ...(typeof obj.title === 'string' ? { title: obj.title } : {}),
      ...(obj.kind === 'stacked' ? { plot: 'stacked' as const } : {}),
    };
  }
  if (Array.isArray(value) && value.every((x) => typeof x === 'string')) return { kind: 'lines', lines: value as string[] };
  return { kind: 'text', text: JSON.stringify(value, null, 2) };
}

/**
 * A Raft replay opened where the failure happened, with the messages it is about shown
 * (components/viewer/replay-focus.ts), and a line saying so.
 */
function FocusedReplay({ trace, testName, seed, message }: { trace: TraceInput; testName: string; seed?: number | undefined; message?: string | undefined }) {
  const t = useTranslations('help');
  const focus = useMemo(() => {
    const truncated = Array.isArray(trace) ? 0 : Number((trace as { truncated?: unknown }).truncated ?? 0) || 0;
    return replayFocus(buildTimeline(trace), { message, truncated });
  }, [trace, message]);
  const notes = [
    focus.anchor === 'reported-time' ? t('replay.atReported', { t: Math.round(focus.eventMs) }) : null,
    focus.anchor === 'over-budget' ? t('replay.atOverBudget', { t: Math.round(focus.eventMs), budget: rpcBudget(message) ?? 0 }) : null,
    focus.showHeartbeats ? t('replay.heartbeats') : null,
    focus.kinds?.length === 1 && focus.kinds[0] === 'vote' ? t('replay.votes') : focus.kinds?.length === 1 && focus.kinds[0] === 'append' ? t('replay.append') : focus.kinds ? t('replay.votesAndAppend') : null,
  ].filter((n): n is string => n !== null);
  return (
    <>
      {notes.length > 0 ? (
        <p className="replay-focus muted small" data-testid="replay-focus" data-anchor={focus.anchor}>
          {notes.join(' ')}
        </p>
      ) : null}
      <TraceReplayer
        trace={trace}
        title={testName}
        {...(seed === undefined ? {} : { seed })}
        initialTimeMs={focus.timeMs}
        windowMs={focus.windowMs}
        initialShowHeartbeats={focus.showHeartbeats}
        focusKinds={focus.kinds}
      />
    </>
  );
}

export function TraceView({ text, testName, seed, message }: { text: string; testName: string; seed?: number; message?: string }) {
  const t = useTranslations('workspace');
  const parsed = parseTrace(text);
  switch (parsed.kind) {
    case 'raft':
      return <FocusedReplay trace={parsed.trace} testName={testName} seed={seed} message={message} />;
    case 'series':
      return <SeriesPlot title={parsed.title ?? testName} series={parsed.series} {...(parsed.bound ? { bound: parsed.bound } : {})} {...(parsed.plot ? { kind: parsed.plot } : {})} />;
    case 'lines':
      return (
        <ol className="trace-lines" aria-label={t('trace.lines', { name: testName })}>
          {parsed.lines.map((line, i) => (
            <li key={i}>
              <code>{line}</code>
            </li>
          ))}
        </ol>
      );
    default:
      return <pre className="trace-text">{parsed.text}</pre>;
  }
}
