'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';

type WidgetName = 'raft' | 'rateLimiter' | 'hashRing' | 'cache' | 'snowflake' | 'cap';

function LoadingText({ name }: { name: WidgetName }) {
  const t = useTranslations('widgets');
  const text: Record<WidgetName, string> = {
    raft: t('loading.raft'),
    rateLimiter: t('loading.rateLimiter'),
    hashRing: t('loading.hashRing'),
    cache: t('loading.cache'),
    snowflake: t('loading.snowflake'),
    cap: t('loading.cap'),
  };
  return (
    <div className="widget widget-loading" role="status" aria-live="polite">
      {text[name]}
    </div>
  );
}

/**
 * Lesson widgets, each split into its own chunk and loaded on demand in the browser, so a lesson
 * without widgets ships none of their code (or of the engines they run).
 */
function lazyWidget<P extends object>(name: WidgetName, load: () => Promise<{ default: ComponentType<P> }>) {
  const Loading = () => <LoadingText name={name} />;
  return dynamic(load, { ssr: false, loading: Loading });
}

export const RaftPlayground = lazyWidget('raft', () => import('./raft-playground'));
export const RateLimiterPlayground = lazyWidget('rateLimiter', () => import('./rate-limiter-playground'));
export const HashRingWidget = lazyWidget('hashRing', () => import('./hash-ring-widget'));
export const CacheStampedeSim = lazyWidget('cache', () => import('./cache-stampede-sim'));
export const SnowflakeDecoder = lazyWidget('snowflake', () => import('./snowflake-decoder'));
export const CapSandbox = lazyWidget('cap', () => import('./cap-sandbox'));
