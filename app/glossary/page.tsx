import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { loadCatalog } from '@/lib/content/catalog';
import { loadGlossary, type GlossaryEntry } from '@/lib/content/glossary';
import { readZhLesson } from '@/lib/content/translations';
import { GlossaryBrowser, type GlossaryGroup } from './glossary-browser';
import './glossary.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('glossary');
  return { title: t('page.title'), description: t('page.description', { count: loadGlossary().entries.length }) };
}

/**
 * Every glossary entry (content/glossary.json), grouped by topic in the catalogue's order, each with
 * its anchor (/glossary#<id>, where the lessons' terms link), both names, the definition in the
 * learner's language and a link to the lesson that teaches it. The filter box is client-side.
 */
export default async function GlossaryPage() {
  const t = await getTranslations('glossary');
  const zh = (await getLocale()) === 'zh-CN';
  const { entries } = loadGlossary();
  const catalog = loadCatalog();
  const collator = new Intl.Collator(zh ? 'zh-CN' : 'en', { sensitivity: 'base' });

  const lessonTitles = new Map<string, string>();
  for (const topic of catalog) {
    for (const lesson of topic.lessons) {
      const title = (zh ? readZhLesson(topic.id, lesson)?.title : null) ?? lesson.title;
      lessonTitles.set(`${topic.id}/${lesson.slug}`, title);
    }
  }

  const groups: GlossaryGroup[] = catalog
    .map((topic) => ({
      id: topic.id,
      title: zh ? topic.titleZh : topic.title,
      entries: entries
        .filter((e) => e.topic === topic.id)
        .map((e: GlossaryEntry) => {
          const lessonTitle = e.lesson ? lessonTitles.get(e.lesson) : undefined;
          return {
            id: e.id,
            name: zh ? e.zh : e.en,
            other: zh ? e.en : e.zh,
            definition: zh ? e.definition.zh : e.definition.en,
            lesson: e.lesson && lessonTitle ? { href: `/learn/${e.lesson}`, title: lessonTitle } : null,
            names: [e.en, e.zh, ...(e.aliases?.en ?? []), ...(e.aliases?.zh ?? [])],
          };
        })
        .sort((a, b) => collator.compare(a.name, b.name)),
    }))
    .filter((g) => g.entries.length > 0);

  return (
    <>
      <h1 className="page-title">{t('page.title')}</h1>
      <p className="lead">{t('page.lead')}</p>
      {groups.length ? (
        <>
          <nav className="glossary-toc" aria-labelledby="glossary-toc-title">
            <h2 id="glossary-toc-title">{t('page.topics')}</h2>
            <ul>
              {groups.map((g) => (
                <li key={g.id}>
                  <a href={`#topic-${g.id}`}>{g.title}</a>
                </li>
              ))}
            </ul>
          </nav>
          <GlossaryBrowser groups={groups} otherLang={zh ? 'en' : 'zh-CN'} />
        </>
      ) : (
        <p>{t('page.empty')}</p>
      )}
    </>
  );
}
