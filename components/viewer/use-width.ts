'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The rendered width of an element, so an SVG can use it as its viewBox width and keep its text at
 * 1:1 scale on narrow screens instead of shrinking it. Clamped to [min, max]; `fallback` before layout.
 */
export function useWidth<E extends HTMLElement>(fallback: number, min: number, max: number) {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    const update = () => {
      const w = el.getBoundingClientRect().width;
      if (w > 0) setWidth(Math.round(Math.min(max, Math.max(min, w))));
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [min, max]);
  return { ref, width };
}
