import type { Metadata } from 'next';
import { DrillRunner } from '@/components/interview/drill-runner';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { loadDeck } from '@/lib/interview/deck';
import '../../quiz/quiz.css';
import '../interview.css';

export const metadata: Metadata = { title: 'Mock interview', description: 'A timed mock interview across topics, ending in a report of weak points with links to the lessons.' };

export default function MockInterviewPage() {
  const deck = loadDeck();
  const topics = new Set(deck.cards.map((c) => c.topic)).size;
  return (
    <>
      <Breadcrumbs trail={[{ href: '/interview', label: 'Interview drill' }]} current="Mock interview" />
      <h1 className="page-title">Mock interview</h1>
      <p className="lead">
        Questions from {topics} topics, one topic after another, questions you have not practised or answered weakly first. Speak as you would to an interviewer; the report at the end
        lists the points you missed.
      </p>
      <DrillRunner mode={{ kind: 'mock' }} title="Mock interview" available={deck.cards.length} />
    </>
  );
}
