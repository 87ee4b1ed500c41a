import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DrillRunner } from '@/components/interview/drill-runner';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { findTopic } from '@/lib/content/catalog';
import { cardsFor } from '@/lib/interview/deck';
import '../../quiz/quiz.css';
import '../interview.css';

type Params = { topic: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const topic = findTopic((await params).topic);
  return topic ? { title: `${topic.title}: interview drill` } : {};
}

export default async function TopicDrillPage({ params }: { params: Promise<Params> }) {
  const topic = findTopic((await params).topic);
  if (!topic) notFound();
  const cards = cardsFor(topic.id);
  return (
    <>
      <Breadcrumbs trail={[{ href: '/interview', label: 'Interview drill' }]} current={topic.title} />
      <h1 className="page-title">{topic.title}: interview drill</h1>
      <p className="lead">
        {cards.length} question{cards.length === 1 ? '' : 's'} interviewers ask about <Link href={`/learn/${topic.id}`}>{topic.title}</Link>, unseen and weakest first.
      </p>
      {cards.length === 0 ? (
        <div className="callout callout-note">
          <p>
            The {topic.title} interview answers are being written. Try a <Link href="/interview/mock">mock interview</Link> meanwhile.
          </p>
        </div>
      ) : (
        <DrillRunner mode={{ kind: 'topic', topic: topic.id }} title={`Drill ${topic.title}`} available={cards.length} />
      )}
    </>
  );
}
