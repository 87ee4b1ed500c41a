// @vitest-environment happy-dom
import { cleanup, fireEvent, render as rtlRender, screen } from '@testing-library/react';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { buildTimeline, describeMessage, ENGLISH_MESSAGE_TEXTS, nextEventTime, SeriesPlot, TraceReplayer, bandAt, niceScale, type MessageTexts } from '@/components/viewer';
import { RaftCluster } from '@/engine/raft/cluster/raft-cluster';
import type { TraceEvent } from '@/engine/sim/trace';

afterEach(cleanup);

/** The viewer's words come from the `viewer` messages: render inside the app's provider. */
const render = (ui: ReactElement, locale: 'en' | 'zh-CN' = 'en') =>
  rtlRender(
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="UTC">
      {ui}
    </NextIntlClientProvider>,
  );

function recordedRun(): TraceEvent[] {
  const c = new RaftCluster({ nodes: 3, seed: 11 });
  c.runUntil(() => c.agreedLeader() !== null, 5000);
  const leader = c.leader()!;
  c.propose('x');
  c.runForMs(300);
  c.crash(leader);
  c.isolate(leader === 1 ? 2 : 1);
  c.runForMs(1500);
  c.heal();
  c.runForMs(500);
  return [...c.traceEvents()];
}

describe('trace model', () => {
  it('turns a engine/sim trace into bands, messages, faults and partitions', () => {
    const events = recordedRun();
    const tl = buildTimeline({ version: 1, events });
    expect(tl.nodes).toEqual([1, 2, 3]);
    const sends = events.filter((e) => e.k === 'send').length;
    expect(tl.messages).toHaveLength(sends);
    for (const m of tl.messages) if (m.outcome === 'recv') expect(m.endMs!).toBeGreaterThanOrEqual(m.sentMs);
    expect(tl.faults.filter((f) => f.fault === 'crash')).toHaveLength(1);
    const crash = tl.faults[0]!;
    expect(bandAt(tl, crash.node, crash.t)!.down).toBe(true);
    expect(tl.partitions).toHaveLength(1);
    expect(tl.partitions[0]!.toMs).toBeGreaterThan(tl.partitions[0]!.fromMs);
    expect(tl.bands.some((b) => b.role === 'leader')).toBe(true);
    expect(nextEventTime(tl, tl.startMs)).toBeGreaterThan(tl.startMs);
    expect(nextEventTime(tl, tl.endMs)).toBeNull();
  });

  it('niceScale picks 1-2-5 steps', () => {
    expect(niceScale(97)).toEqual({ max: 100, step: 50 });
    expect(niceScale(12, 4)).toEqual({ max: 15, step: 5 });
    expect(niceScale(0)).toEqual({ max: 1, step: 0.25 });
  });
});

describe('<TraceReplayer>', () => {
  it('opens at the checker violation, highlights it, and scrubs by keyboard', () => {
    const events = recordedRun();
    const t = events[Math.floor(events.length / 2)]!.t;
    const withVerdict: TraceEvent[] = [...events, { t, k: 'verdict' as const, checker: 'election-safety', ok: false, detail: 'two leaders in term 2' }].sort((a, b) => a.t - b.t);
    render(<TraceReplayer trace={{ version: 1, events: withVerdict }} title="Failed test replay" seed={11} />);
    expect(screen.getByRole('alert').textContent).toContain('election-safety');
    expect(screen.getByTestId('timeline-violation')).toBeTruthy();
    const slider = screen.getByRole('slider', { name: 'Replay time' }) as HTMLInputElement;
    expect(Number(slider.value)).toBeGreaterThanOrEqual(t);
    fireEvent.change(slider, { target: { value: String(events[0]!.t) } });
    expect(screen.queryByTestId('timeline-violation')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Step to the next event' }));
    expect(Number(slider.value)).toBeGreaterThan(events[0]!.t);
    fireEvent.click(screen.getByRole('button', { name: 'Jump to it' }));
    expect(screen.getByTestId('timeline-violation')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
  });
});

describe('<SeriesPlot>', () => {
  it('draws the bound and reads values at a keyboard-moved cursor', () => {
    render(
      <SeriesPlot
        title="DB load"
        series={[
          { name: 'db queries', startMs: 0, bucketMs: 10, values: [1, 5, 2] },
          { name: 'reads', startMs: 0, bucketMs: 10, values: [4, 4, 4] },
        ]}
        bound={{ value: 3, label: 'DB capacity' }}
      />,
    );
    expect(screen.getByTestId('plot-bound').textContent).toContain('DB capacity');
    const plot = screen.getByRole('slider', { name: /DB load/ });
    fireEvent.keyDown(plot, { key: 'Home' });
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(plot.getAttribute('aria-valuetext')).toBe('10 ms: db queries 5, reads 4');
    expect(screen.getByText(/total 8, peak 5/)).toBeTruthy();
  });
});

describe('the viewer in Chinese', () => {
  it('labels lanes, controls and counts in Chinese and keeps Raft terms', () => {
    const events = recordedRun();
    render(<TraceReplayer trace={{ version: 1, events }} seed={11} />, 'zh-CN');
    expect(screen.getByRole('slider', { name: '回放时间' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '播放' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '单步：跳到下一个事件' })).toBeTruthy();
    expect(screen.getAllByText('节点 1').length).toBeGreaterThan(0);
    expect(screen.getByText(/3 个节点 · [\d,]+ 条消息/)).toBeTruthy();
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/^回放，.* 时：节点 1：/);
  });

  it('describes messages in the given words (English by default)', () => {
    const m = { id: 1, from: 1, to: 2, type: 'AppendEntries', term: 3, n: 2, sentMs: 10, endMs: 14, outcome: 'recv' as const };
    expect(describeMessage(m)).toBe('AppendEntries (2 entries), term 3, node 1 → node 2, sent at 10 ms, arrived at 14 ms');
    expect(describeMessage({ ...m, type: 'RequestVoteResponse', ok: false, outcome: 'drop', why: 'partition' })).toBe('RequestVoteResponse (rejected), term 3, node 1 → node 2, sent at 10 ms, dropped (partition)');
    const zh: MessageTexts = { ...ENGLISH_MESSAGE_TEXTS, inFlight: () => '传输中', summary: (p) => `${p.what}，节点 ${p.from} → 节点 ${p.to}，${p.fate}` };
    expect(describeMessage({ ...m, endMs: null, outcome: 'inflight' }, zh)).toBe('AppendEntries (2 entries)，节点 1 → 节点 2，传输中');
  });
});
