import { describe, expect, it } from 'vitest';
import { currentCard, drillReducer, elapsedSeconds, initialDrillState, isLastCard, previewGrade, type DrillAction, type DrillState } from '@/components/interview/drill-state';
import type { CardReveal, PublicCard, StartedDrill } from '@/lib/data/interview';

const card = (id: string, points = 6): PublicCard => ({ id, topic: 'raft', topicTitle: 'Raft', title: id, prompt: `Explain ${id}?`, variants: [], difficulty: 1, seconds: 120, points });
const drill: StartedDrill = { sessionId: 's1', kind: 'mock', topic: null, cards: [card('a'), card('b', 5)] };
const reveal = (points: number): CardReveal => ({ outline: Array.from({ length: points }, (_, i) => `point ${i}`), answer: 'x', followUps: [], traps: [], lessons: [] });
const run = (actions: DrillAction[], from: DrillState = initialDrillState) => actions.reduce(drillReducer, from);

describe('interview drill state machine', () => {
  it('walks intro → answering → revealed → recorded → next card → report', () => {
    let s = run([{ type: 'started', drill, nowMs: 1_000 }]);
    expect(s.phase).toBe('answering');
    expect(currentCard(s)?.id).toBe('a');
    expect(elapsedSeconds(s, 62_900)).toBe(61);
    s = run([{ type: 'notes', text: 'terms, votes' }, { type: 'reveal-requested', nowMs: 95_000 }], s);
    expect(s).toMatchObject({ phase: 'revealing', seconds: 94 });
    expect(elapsedSeconds(s, 500_000)).toBe(94); // the timer stops when the outline is asked for
    s = run([{ type: 'revealed', reveal: reveal(6) }, { type: 'toggle', point: 4 }, { type: 'toggle', point: 1 }, { type: 'toggle', point: 2 }], s);
    expect(s.ticked).toEqual([1, 2, 4]);
    expect(previewGrade(s)).toBe('hard');
    s = run([{ type: 'tick-all' }], s);
    expect(previewGrade(s)).toBe('easy'); // all six within 120 s
    s = run([{ type: 'record-requested' }, { type: 'recorded', result: { cardId: 'a', grade: 'easy', covered: 6, points: 6, percent: 100, nextDue: '2026-01-01T00:00:00Z' } }], s);
    expect(s.phase).toBe('recorded');
    expect(isLastCard(s)).toBe(false);
    s = run([{ type: 'next', nowMs: 200_000 }], s);
    expect(s).toMatchObject({ phase: 'answering', index: 1, notes: '', ticked: [], reveal: null, shownAtMs: 200_000 });
    expect(isLastCard(s)).toBe(true);
    s = run([{ type: 'reveal-requested', nowMs: 400_000 }, { type: 'revealed', reveal: reveal(5) }, { type: 'toggle', point: 0 }], s);
    expect(previewGrade(s)).toBe('again'); // 1 of 5
    s = run([{ type: 'record-requested' }, { type: 'recorded', result: { cardId: 'b', grade: 'again', covered: 1, points: 5, percent: 20, nextDue: 'x' } }], s);
    expect(run([{ type: 'next', nowMs: 1 }], s)).toBe(s); // no card after the last
    s = run([{ type: 'finish-requested' }], s);
    expect(s.phase).toBe('finishing');
    expect(s.results.map((r) => r.cardId)).toEqual(['a', 'b']);
  });

  it('ignores actions that do not fit the phase', () => {
    const answering = run([{ type: 'started', drill, nowMs: 0 }]);
    expect(run([{ type: 'toggle', point: 1 }], answering)).toBe(answering); // no ticking before the outline
    expect(run([{ type: 'record-requested' }], answering)).toBe(answering);
    const revealed = run([{ type: 'reveal-requested', nowMs: 1 }, { type: 'revealed', reveal: reveal(6) }], answering);
    expect(run([{ type: 'toggle', point: 6 }], revealed)).toBe(revealed); // out of range
    expect(run([{ type: 'toggle', point: -1 }], revealed)).toBe(revealed);
    expect(run([{ type: 'reveal-requested', nowMs: 99 }], revealed)).toBe(revealed);
    expect(run([{ type: 'started', drill: { ...drill, cards: [] }, nowMs: 0 }]).error).toMatch(/no cards/);
  });

  it('a failed request goes back to where it came from, keeping the learner’s work', () => {
    const revealed = run([{ type: 'started', drill, nowMs: 0 }, { type: 'notes', text: 'mine' }, { type: 'reveal-requested', nowMs: 30_000 }, { type: 'revealed', reveal: reveal(6) }, { type: 'toggle', point: 3 }]);
    const failed = run([{ type: 'record-requested' }, { type: 'failed', error: 'offline' }], revealed);
    expect(failed).toMatchObject({ phase: 'revealed', ticked: [3], notes: 'mine', error: 'offline' });
    const revealFailed = run([{ type: 'started', drill, nowMs: 0 }, { type: 'reveal-requested', nowMs: 5_000 }, { type: 'failed', error: 'x' }]);
    expect(revealFailed.phase).toBe('answering');
  });
});
