// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CacheStampedeSim from '@/components/widgets/cache-stampede-sim';
import CapSandbox from '@/components/widgets/cap-sandbox';
import HashRingWidget from '@/components/widgets/hash-ring-widget';
import RaftPlayground from '@/components/widgets/raft-playground';
import RateLimiterPlayground from '@/components/widgets/rate-limiter-playground';
import SnowflakeDecoder from '@/components/widgets/snowflake-decoder';
import { renderIntl } from './intl';

afterEach(cleanup);

/** Words a Chinese engineer keeps in English, plus the widgets' own identifiers (node names, values, units). */
const KEPT = /\b(?:Raft|PreVote|CheckQuorum|AppendEntries|RequestVote\w*|leader|follower|candidate|pre-candidate|term|log|index|commit|quorum|seed|no-op|Lamport|TTL|DB|Singleflight|Bloom|GCRA|CP|AP|LWW|CAP|Snowflake|ID|bigint|JavaScript|number|JSON|Twitter|Discord|Unix|UTC|epoch|Figure|Si|ms|s|cache-[a-j]|x=\d+|c\d+|Enter|M|hash|n)\b/g;

/** Every text and accessible name in the widget, with kept terms taken out: what is left must hold no English phrase. */
function englishLeft(root: HTMLElement): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.textContent ?? '');
  for (const el of root.querySelectorAll('[aria-label],[title],[aria-valuetext]')) {
    for (const a of ['aria-label', 'title', 'aria-valuetext']) if (el.getAttribute(a)) texts.push(el.getAttribute(a)!);
  }
  for (const el of root.querySelectorAll('title')) texts.push(el.textContent ?? '');
  return texts.map((s) => s.replace(KEPT, ' ')).flatMap((s) => s.match(/[A-Za-z]{3,}(?:\s+[A-Za-z]{3,})+/g) ?? []);
}

describe('the widgets in Chinese', () => {
  it('the English check finds English when there is some', () => {
    renderIntl(<CapSandbox />, 'en');
    expect(englishLeft(screen.getByTestId('cap-sandbox')).length).toBeGreaterThan(3);
  });

  it('Raft playground: controls, roles, captions and action results are Chinese; data-role stays English', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'clearTimeout'] });
    try {
      renderIntl(<RaftPlayground nodes={3} scenario="leader-crash" seed={2} />, 'zh-CN');
      const widget = screen.getByTestId('raft-playground');
      expect(screen.getByTestId('raft-caption').textContent).toContain('所有节点都以 follower 身份从 term 0 启动');
      expect(screen.getByTestId('raft-leader').textContent).toBe('没有 leader');
      fireEvent.change(screen.getByLabelText('播放速度'), { target: { value: '10' } });
      for (let i = 0; i < 200 && !/Leader/.test(screen.getByTestId('raft-leader').textContent ?? ''); i++) act(() => vi.advanceTimersByTime(50));
      const m = /Leader：节点 (\d)（term (\d+)）/.exec(screen.getByTestId('raft-leader').textContent ?? '');
      expect(m).not.toBeNull();
      fireEvent.click(screen.getByRole('button', { name: `让节点 ${m![1]} 宕机` }));
      expect(screen.getByTestId(`raft-node-${m![1]}`).getAttribute('data-role')).toBe('crashed');
      expect(screen.getByRole('list', { name: '最近的操作' }).textContent).toContain(`节点 ${m![1]} 宕机`);
      expect(screen.getByRole('table', { name: '节点状态' }).textContent).toContain('已宕机');
      expect(englishLeft(widget)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('CAP sandbox: outcomes and reasons are Chinese', () => {
    renderIntl(<CapSandbox />, 'zh-CN');
    fireEvent.click(screen.getByRole('button', { name: '在副本 A 写入 x=1' }));
    fireEvent.click(screen.getByRole('button', { name: '隔离副本 C' }));
    fireEvent.click(screen.getByRole('button', { name: '在副本 C 写入 x=2' }));
    expect(screen.getByTestId('cap-last').textContent).toContain('已拒绝');
    expect(screen.getByTestId('cap-last').textContent).toContain('无 quorum：C 只能联系到 C（需要 3 个中的 2 个）');
    expect(englishLeft(screen.getByTestId('cap-sandbox'))).toEqual([]);
  });

  it('cache simulator: verdict, stats and labels are Chinese, numbers grouped', async () => {
    renderIntl(<CacheStampedeSim mode="breakdown" />, 'zh-CN');
    await waitFor(() => expect(screen.getByTestId('cache-verdict').textContent).toMatch(/^缓存击穿：/));
    expect(screen.getByTestId('cache-verdict').textContent).toContain('1,000 个读请求');
    expect(screen.getByRole('heading').textContent).toBe('缓存模拟器：缓存击穿');
    expect(englishLeft(screen.getByTestId('cache-sim'))).toEqual([]);
  });

  it('hash ring: the note after a change is Chinese', () => {
    renderIntl(<HashRingWidget nodes={4} vnodes={8} />, 'zh-CN');
    fireEvent.click(screen.getByRole('button', { name: '添加节点（cache-e）' }));
    expect(screen.getByTestId('hr-note').textContent).toMatch(/^“添加 cache-e”之后，2,000 个 key 中有 \d+ 个换了归属节点。/);
    expect(englishLeft(screen.getByTestId('hash-ring'))).toEqual([]);
  });

  it('rate limiter: labels, drawer and verdict are Chinese', () => {
    renderIntl(<RateLimiterPlayground algorithm="fixed-window" />, 'zh-CN');
    expect(screen.getByRole('heading').textContent).toBe('限流器：固定窗口');
    fireEvent.change(screen.getByLabelText('流量'), { target: { value: 'drawn' } });
    expect(screen.getByTestId('traffic-drawer').getAttribute('aria-valuetext')).toBe('0–100 ms：2 个请求');
    expect(englishLeft(screen.getByTestId('ratelimit-playground'))).toEqual([]);
  });

  it('Snowflake decoder: fields, meanings and errors are Chinese', () => {
    renderIntl(<SnowflakeDecoder />, 'zh-CN');
    expect(screen.getByTestId('snowflake-time').textContent).toContain('（距 epoch 367,597,485,448 ms）');
    expect(englishLeft(screen.getByTestId('snowflake'))).toEqual([]);
    fireEvent.change(screen.getByLabelText('机器位数'), { target: { value: '6' } });
    expect(screen.getByText('各字段位数之和必须是 63（符号位固定为 0），当前为 64')).toBeTruthy();
    fireEvent.change(screen.getByTestId('snowflake-input'), { target: { value: '12x' } });
    expect(screen.getByText('ID 是十进制数：只能包含数字。')).toBeTruthy();
  });
});
