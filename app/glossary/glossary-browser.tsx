'use client';

import Link from 'next/link';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';

export type GlossaryItem = {
  id: string;
  /** The name in the learner's language, then in the other one. */
  name: string;
  other: string;
  definition: string;
  lesson: { href: string; title: string } | null;
  /** Every English and Chinese name and alias, for the filter. */
  names: string[];
};
export type GlossaryGroup = { id: string; title: string; entries: GlossaryItem[] };

/** What the filter compares: full-width forms folded, case, spaces and punctuation ignored. */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-–—_/·・.,，。、:：;；()（）'"“”‘’]+/g, '');
}

/** The glossary list with a filter box matching any English or Chinese name or alias by substring. */
export function GlossaryBrowser({ groups, otherLang }: { groups: GlossaryGroup[]; otherLang: 'en' | 'zh-CN' }) {
  const t = useTranslations('glossary');
  const inputId = useId();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const folded = foldForSearch(deferred);
  const index = useMemo(() => new Map(groups.flatMap((g) => g.entries.map((e) => [e.id, e.names.map(foldForSearch)] as const))), [groups]);
  const total = groups.reduce((n, g) => n + g.entries.length, 0);
  const visible = groups
    .map((g) => ({ ...g, entries: folded ? g.entries.filter((e) => index.get(e.id)!.some((n) => n.includes(folded))) : g.entries }))
    .filter((g) => g.entries.length > 0);
  const shown = visible.reduce((n, g) => n + g.entries.length, 0);

  return (
    <>
      <search className="glossary-filter">
        <label htmlFor={inputId}>{t('filter.label')}</label>
        <input
          id={inputId}
          type="search"
          value={query}
          placeholder={t('filter.placeholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
            }
          }}
        />
        {query ? (
          <button type="button" onClick={() => setQuery('')}>
            {t('filter.clear')}
          </button>
        ) : null}
        <p className="glossary-count" role="status" aria-live="polite">
          {folded && shown === 0 ? t('filter.none', { query: deferred.trim() }) : t('filter.shown', { shown, total })}
        </p>
      </search>
      {visible.map((g) => (
        <section key={g.id} id={`topic-${g.id}`} className="glossary-topic" aria-labelledby={`topic-${g.id}-title`}>
          <h2 id={`topic-${g.id}-title`}>{g.title}</h2>
          <ul className="glossary-list">
            {g.entries.map((e) => (
              <li key={e.id} id={e.id} className="glossary-entry">
                <h3>
                  <dfn>{e.name}</dfn>
                  <span className="glossary-other" lang={otherLang}>
                    {e.other}
                  </span>
                  <a className="glossary-anchor" href={`#${e.id}`} aria-label={t('entry.anchor', { term: e.name })}>
                    #
                  </a>
                </h3>
                <p>{e.definition}</p>
                {e.lesson ? (
                  <p className="glossary-lesson">
                    <Link href={e.lesson.href}>{t('entry.lesson', { title: e.lesson.title })}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
