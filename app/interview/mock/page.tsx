import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DrillRunner } from '@/components/interview/drill-runner';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { loadDeck } from '@/lib/interview/deck';
import '../../quiz/quiz.css';
import '../interview.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('interview');
  return { title: t('meta.mockTitle'), description: t('meta.mockDescription') };
}

export default async function MockInterviewPage() {
  const t = await getTranslations('interview');
  const deck = loadDeck();
  const topics = new Set(deck.cards.map((c) => c.topic)).size;
  return (
    <>
      <Breadcrumbs trail={[{ href: '/interview', label: t('name') }]} current={t('meta.mockTitle')} />
      <h1 className="page-title">{t('meta.mockTitle')}</h1>
      <p className="lead">{t('mock.lead', { topics })}</p>
      <DrillRunner mode={{ kind: 'mock' }} title={t('meta.mockTitle')} available={deck.cards.length} />
    </>
  );
}
