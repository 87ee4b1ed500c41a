/**
 * Mastery of one concept (a lesson: "<topic>/<slug>"), 0–100, from three kinds of evidence.
 * Pure: no database, no clock; lib/data/mastery.ts gathers the evidence.
 *
 * 1. Answers (weight 0.5) — quiz answers score 1 (right) or 0 (wrong); interview-card and scenario answers
 *    score the share of points covered. Recent answers weigh more: the i-th newest (i = 0, 1, …) weighs
 *    0.5^(i / 5), so an answer five answers ago counts half as much as the newest. The weighted mean is
 *    shrunk toward 0.5 by a prior worth one answer, so one right answer is 75, not 100:
 *        recall = (Σ wᵢ·sᵢ + 1 · 0.5) / (Σ wᵢ + 1)
 * 2. Review stability (weight 0.2) — the mean FSRS stability S̄ (days until recall drops to 90 %) of the
 *    concept's review cards, as S̄ / (S̄ + 7): a week of stability is 0.5, a month ≈ 0.81, a card a failed
 *    lab added and never reviewed (S = 0) is 0.
 * 3. Labs (weight 0.3) — for each lab of the lesson, the latest graded (hidden) submission, stage by stage:
 *    the share of the lab's stages whose tests all passed; the mean over the lesson's labs tried.
 *
 * mastery = round(100 · Σ wₖ·vₖ / Σ wₖ) over the kinds of evidence the learner has; null with none (an
 * untouched concept is "not started", not weak).
 */

export const MASTERY_WEIGHTS = { answers: 0.5, stability: 0.2, labs: 0.3 } as const;
/** How many answers back an answer counts half. */
export const ANSWER_HALF_LIFE = 5;
/** The prior the recall estimate is shrunk toward, and how many answers it is worth. */
export const RECALL_PRIOR = { score: 0.5, weight: 1 } as const;
/** The stability (days) that counts as half-way to retained. */
export const STABILITY_HALF_DAYS = 7;

export type AnswerEvidence = {
  /** 0..1: 1 right, 0 wrong, or the share of points covered. */
  score: number;
  atMs: number;
};
export type LabEvidence = { labId: string; stagesPassed: number; stagesTotal: number };
export type ConceptEvidence = {
  answers: readonly AnswerEvidence[];
  /** FSRS stability (days) of each review card of the concept. */
  stabilities: readonly number[];
  labs: readonly LabEvidence[];
};

export type MasteryBreakdown = {
  /** 0–100, or null without evidence. */
  score: number | null;
  /** Recency-weighted, shrunk recall 0–100 and the raw counts, or null without answers. */
  answers: { recall: number; count: number; right: number } | null;
  stability: { meanDays: number; cards: number; value: number } | null;
  labs: { stagesPassed: number; stagesTotal: number; value: number } | null;
};

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** The weight of the i-th newest answer. */
export function answerWeight(i: number): number {
  return Math.pow(0.5, i / ANSWER_HALF_LIFE);
}

/** Recency-weighted recall 0..1 shrunk toward the prior; null without answers. */
export function recall(answers: readonly AnswerEvidence[]): number | null {
  if (answers.length === 0) return null;
  const newestFirst = [...answers].sort((a, b) => b.atMs - a.atMs);
  let num = RECALL_PRIOR.score * RECALL_PRIOR.weight;
  let den = RECALL_PRIOR.weight;
  newestFirst.forEach((a, i) => {
    const w = answerWeight(i);
    num += w * clamp01(a.score);
    den += w;
  });
  return num / den;
}

/** Mean stability (days) turned into 0..1; null without cards. */
export function stabilityValue(stabilities: readonly number[]): number | null {
  if (stabilities.length === 0) return null;
  const mean = stabilities.reduce((n, s) => n + Math.max(0, Number.isFinite(s) ? s : 0), 0) / stabilities.length;
  return mean / (mean + STABILITY_HALF_DAYS);
}

/** Mean share of stages passed over the labs tried; null without labs. */
export function labValue(labs: readonly LabEvidence[]): number | null {
  const tried = labs.filter((l) => l.stagesTotal > 0);
  if (tried.length === 0) return null;
  return tried.reduce((n, l) => n + clamp01(l.stagesPassed / l.stagesTotal), 0) / tried.length;
}

export function masteryScore(e: ConceptEvidence): MasteryBreakdown {
  const r = recall(e.answers);
  const s = stabilityValue(e.stabilities);
  const l = labValue(e.labs);
  const parts: [number, number][] = [];
  if (r !== null) parts.push([MASTERY_WEIGHTS.answers, r]);
  if (s !== null) parts.push([MASTERY_WEIGHTS.stability, s]);
  if (l !== null) parts.push([MASTERY_WEIGHTS.labs, l]);
  const weight = parts.reduce((n, [w]) => n + w, 0);
  const score = weight > 0 ? Math.round((100 * parts.reduce((n, [w, v]) => n + w * v, 0)) / weight) : null;
  const meanDays = e.stabilities.length ? e.stabilities.reduce((n, x) => n + x, 0) / e.stabilities.length : 0;
  const tried = e.labs.filter((x) => x.stagesTotal > 0);
  return {
    score,
    answers: r === null ? null : { recall: Math.round(100 * r), count: e.answers.length, right: e.answers.filter((a) => a.score >= 1).length },
    stability: s === null ? null : { meanDays: Math.round(meanDays * 10) / 10, cards: e.stabilities.length, value: Math.round(100 * s) },
    labs: l === null ? null : { stagesPassed: tried.reduce((n, x) => n + x.stagesPassed, 0), stagesTotal: tried.reduce((n, x) => n + x.stagesTotal, 0), value: Math.round(100 * l) },
  };
}

/** A lab result stage by stage: a stage passes when every test of it passed; tests without a stage form one stage. */
export function stagesFromTests(tests: readonly { stage?: string; status: string }[], declaredStages: readonly string[] = []): { stagesPassed: number; stagesTotal: number } {
  const byStage = new Map<string, boolean>();
  for (const s of declaredStages) byStage.set(s, false);
  const seen = new Set<string>();
  for (const t of tests) {
    const stage = t.stage ?? '';
    const ok = t.status === 'pass';
    byStage.set(stage, seen.has(stage) ? byStage.get(stage)! && ok : ok);
    seen.add(stage);
  }
  // A declared stage with no test in the run (the run stopped early) did not pass.
  const stagesTotal = byStage.size;
  const stagesPassed = [...byStage.entries()].filter(([stage, ok]) => ok && seen.has(stage)).length;
  return { stagesPassed, stagesTotal };
}

/** The weakest concepts with evidence: lowest score first, then more evidence first; at most `limit`. */
export function weakest<T extends { score: number | null; evidence: number }>(concepts: readonly T[], limit = 5): T[] {
  return concepts
    .filter((c): c is T & { score: number } => c.score !== null)
    .sort((a, b) => a.score - b.score || b.evidence - a.evidence)
    .slice(0, limit);
}
