import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { MistakeFilters } from '@/components/mistakes/mistake-filters';
import { MistakeList } from '@/components/mistakes/mistake-list';
import { currentViewer } from '@/lib/auth/session';
import { loadCatalog } from '@/lib/content/catalog';
import { InputError } from '@/lib/data/errors';
import { mistakeNotebook, type MistakeNotebook } from '@/lib/data/mistakes';
import { isLocale } from '@/lib/i18n/locale';
import { listLabListings } from '@/lib/labs/catalog';
import { zhResultTexts } from '@/lib/labs/zh-lab';
import '../quiz/quiz.css';
import './mistakes.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mistakes');
  return { title: t('metaTitle'), description: t('metaDescription') };
}
export const dynamic = 'force-dynamic';

type Search = { topic?: string | string[]; kind?: string | string[] };
const one = (v: string | string[] | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);

export default async function MistakesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const t = await getTranslations('mistakes');
  const rawLocale = await getLocale();
  const locale = isLocale(rawLocale) ? rawLocale : 'en';
  const zh = locale === 'zh-CN';
  const search = await searchParams;
  const requested = { topic: one(search.topic), kind: one(search.kind) };
  const viewer = await currentViewer();
  const topicTitles = new Map<string, string>(loadCatalog().map((topic) => [topic.id, zh ? topic.titleZh : topic.title]));

  let notebook: MistakeNotebook | null = null;
  let problem: string | null = null;
  if (viewer) {
    const labs = (await listLabListings(locale)).map((l) => ({ id: l.id, topic: l.topic, title: l.title, texts: zh ? zhResultTexts(l.id) : null }));
    const filter = { ...(requested.topic ? { topic: requested.topic } : {}), ...(requested.kind ? { kind: requested.kind } : {}) } as Parameters<typeof mistakeNotebook>[1];
    try {
      notebook = await mistakeNotebook(viewer, filter, { locale, labs });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problem = t('errors.badFilter', { message: error.localized(locale) });
      notebook = await mistakeNotebook(viewer, {}, { locale, labs });
    }
  }

  return (
    <>
      <h1 className="page-title">{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      {problem ? (
        <div className="callout callout-warning" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      {!notebook || notebook.counts.total === 0 ? (
        <section className="card quiz-intro" aria-labelledby="no-mistakes">
          <h2 id="no-mistakes">{t('empty.title')}</h2>
          <p>{t('empty.body')}</p>
          <p className="quiz-actions">
            <Link className="button" href="/quiz">
              {t('empty.quiz')}
            </Link>
            <Link className="button secondary" href="/labs">
              {t('empty.labs')}
            </Link>
          </p>
        </section>
      ) : (
        <>
          <MistakeFilters
            topic={notebook.filter.topic}
            kind={notebook.filter.kind}
            total={notebook.counts.total}
            byKind={notebook.counts.byKind}
            topics={[...topicTitles].filter(([id]) => (notebook.counts.byTopic[id] ?? 0) > 0).map(([id, title]) => ({ id, title, count: notebook.counts.byTopic[id]! }))}
          />
          <p className="muted mistakes-count" role="status">
            {t('filter.showing', { count: notebook.items.length })}
          </p>
          {notebook.items.length === 0 ? (
            <section className="card quiz-intro">
              <h2>{t('emptyFiltered.title')}</h2>
              <p>
                <Link className="button secondary" href="/mistakes">
                  {t('emptyFiltered.clear')}
                </Link>
              </p>
            </section>
          ) : (
            <MistakeList items={notebook.items} topicTitles={Object.fromEntries(topicTitles)} />
          )}
        </>
      )}
    </>
  );
}
