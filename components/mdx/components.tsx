import type { ComponentProps } from 'react';
import Link from 'next/link';
import { Callout } from './callout';
import { Figure, Hint, Term, YouWillLearn } from './lesson-parts';
import {
  CacheStampedeSim,
  CapSandbox,
  HashRingWidget,
  RaftPlayground,
  RateLimiterPlayground,
  SnowflakeDecoder,
} from '../widgets/lazy';

/** Internal links use the router (prefetch, no full reload); external ones open normally. */
function Anchor({ href = '', ...rest }: ComponentProps<'a'>) {
  if (href.startsWith('/')) return <Link href={href} {...rest} />;
  if (href.startsWith('#')) return <a href={href} {...rest} />;
  return <a href={href} rel="noreferrer noopener" target="_blank" {...rest} />;
}

/** The components every lesson may use without an import (see content/README.md). */
export const mdxComponents = {
  a: Anchor,
  Callout,
  Figure,
  Hint,
  Term,
  YouWillLearn,
  RaftPlayground,
  RateLimiterPlayground,
  HashRingWidget,
  CacheStampedeSim,
  SnowflakeDecoder,
  CapSandbox,
};
