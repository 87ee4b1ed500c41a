import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { DrillRunner } from '@/components/interview/drill-runner';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { findTopic } from '@/lib/content/catalog';
import { cardsFor } from '@/lib/interview/deck';
import '../../quiz/quiz.css';
import '../interview.css';

type Params = { topic: string };

async function topicTitle(topic: { title: string; titleZh: string }): Promise<string> {
  return (await getLocale()) === 'zh-CN' ? topic.titleZh || topic.title : topic.title;
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const topic = findTopic((await params).topic);
  if (!topic) return {};
  const t = await getTranslations('interview');
  return { title: t('meta.topicTitle', { topic: await topicTitle(topic) }) };
}

export default async function TopicDrillPage({ params }: { params: Promise<Params> }) {
  const topic = findTopic((await params).topic);
  if (!topic) notFound();
  const t = await getTranslations('interview');
  const title = await topicTitle(topic);
  const cards = cardsFor(topic.id);
  return (
    <>
      <Breadcrumbs trail={[{ href: '/interview', label: t('name') }]} current={title} />
      <h1 className="page-title">{t('meta.topicTitle', { topic: title })}</h1>
      <p className="lead">
        {t.rich('topic.lead', {
          count: cards.length,
          topic: title,
          link: (chunks) => <Link href={`/learn/${topic.id}`}>{chunks}</Link>,
        })}
      </p>
      {cards.length === 0 ? (
        <div className="callout callout-note">
          <p>{t.rich('topic.notWritten', { topic: title, link: (chunks) => <Link href="/interview/mock">{chunks}</Link> })}</p>
        </div>
      ) : (
        <DrillRunner mode={{ kind: 'topic', topic: topic.id }} title={t('topic.runnerTitle', { topic: title })} available={cards.length} />
      )}
    </>
  );
}
