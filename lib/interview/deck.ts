import { contentRoot, loadCatalog } from '@/lib/content/catalog';
import { describeIssues } from '@/lib/content/schema';
import { readTopicFiles } from '@/lib/content/topic-files';
import { checkLessonRef, formatProblems, loadBank, type BankProblem } from '@/lib/quiz/bank';
import { deckSchema, interviewCardSchema, type InterviewCard } from './schema';

export type Deck = { cards: InterviewCard[]; byId: Map<string, InterviewCard> };

/**
 * Reads and validates every content/<topic>/interview.json: each card against its schema, ids
 * `<topic>-iv-<slug>` unique across decks and distinct from every question id (both are review-card
 * keys), and lesson links that resolve to a lesson and heading. Returns every problem found.
 */
export function validateDeck(root = contentRoot(), catalog = loadCatalog(root), questionIds: ReadonlySet<string> = new Set(loadBank().byId.keys())): { deck: Deck; problems: BankProblem[] } {
  const problems: BankProblem[] = [];
  const cards: InterviewCard[] = [];
  const firstSeen = new Map<string, string>();
  for (const { topicId, name, data } of readTopicFiles(root, 'interview.json', deckSchema, problems)) {
    data.cards.forEach((item, index) => {
      const id = typeof item === 'object' && item && 'id' in item && typeof item.id === 'string' ? item.id : `#${index + 1}`;
      const parsed = interviewCardSchema.safeParse(item);
      if (!parsed.success) {
        problems.push({ file: name, id, problem: describeIssues(parsed.error) });
        return;
      }
      const card = parsed.data;
      if (!card.id.startsWith(`${topicId}-iv-`)) {
        problems.push({ file: name, id, problem: `id must start with "${topicId}-iv-"` });
        return;
      }
      const clash = firstSeen.get(card.id) ?? (questionIds.has(card.id) ? 'the question bank' : undefined);
      if (clash) {
        problems.push({ file: name, id, problem: `id "${card.id}" is also used in ${clash}` });
        return;
      }
      firstSeen.set(card.id, name);
      for (const ref of card.lessons) {
        const lessonProblem = checkLessonRef(ref, catalog);
        if (lessonProblem) problems.push({ file: name, id, problem: lessonProblem });
      }
      cards.push({ ...card, topic: topicId });
    });
  }
  return { deck: { cards, byId: new Map(cards.map((c) => [c.id, c] as const)) }, problems };
}

export { formatProblems };

let cache: Deck | null = null;
let reported = false;

/**
 * The interview deck the app serves: every card that passed its schema with a unique id.
 * test/unit/content/interview.test.ts is the build-time gate and fails on any problem; at run time a
 * problem is logged once and the card concerned is left out. Read once in production.
 */
export function loadDeck(): Deck {
  if (cache && process.env.NODE_ENV === 'production') return cache;
  const { deck, problems } = validateDeck();
  if (problems.length > 0 && !reported) {
    reported = true;
    console.error(`Interview deck: ${problems.length} problem(s)\n${formatProblems(problems)}`);
  }
  cache = deck;
  return deck;
}

export function getCard(id: string): InterviewCard | undefined {
  return loadDeck().byId.get(id);
}

/** Cards of one topic, in deck order. */
export function cardsFor(topic: string): InterviewCard[] {
  return loadDeck().cards.filter((c) => c.topic === topic);
}
