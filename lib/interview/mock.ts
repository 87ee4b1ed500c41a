/**
 * The timed mock interview's rules, free of the database and the clock (times come in as arguments):
 * how many items of each kind, how long, the order they are served in, how an item is scored and
 * what readiness verdict a result earns.
 */

export const MOCK_SIZES = [10, 20, 30] as const;
export type MockSize = (typeof MOCK_SIZES)[number];
/** The overall countdown: 90 seconds an item (15 minutes for 10, 30 for 20, 45 for 30). */
export const SECONDS_PER_ITEM = 90;
/** Answers arriving this long after the countdown ended (a slow network) are still accepted. */
export const DEADLINE_GRACE_SECONDS = 30;
/** Share of the items that are scenario questions and spoken-answer cards; the rest are auto-graded. */
export const MOCK_MIX = { scenario: 0.2, card: 0.2 } as const;

export type MockItemKind = 'quiz' | 'scenario' | 'card';
export type MockItemRef = { kind: MockItemKind; id: string; topic: string };

export function mockDurationSeconds(size: number): number {
  return size * SECONDS_PER_ITEM;
}

/** How many items of each kind a mock of `size` asks for. */
export function mockComposition(size: number): Record<MockItemKind, number> {
  const scenario = Math.round(size * MOCK_MIX.scenario);
  const card = Math.round(size * MOCK_MIX.card);
  return { quiz: size - scenario - card, scenario, card };
}

/**
 * Spreads the kinds evenly: at each position the kind furthest behind its share goes next (ties: quiz,
 * then scenario, then card), so a mock opens with a quick question and the long answers are spaced out.
 */
export function arrangeMock(quiz: readonly MockItemRef[], scenario: readonly MockItemRef[], cards: readonly MockItemRef[]): MockItemRef[] {
  const lists = [quiz, scenario, cards];
  const total = lists.reduce((n, l) => n + l.length, 0);
  const taken = [0, 0, 0];
  const out: MockItemRef[] = [];
  for (let pos = 0; pos < total; pos++) {
    let best = -1;
    let bestLag = -Infinity;
    lists.forEach((list, k) => {
      if (taken[k]! >= list.length) return;
      const lag = ((pos + 1) * list.length) / total - taken[k]!;
      if (lag > bestLag + 1e-9) {
        best = k;
        bestLag = lag;
      }
    });
    out.push(lists[best]![taken[best]!]!);
    taken[best]!++;
  }
  return out;
}

/** Seconds left on the countdown (never negative), whole seconds rounded up so 0 means "time is up". */
export function remainingSeconds(startedAtMs: number, durationSeconds: number, nowMs: number): number {
  return Math.max(0, Math.ceil((startedAtMs + durationSeconds * 1000 - nowMs) / 1000));
}

/** Whether an answer at `nowMs` is still inside the countdown (plus the grace). */
export function withinDeadline(startedAtMs: number, durationSeconds: number, nowMs: number): boolean {
  return nowMs <= startedAtMs + (durationSeconds + DEADLINE_GRACE_SECONDS) * 1000;
}

/** An item's result: null when not answered, else a score 0..1. */
export type ItemOutcome = { ref: MockItemRef; score: number | null };

export type TopicScore = { topic: string; score: number; items: number; answered: number };
export type Verdict = 'ready' | 'almost' | 'not-yet';

/** Below this a topic is one of the weakest (and "ready" needs every topic with two or more items at or above TOPIC_FLOOR). */
export const WEAK_TOPIC_SCORE = 75;
export const TOPIC_FLOOR = 60;
export const VERDICT_THRESHOLDS = { ready: 75, almost: 55, answeredShare: 0.9 } as const;

/**
 * The readiness report's numbers. Every item served counts: an unanswered item scores 0 (in an interview
 * a question not reached is a question not answered). Per topic: mean item score, 0–100.
 * - ready: overall ≥ 75, at least 90 % answered, and no topic with two or more items below 60;
 * - almost: overall ≥ 55;
 * - not yet: otherwise.
 */
export function scoreMock(outcomes: readonly ItemOutcome[]): { score: number; answered: number; topics: TopicScore[]; verdict: Verdict; weakest: string[] } {
  const pct = (xs: readonly ItemOutcome[]) => (xs.length ? Math.round((100 * xs.reduce((n, o) => n + (o.score ?? 0), 0)) / xs.length) : 0);
  const score = pct(outcomes);
  const answered = outcomes.filter((o) => o.score !== null).length;
  const topicIds = [...new Set(outcomes.map((o) => o.ref.topic))];
  const topics = topicIds
    .map((topic) => {
      const mine = outcomes.filter((o) => o.ref.topic === topic);
      return { topic, score: pct(mine), items: mine.length, answered: mine.filter((o) => o.score !== null).length };
    })
    .sort((a, b) => a.score - b.score || b.items - a.items || a.topic.localeCompare(b.topic));
  const answeredShare = outcomes.length ? answered / outcomes.length : 0;
  const floorBroken = topics.some((t) => t.items >= 2 && t.score < TOPIC_FLOOR);
  const verdict: Verdict =
    score >= VERDICT_THRESHOLDS.ready && answeredShare >= VERDICT_THRESHOLDS.answeredShare && !floorBroken ? 'ready' : score >= VERDICT_THRESHOLDS.almost ? 'almost' : 'not-yet';
  const weakest = topics.filter((t) => t.score < WEAK_TOPIC_SCORE).slice(0, 3).map((t) => t.topic);
  return { score, answered, topics, verdict, weakest };
}

/** The self-grade a share of rubric or outline points earns (the drill's thresholds: < ½ again, < ¾ hard, all easy). */
export function gradeForShare(ticked: number, points: number): 'again' | 'hard' | 'good' | 'easy' {
  const share = points > 0 ? ticked / points : 0;
  if (share < 0.5) return 'again';
  if (share < 0.75) return 'hard';
  return ticked >= points ? 'easy' : 'good';
}
