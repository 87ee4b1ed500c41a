'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';

export const DEFAULT_SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export interface TimeControlsProps {
  /** Current virtual time. */
  timeMs: number;
  minMs: number;
  maxMs: number;
  onTimeChange: (timeMs: number) => void;
  playing: boolean;
  onPlayingChange: (playing: boolean) => void;
  speed: number;
  onSpeedChange: (speed: number) => void;
  speeds?: readonly number[];
  /** Advance to the next event (shown as a "Step" button when given). */
  onStep?: () => void;
  /** Slider step in ms (arrow keys); PageUp/PageDown move ten steps. */
  stepMs?: number;
  /** What the slider scrubs, for its accessible name. */
  label?: string;
  /** Format the time readout. */
  format?: (ms: number) => string;
}

/** Virtual time for axes and readouts: "350 ms", "12.50 s" (unit symbols, the same in both languages). */
export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

/** Play/pause, step, a time slider and a speed selector: the scrubbing controls shared by every viewer. */
export function TimeControls({
  timeMs,
  minMs,
  maxMs,
  onTimeChange,
  playing,
  onPlayingChange,
  speed,
  onSpeedChange,
  speeds = DEFAULT_SPEEDS,
  onStep,
  stepMs = 10,
  label: labelProp,
  format = formatMs,
}: TimeControlsProps) {
  const t = useTranslations('viewer');
  const label = labelProp ?? t('controls.virtualTime');
  const atEnd = timeMs >= maxMs;
  return (
    <div className="wg-time" role="group" aria-label={t('controls.group', { label })}>
      <button type="button" className="wg-primary" onClick={() => onPlayingChange(!playing)} aria-label={playing ? t('controls.pause') : t('controls.play')} disabled={!playing && atEnd && onStep === undefined && maxMs <= minMs}>
        {playing ? t('controls.pauseButton') : t('controls.playButton')}
      </button>
      {onStep ? (
        <button type="button" onClick={onStep} aria-label={t('controls.step')}>
          {t('controls.stepButton')}
        </button>
      ) : (
        <span />
      )}
      <input
        className="wg-time-slider"
        type="range"
        min={minMs}
        max={Math.max(minMs, maxMs)}
        step={stepMs}
        value={Math.min(Math.max(timeMs, minMs), Math.max(minMs, maxMs))}
        aria-label={label}
        aria-valuetext={format(timeMs)}
        onChange={(e) => onTimeChange(Number(e.currentTarget.value))}
      />
      <span className="wg-group">
        <output aria-live="off">{format(timeMs)}</output>
        <label className="wg-label">
          <span className="sr-only">{t('controls.speed')}</span>
          <select value={speed} onChange={(e) => onSpeedChange(Number(e.currentTarget.value))} aria-label={t('controls.speed')}>
            {speeds.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </span>
    </div>
  );
}

/**
 * Calls onFrame(elapsed real ms) on every animation frame while `playing`; the caller turns real
 * time into virtual time with its own speed. Frames are capped at 100 ms so a background tab does
 * not jump ahead when it comes back.
 */
export function useAnimationFrames(playing: boolean, onFrame: (realMs: number) => void): void {
  const cb = useRef(onFrame);
  useEffect(() => {
    cb.current = onFrame;
  });
  useEffect(() => {
    if (!playing) return;
    let last: number | null = null;
    let handle = 0;
    const loop = (now: number) => {
      if (last !== null) cb.current(Math.min(100, now - last));
      last = now;
      handle = requestAnimationFrame(loop);
    };
    handle = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(handle);
  }, [playing]);
}
