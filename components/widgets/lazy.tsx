'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useId, type ComponentType, type ReactNode } from 'react';

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
 * A link, hidden until focused, that jumps past a widget: a playground adds about thirty tab stops,
 * so keyboard users can skip it on their way through the lesson. The target after the widget takes
 * focus (tabIndex -1), so the next Tab continues from there.
 */
function SkipWidget({ name, children }: { name: WidgetName; children: ReactNode }) {
  const t = useTranslations('widgets');
  const id = `after-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const text: Record<WidgetName, string> = {
    raft: t('skip.raft'),
    rateLimiter: t('skip.rateLimiter'),
    hashRing: t('skip.hashRing'),
    cache: t('skip.cache'),
    snowflake: t('skip.snowflake'),
    cap: t('skip.cap'),
  };
  return (
    <>
      <a className="skip-widget" href={`#${id}`}>
        {text[name]}
      </a>
      {children}
      <span id={id} className="skip-widget-target" tabIndex={-1} />
    </>
  );
}

/**
 * Lesson widgets, each split into its own chunk and loaded on demand in the browser, so a lesson
 * without widgets ships none of their code (or of the engines they run); each comes with a skip link.
 */
function lazyWidget<P extends object>(name: WidgetName, load: () => Promise<{ default: ComponentType<P> }>) {
  const Loading = () => <LoadingText name={name} />;
  const Widget = dynamic(load, { ssr: false, loading: Loading });
  function SkippableWidget(props: P) {
    return (
      <SkipWidget name={name}>
        <Widget {...props} />
      </SkipWidget>
    );
  }
  SkippableWidget.displayName = `Skippable(${name})`;
  return SkippableWidget;
}

export const RaftPlayground = lazyWidget('raft', () => import('./raft-playground'));
export const RateLimiterPlayground = lazyWidget('rateLimiter', () => import('./rate-limiter-playground'));
export const HashRingWidget = lazyWidget('hashRing', () => import('./hash-ring-widget'));
export const CacheStampedeSim = lazyWidget('cache', () => import('./cache-stampede-sim'));
export const SnowflakeDecoder = lazyWidget('snowflake', () => import('./snowflake-decoder'));
export const CapSandbox = lazyWidget('cap', () => import('./cap-sandbox'));
