import { describe, expect, it } from 'vitest';
import { answeredCount, currentItem, initialMockState, itemSeconds, mockReducer, nextOpen, secondsLeft, secondsUsed, type MockAction, type MockState } from '@/components/interview/mock-state';
import type { MockItem, MockReport, StartedMock } from '@/lib/data/mock-interview';

const q = (id: string, kind: 'quiz' | 'scenario' = 'quiz'): MockItem => ({ kind, question: { id, topic: 't', type: kind === 'quiz' ? 'single' : 'scenario', difficulty: 1, tags: ['x'], prompt: 'p?' } });
const c = (id: string): MockItem => ({ kind: 'card', card: { id, topic: 't', topicTitle: 'T', title: 'C', prompt: 'Say it', variants: [], difficulty: 1, seconds: 120, points: 5 } });
const mock: StartedMock = { mockId: 'm1', size: 10, durationSeconds: 600, startedAtMs: 0, items: [q('a'), q('b', 'scenario'), c('c')] };
const T0 = 1_700_000_000_000;
const run = (actions: MockAction[], from: MockState = initialMockState) => actions.reduce(mockReducer, from);
const started = () => run([{ type: 'start-requested' }, { type: 'started', mock, nowMs: T0 }]);
const report = { mockId: 'm1' } as MockReport;

describe('timed mock interview state (components/interview/mock-state.ts), clock injected', () => {
  it('starts on the first item with the full countdown', () => {
    const s = started();
    expect(s.phase).toBe('running');
    expect(currentItem(s)).toEqual(mock.items[0]);
    expect(secondsLeft(s)).toBe(600);
    expect(secondsUsed(s)).toBe(0);
  });

  it('answers a quick check, then a scenario (reveal, tick, record), then a card, and finishes as "answered"', () => {
    let s = started();
    s = run([{ type: 'record-requested' }, { type: 'recorded', nowMs: T0 + 20_000 }], s);
    expect(s.index).toBe(1);
    expect(answeredCount(s)).toBe(1);
    // A scenario cannot be recorded before its model answer is shown.
    expect(mockReducer(s, { type: 'record-requested' })).toBe(s);
    s = run([{ type: 'reveal-requested', nowMs: T0 + 80_000 }, { type: 'revealed', reveal: { modelAnswer: 'm', rubric: ['a', 'b', 'c'], explanation: 'e' } }, { type: 'toggle', point: 2 }, { type: 'toggle', point: 0 }, { type: 'toggle', point: 9 }], s);
    expect(s.ticked).toEqual([0, 2]);
    s = run([{ type: 'record-requested' }, { type: 'recorded', nowMs: T0 + 90_000 }], s);
    expect(currentItem(s)).toEqual(mock.items[2]);
    // The card's own seconds run from when it was shown and freeze at the outline.
    s = mockReducer(s, { type: 'tick', nowMs: T0 + 130_000 });
    expect(itemSeconds(s)).toBe(40);
    s = run([{ type: 'reveal-requested', nowMs: T0 + 150_000 }, { type: 'tick', nowMs: T0 + 200_000 }], s);
    expect(s.seconds).toBe(60);
    expect(itemSeconds(s)).toBe(60);
    s = run([{ type: 'revealed', reveal: { outline: ['1', '2', '3', '4', '5'], answer: 'a', followUps: [], traps: [], lessons: [] } }, { type: 'record-requested' }, { type: 'recorded', nowMs: T0 + 210_000 }], s);
    expect(s.phase).toBe('finishing');
    expect(s.endedBy).toBe('answered');
    expect(secondsUsed(s)).toBe(210);
    s = mockReducer(s, { type: 'finished', report });
    expect(s.phase).toBe('report');
    expect(s.report).toBe(report);
  });

  it('ends by itself when the injected clock passes the countdown', () => {
    let s = started();
    s = mockReducer(s, { type: 'tick', nowMs: T0 + 599_000 });
    expect(s.phase).toBe('running');
    expect(secondsLeft(s)).toBe(1);
    s = mockReducer(s, { type: 'tick', nowMs: T0 + 600_000 });
    expect(s.phase).toBe('finishing');
    expect(s.endedBy).toBe('time');
    expect(secondsUsed(s)).toBe(600);
    // A clock far past the end never counts more than the countdown.
    expect(secondsUsed(mockReducer(s, { type: 'tick', nowMs: T0 + 10_000_000 }))).toBe(600);
  });

  it('waits for an answer being recorded when time runs out, then finishes', () => {
    let s = run([{ type: 'record-requested' }, { type: 'tick', nowMs: T0 + 601_000 }], started());
    expect(s.phase).toBe('running');
    expect(s.timeUp).toBe(true);
    s = mockReducer(s, { type: 'recorded', nowMs: T0 + 602_000 });
    expect(s.phase).toBe('finishing');
    expect(s.endedBy).toBe('time');
    expect(answeredCount(s)).toBe(1);
  });

  it('skips to the next open item, wraps around, and never jumps to an answered one', () => {
    let s = run([{ type: 'go', index: 2, nowMs: T0 + 1000 }], started());
    expect(s.index).toBe(2);
    expect(nextOpen(s, 2)).toBe(0);
    s = run([{ type: 'go', index: 0, nowMs: T0 + 2000 }, { type: 'record-requested' }, { type: 'recorded', nowMs: T0 + 3000 }], s);
    expect(s.index).toBe(1);
    expect(mockReducer(s, { type: 'go', index: 0, nowMs: T0 + 4000 })).toBe(s);
  });

  it('ends early on request; a failed answer goes back to where it was with the error', () => {
    let s = run([{ type: 'record-requested' }, { type: 'failed', error: 'offline' }], started());
    expect(s).toMatchObject({ phase: 'running', step: 'answering', error: 'offline' });
    s = mockReducer(s, { type: 'finish-requested', endedBy: 'early' });
    expect(s).toMatchObject({ phase: 'finishing', endedBy: 'early', error: null });
    s = mockReducer(s, { type: 'failed', error: 'offline' });
    expect(s).toMatchObject({ phase: 'finishing', error: 'offline' });
    expect(mockReducer(s, { type: 'retry' }).error).toBeNull();
    expect(mockReducer(s, { type: 'restart' })).toBe(initialMockState);
  });

  it('a failed start returns to the intro with the message', () => {
    expect(run([{ type: 'start-requested' }, { type: 'failed', error: 'nope' }])).toMatchObject({ phase: 'intro', error: 'nope' });
  });
});
