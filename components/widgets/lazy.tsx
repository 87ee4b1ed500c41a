'use client';

import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';

/**
 * Lesson widgets, each split into its own chunk and loaded on demand in the browser, so a lesson
 * without widgets ships none of their code (or of the engines they run).
 */
function lazyWidget<P extends object>(name: string, load: () => Promise<{ default: ComponentType<P> }>) {
  const Loading = () => (
    <div className="widget widget-loading" role="status" aria-live="polite">
      Loading the {name}…
    </div>
  );
  return dynamic(load, { ssr: false, loading: Loading });
}

export const RaftPlayground = lazyWidget('Raft playground', () => import('./raft-playground'));
export const RateLimiterPlayground = lazyWidget('rate-limiter playground', () => import('./rate-limiter-playground'));
export const HashRingWidget = lazyWidget('hash ring', () => import('./hash-ring-widget'));
export const CacheStampedeSim = lazyWidget('cache simulator', () => import('./cache-stampede-sim'));
export const SnowflakeDecoder = lazyWidget('Snowflake decoder', () => import('./snowflake-decoder'));
export const CapSandbox = lazyWidget('CAP sandbox', () => import('./cap-sandbox'));
