import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { MistakeKind } from '@/lib/data/mistakes';

const KINDS: MistakeKind[] = ['wrong', 'guessed', 'lab'];

/** The notebook's filter: a plain GET form (works without JavaScript), topic and kind, each option with its count. */
export function MistakeFilters({
  topic,
  kind,
  total,
  byKind,
  topics,
}: {
  topic: string | null;
  kind: MistakeKind | null;
  total: number;
  byKind: Record<MistakeKind, number>;
  topics: { id: string; title: string; count: number }[];
}) {
  const t = useTranslations('mistakes');
  const kindName = (k: MistakeKind) => (k === 'wrong' ? t('kinds.wrong') : k === 'guessed' ? t('kinds.guessed') : t('kinds.lab'));
  return (
    <form className="card mistake-filters" method="get" action="/mistakes" aria-label={t('filter.label')}>
      <div className="mistake-field">
        <label htmlFor="mistake-topic">{t('filter.topic')}</label>
        <select id="mistake-topic" name="topic" defaultValue={topic ?? ''}>
          <option value="">{t('filter.allTopics', { count: total })}</option>
          {topics.map((o) => (
            <option key={o.id} value={o.id}>
              {t('filter.option', { name: o.title, count: o.count })}
            </option>
          ))}
        </select>
      </div>
      <div className="mistake-field">
        <label htmlFor="mistake-kind">{t('filter.kind')}</label>
        <select id="mistake-kind" name="kind" defaultValue={kind ?? ''}>
          <option value="">{t('filter.allKinds', { count: total })}</option>
          {KINDS.map((k) => (
            <option key={k} value={k} disabled={byKind[k] === 0}>
              {t('filter.option', { name: kindName(k), count: byKind[k] })}
            </option>
          ))}
        </select>
      </div>
      <div className="mistake-filter-actions">
        <button type="submit" className="button">
          {t('filter.apply')}
        </button>
        {topic || kind ? (
          <Link className="button secondary" href="/mistakes">
            {t('filter.clear')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
