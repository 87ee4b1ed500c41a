import { describe, expect, it } from 'vitest';
import { ANSWER_HALF_LIFE, answerWeight, labValue, masteryScore, recall, stabilityValue, stagesFromTests, STABILITY_HALF_DAYS, weakest } from '@/lib/mastery/score';

const at = (i: number) => ({ atMs: 1_000_000 + i * 1000 });

describe('mastery formula (lib/mastery/score.ts)', () => {
  it('weighs the i-th newest answer 0.5^(i/5)', () => {
    expect(answerWeight(0)).toBe(1);
    expect(answerWeight(ANSWER_HALF_LIFE)).toBeCloseTo(0.5, 12);
    expect(answerWeight(2 * ANSWER_HALF_LIFE)).toBeCloseTo(0.25, 12);
  });

  it('shrinks recall toward 0.5 by one answer: one right is 0.75, one wrong 0.25, none is null', () => {
    expect(recall([])).toBeNull();
    expect(recall([{ score: 1, ...at(0) }])).toBeCloseTo(0.75, 12);
    expect(recall([{ score: 0, ...at(0) }])).toBeCloseTo(0.25, 12);
  });

  it('counts recent answers more: wrong-then-right beats right-then-wrong', () => {
    const improving = recall([
      { score: 0, ...at(0) },
      { score: 0, ...at(1) },
      { score: 1, ...at(2) },
      { score: 1, ...at(3) },
    ])!;
    const slipping = recall([
      { score: 1, ...at(0) },
      { score: 1, ...at(1) },
      { score: 0, ...at(2) },
      { score: 0, ...at(3) },
    ])!;
    expect(improving).toBeGreaterThan(0.5);
    expect(slipping).toBeLessThan(0.5);
    expect(improving + slipping).toBeCloseTo(1, 12); // symmetric around the prior
    // The order given does not matter, only the times.
    expect(recall([{ score: 1, ...at(3) }, { score: 0, ...at(0) }])).toBeCloseTo(recall([{ score: 0, ...at(0) }, { score: 1, ...at(3) }])!, 12);
  });

  it('maps mean stability S to S/(S+7): a week is a half, none is null, nonsense is 0', () => {
    expect(stabilityValue([])).toBeNull();
    expect(stabilityValue([STABILITY_HALF_DAYS])).toBeCloseTo(0.5, 12);
    expect(stabilityValue([0])).toBe(0);
    expect(stabilityValue([NaN, -3])).toBe(0);
    expect(stabilityValue([2, 12])).toBeCloseTo(7 / 14, 12);
  });

  it('scores labs by the share of stages passed, averaged over the labs tried', () => {
    expect(labValue([])).toBeNull();
    expect(labValue([{ labId: 'a', stagesPassed: 0, stagesTotal: 0 }])).toBeNull();
    expect(labValue([{ labId: 'a', stagesPassed: 1, stagesTotal: 4 }, { labId: 'b', stagesPassed: 3, stagesTotal: 4 }])).toBeCloseTo(0.5, 12);
  });

  it('reads stages from a result: a stage passes only when all its tests pass', () => {
    const tests = [
      { stage: 'timer', status: 'pass' },
      { stage: 'timer', status: 'pass' },
      { stage: 'vote', status: 'pass' },
      { stage: 'vote', status: 'fail' },
      { stage: 'cluster', status: 'error' },
    ];
    expect(stagesFromTests(tests)).toEqual({ stagesPassed: 1, stagesTotal: 3 });
    // A declared stage the run never reached counts as not passed.
    expect(stagesFromTests(tests, ['timing', 'timer', 'vote', 'cluster'])).toEqual({ stagesPassed: 1, stagesTotal: 4 });
    expect(stagesFromTests([{ status: 'pass' }, { status: 'pass' }])).toEqual({ stagesPassed: 1, stagesTotal: 1 });
  });

  it('combines the kinds of evidence present with weights 0.5 / 0.2 / 0.3', () => {
    expect(masteryScore({ answers: [], stabilities: [], labs: [] }).score).toBeNull();
    // Answers only: the recall itself.
    expect(masteryScore({ answers: [{ score: 1, ...at(0) }], stabilities: [], labs: [] }).score).toBe(75);
    // All three: (0.5·0.75 + 0.2·0.5 + 0.3·0.25) / 1 = 0.55
    const all = masteryScore({ answers: [{ score: 1, ...at(0) }], stabilities: [7], labs: [{ labId: 'x', stagesPassed: 1, stagesTotal: 4 }] });
    expect(all.score).toBe(55);
    expect(all.answers).toEqual({ recall: 75, count: 1, right: 1 });
    expect(all.stability).toEqual({ meanDays: 7, cards: 1, value: 50 });
    expect(all.labs).toEqual({ stagesPassed: 1, stagesTotal: 4, value: 25 });
    // Stability and labs only: (0.2·0 + 0.3·0.5) / 0.5 = 0.3
    expect(masteryScore({ answers: [], stabilities: [0], labs: [{ labId: 'x', stagesPassed: 1, stagesTotal: 2 }] }).score).toBe(30);
  });

  it('keeps the score within 0–100 for any input', () => {
    for (let i = 0; i < 200; i++) {
      const n = i % 7;
      const e = {
        answers: Array.from({ length: n }, (_, k) => ({ score: ((i * 7 + k * 13) % 11) / 10 - 0.05, atMs: (i * 31 + k * 17) % 97 })),
        stabilities: Array.from({ length: i % 3 }, (_, k) => ((i + k) % 5) * 40),
        labs: i % 4 ? [{ labId: 'l', stagesPassed: i % 5, stagesTotal: 4 }] : [],
      };
      const s = masteryScore(e).score;
      if (s !== null) {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
      }
    }
  });

  it('lists the weakest concepts with evidence, lowest first, more evidence first among equals', () => {
    const list = [
      { id: 'a', score: 40, evidence: 1 },
      { id: 'b', score: null, evidence: 0 },
      { id: 'c', score: 40, evidence: 5 },
      { id: 'd', score: 90, evidence: 3 },
      { id: 'e', score: 10, evidence: 1 },
    ];
    expect(weakest(list, 3).map((c) => c.id)).toEqual(['e', 'c', 'a']);
    expect(weakest(list).map((c) => c.id)).toEqual(['e', 'c', 'a', 'd']);
  });
});
