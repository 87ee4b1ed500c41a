'use client';

import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

export interface SplitPaneProps {
  /** 'row': panes side by side (a vertical bar); 'column': stacked (a horizontal bar). */
  direction: 'row' | 'column';
  /** Size of the first pane, in percent of the container. */
  initialPercent: number;
  minPercent?: number;
  maxPercent?: number;
  /** Remembers the size in localStorage under this key. */
  storageKey?: string;
  /** Accessible name of the separator, e.g. "Resize instructions and editor". */
  label: string;
  /** id of the first pane, for aria-controls. */
  firstId: string;
  first: ReactNode;
  second: ReactNode;
  className?: string;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Two resizable panes. The separator is a focusable WAI-ARIA window splitter: arrow keys move it by
 * 2% (Shift: 10%), Home/End go to the limits, Enter restores the initial split; pointer drag works too.
 */
export function SplitPane({ direction, initialPercent, minPercent = 15, maxPercent = 85, storageKey, label, firstId, first, second, className }: SplitPaneProps) {
  const [percent, setPercent] = useState(initialPercent);
  const container = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  useEffect(() => {
    if (!storageKey) return;
    try {
      const stored = Number(localStorage.getItem(storageKey));
      // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring a stored size after hydration
      if (stored > 0) setPercent(clamp(stored, minPercent, maxPercent));
    } catch {
      /* storage unavailable */
    }
  }, [storageKey, minPercent, maxPercent]);

  const commit = useCallback(
    (next: number) => {
      const value = clamp(Math.round(next * 10) / 10, minPercent, maxPercent);
      setPercent(value);
      if (storageKey) {
        try {
          localStorage.setItem(storageKey, String(value));
        } catch {
          /* storage unavailable */
        }
      }
    },
    [minPercent, maxPercent, storageKey],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 10 : 2;
    const back = direction === 'row' ? 'ArrowLeft' : 'ArrowUp';
    const forward = direction === 'row' ? 'ArrowRight' : 'ArrowDown';
    let next: number | null = null;
    if (event.key === back) next = percent - step;
    else if (event.key === forward) next = percent + step;
    else if (event.key === 'Home') next = minPercent;
    else if (event.key === 'End') next = maxPercent;
    else if (event.key === 'Enter') next = initialPercent;
    if (next === null) return;
    event.preventDefault();
    commit(next);
  };

  const fromPointer = (event: PointerEvent<HTMLDivElement>) => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return null;
    return direction === 'row' ? ((event.clientX - box.left) / box.width) * 100 : ((event.clientY - box.top) / box.height) * 100;
  };

  return (
    <div ref={container} className={`split split-${direction}${className ? ` ${className}` : ''}`} style={{ ['--split' as string]: `${percent}%` }}>
      <div className="split-pane split-first" id={firstId}>
        {first}
      </div>
      <div
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-controls={firstId}
        aria-orientation={direction === 'row' ? 'vertical' : 'horizontal'}
        aria-valuenow={Math.round(percent)}
        aria-valuemin={minPercent}
        aria-valuemax={maxPercent}
        className="split-handle"
        onKeyDown={onKeyDown}
        onDoubleClick={() => commit(initialPercent)}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          event.preventDefault();
        }}
        onPointerMove={(event) => {
          if (!dragging.current) return;
          const next = fromPointer(event);
          if (next !== null) commit(next);
        }}
        onPointerUp={(event) => {
          dragging.current = false;
          event.currentTarget.releasePointerCapture(event.pointerId);
        }}
      />
      <div className="split-pane split-second">{second}</div>
    </div>
  );
}
