import { describe, expect, it } from 'vitest';
import { buildTimeline, replayFocus, reportedTimeMs, rpcBudget, type TraceInput } from '@/components/viewer';
import type { TraceEvent } from '@/engine/sim/trace';

/** A 3-node election: 2 vote requests, 2 replies, then heartbeats every 50 ms until 1000 ms. */
function electionTrace(extra: TraceEvent[] = []): TraceEvent[] {
  const events: TraceEvent[] = [
    { t: 0, k: 'role', node: 1, role: 'follower', term: 0 },
    { t: 0, k: 'role', node: 2, role: 'follower', term: 0 },
    { t: 0, k: 'role', node: 3, role: 'follower', term: 0 },
    { t: 150, k: 'role', node: 1, role: 'candidate', term: 1 },
  ];
  let id = 1;
  const send = (t: number, from: number, to: number, type: string, extraFields: Partial<Extract<TraceEvent, { k: 'send' }>> = {}) => {
    events.push({ t, k: 'send', id, from, to, type, term: 1, ...extraFields });
    events.push({ t: t + 5, k: 'recv', id });
    id++;
  };
  send(150, 1, 2, 'RequestVote');
  send(150, 1, 3, 'RequestVote');
  send(156, 2, 1, 'RequestVoteResponse', { ok: true });
  send(156, 3, 1, 'RequestVoteResponse', { ok: true });
  events.push({ t: 162, k: 'role', node: 1, role: 'leader', term: 1 });
  for (let t = 200; t <= 1000; t += 50) {
    send(t, 1, 2, 'AppendEntries', { n: 0 });
    send(t, 1, 3, 'AppendEntries', { n: 0 });
  }
  return [...events, ...extra].sort((a, b) => a.t - b.t);
}

const focusOf = (events: TraceEvent[], message: string, truncated = 0) => replayFocus(buildTimeline({ version: 1, events } as TraceInput), { message, truncated });

describe('where the replay of a failing test opens', () => {
  it('at the first failing verdict, whatever the message says', () => {
    const events = electionTrace([{ t: 420, k: 'verdict', checker: 'election-safety', ok: false, detail: 'two leaders' }]);
    const focus = focusOf(events, 'election safety violated while electing (seed 3, at 900 ms)');
    expect(focus.anchor).toBe('violation');
    expect(focus.eventMs).toBe(420);
    expect(focus.timeMs).toBeGreaterThanOrEqual(420);
  });

  it('at the time the message reports when the trace has no verdict', () => {
    const focus = focusOf(electionTrace(), 'log matching violated with duplicated messages (seed 7, at 612 ms): node 2 has a different entry at index 3.');
    expect(reportedTimeMs('… (seed 7, at 612 ms): …')).toBe(612);
    expect(focus.anchor).toBe('reported-time');
    expect(focus.eventMs).toBe(612);
    // A log failure: AppendEntries matter; heartbeats stay hidden (not a message-count failure).
    expect(focus.kinds).toEqual(['append']);
    expect(focus.showHeartbeats).toBe(false);
  });

  it('an RPC-budget failure opens at the first message over the budget, with heartbeats shown', () => {
    const message = 'electing the first leader took 40 RPCs (budget 30) on the reliable network (seed 2): the candidates split the vote.';
    expect(rpcBudget(message)).toBe(30);
    const focus = focusOf(electionTrace(), message);
    expect(focus.anchor).toBe('over-budget');
    // 4 vote messages, then 2 heartbeats every 50 ms from 200 ms: the 31st message is sent at 200 + 13 × 50 ms.
    expect(focus.eventMs).toBe(850);
    expect(focus.showHeartbeats).toBe(true);
    expect(focus.kinds).toBeNull();
  });

  it('a re-election budget counts from the crash; a truncated trace or an idle-rate failure opens at the end', () => {
    const crash: TraceEvent = { t: 500, k: 'fault', fault: 'crash', node: 1 };
    const re = focusOf(electionTrace([crash]), 're-electing after the leader crashed took 12 RPCs (budget 10) on the reliable network (seed 4)');
    expect(re.anchor).toBe('over-budget');
    expect(re.eventMs).toBe(750); // messages from 500 ms: 2 every 50 ms → the 11th is sent at 750 ms
    const truncated = focusOf(electionTrace(), 'electing the first leader took 40 RPCs (budget 30) (seed 2)', 120);
    expect(truncated.anchor).toBe('end');
    expect(truncated.showHeartbeats).toBe(true);
    const idle = focusOf(electionTrace(), 'an idle 3-node cluster sent 80.0 RPCs per second (budget 60, seed 5). Heartbeat every 50 ms.');
    expect(idle.anchor).toBe('end');
    expect(idle.timeMs).toBe(1005);
    expect(idle.showHeartbeats).toBe(true);
    expect(idle.windowMs).toBeGreaterThan(1000);
  });

  it('a vote failure highlights vote messages; an unrelated message changes nothing', () => {
    const vote = focusOf(electionTrace(), 'node 2 granted two votes in term 1 (seed 1)');
    expect(vote.kinds).toEqual(['vote']);
    expect(vote.showHeartbeats).toBe(false);
    const plain = focusOf(electionTrace(), 'expected 3 but got 4');
    expect(plain).toMatchObject({ anchor: 'end', kinds: null, showHeartbeats: false, windowMs: 1000 });
  });
});
