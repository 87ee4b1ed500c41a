'use client';

import MiniSearch from 'minisearch';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { MINISEARCH_OPTIONS, SEARCH_INDEX_VERSION, type SearchDoc, type SearchIndexPayload, type SearchKind } from '@/lib/search/options';
import { MAX_QUERY_LENGTH, flatHits, runSearch } from '@/lib/search/query';
import './search-dialog.css';

export type SearchDialogProps = { onClose: () => void };

// One index per language for the life of the page (client navigations keep it); a failed load is retried.
const indexes = new Map<string, Promise<MiniSearch<SearchDoc>>>();
function loadIndex(locale: string): Promise<MiniSearch<SearchDoc>> {
  let pending = indexes.get(locale);
  if (!pending) {
    pending = fetch(`/api/search-index/${encodeURIComponent(locale)}`).then(async (res) => {
      if (!res.ok) throw new Error(`search index: HTTP ${res.status}`);
      const body = (await res.json()) as SearchIndexPayload;
      if (body.version !== SEARCH_INDEX_VERSION) throw new Error(`search index: version ${body.version}`);
      return MiniSearch.loadJS<SearchDoc>(body.index as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
    });
    pending.catch(() => indexes.delete(locale));
    indexes.set(locale, pending);
  }
  return pending;
}

type Loaded = { status: 'loading' } | { status: 'error' } | { status: 'ready'; mini: MiniSearch<SearchDoc> };

/**
 * The search dialog (a modal <dialog>, a full-width sheet on a phone): a combobox input over a
 * listbox of results grouped by kind. ↑/↓ move through the results, Enter opens one, Esc closes and
 * the focus goes back to the button that opened it (SearchButton's onClose).
 */
export function SearchDialog({ onClose }: SearchDialogProps) {
  const t = useTranslations('search');
  const locale = useLocale();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const kindLabel = useKindLabels();

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    input.current?.focus();
  }, []);

  useEffect(() => {
    let live = true;
    loadIndex(locale).then(
      (mini) => live && setLoaded({ status: 'ready', mini }),
      () => live && setLoaded({ status: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [locale, attempt]);

  const outcome = useMemo(() => (loaded.status === 'ready' ? runSearch(loaded.mini, query) : { total: 0, groups: [] }), [loaded, query]);
  const hits = flatHits(outcome);
  const current = hits.length ? Math.min(active, hits.length - 1) : -1;

  useEffect(() => {
    if (current >= 0) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
    // optionId depends only on the stable useId value
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  const go = (href: string) => {
    dialog.current?.close();
    router.push(href);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!hits.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + hits.length) % hits.length);
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      const hit = hits[current];
      if (hit) go(hit.href);
    }
  };

  // A click on the backdrop (outside the panel) closes the dialog.
  const onDialogClick = (e: MouseEvent<HTMLDialogElement>) => {
    if (e.target === dialog.current) dialog.current.close();
  };

  const trimmed = query.trim();
  const shown = hits.length;
  const status =
    loaded.status === 'loading'
      ? t('loading')
      : loaded.status === 'error'
        ? t('error')
        : trimmed === ''
          ? t('start')
          : outcome.total === 0
            ? t('empty', { query: trimmed })
            : shown < outcome.total
              ? t('countShown', { shown, total: outcome.total })
              : t('count', { count: outcome.total });

  // Where each group's hits start in the flat list the arrow keys walk.
  const starts = outcome.groups.map((_, g) => outcome.groups.slice(0, g).reduce((n, group) => n + group.hits.length, 0));
  return (
    <dialog ref={dialog} className="search-dialog" aria-labelledby={`${id}-title`} onClose={onClose} onClick={onDialogClick}>
      <div className="search-panel">
        <h2 id={`${id}-title`} className="sr-only">
          {t('dialog')}
        </h2>
        <div className="search-bar">
          <svg className="search-bar-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M12.6 12.6 17 17" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <input
            ref={input}
            className="search-input"
            type="text"
            inputMode="search"
            role="combobox"
            aria-label={t('label')}
            aria-expanded={shown > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={current >= 0 ? optionId(current) : undefined}
            placeholder={t('placeholder')}
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            maxLength={MAX_QUERY_LENGTH}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="search-close" onClick={() => dialog.current?.close()}>
            {t('close')}
          </button>
        </div>
        <p className="search-status" role="status">
          {status}
        </p>
        {loaded.status === 'error' ? (
          <p className="search-retry">
            <button type="button" className="button secondary" onClick={() => setAttempt((a) => a + 1)}>
              {t('retry')}
            </button>
          </p>
        ) : null}
        {loaded.status === 'ready' && trimmed !== '' && outcome.total === 0 ? <p className="search-hint">{t('emptyHint')}</p> : null}
        <ul className="search-results" role="listbox" id={listId} aria-label={t('results')} hidden={shown === 0}>
          {outcome.groups.map((group, g) => (
            <li key={group.kind} role="group" aria-labelledby={`${id}-${group.kind}`} className="search-group">
              <ul role="none">
                <li role="presentation" id={`${id}-${group.kind}`} className="search-group-title">
                  {kindLabel(group.kind)}
                </li>
                {group.hits.map((hit, j) => {
                  const i = starts[g]! + j;
                  return (
                    <li
                      key={hit.href}
                      id={optionId(i)}
                      role="option"
                      aria-selected={i === current}
                      className={i === current ? 'search-hit active' : 'search-hit'}
                      data-kind={hit.kind}
                      data-href={hit.href}
                      onClick={() => go(hit.href)}
                      onMouseMove={() => i !== current && setActive(i)}
                    >
                      <span className="search-hit-title">{hit.title}</span>
                      {hit.context ? <span className="search-hit-context">{hit.context}</span> : null}
                      {hit.snippet ? <span className="search-hit-snippet">{hit.snippet}</span> : null}
                    </li>
                  );
                })}
                {group.total > group.hits.length ? (
                  <li role="presentation" className="search-more">
                    {t('more', { count: group.total - group.hits.length })}
                  </li>
                ) : null}
              </ul>
            </li>
          ))}
        </ul>
        <p className="search-keys" aria-hidden="true">
          {t.rich('keys', { kbd: (c) => <kbd>{c}</kbd> })}
        </p>
      </div>
    </dialog>
  );
}

/** The group headings, with literal keys so test/unit/i18n can check them. */
function useKindLabels(): (kind: SearchKind) => string {
  const t = useTranslations('search');
  return (kind) => {
    switch (kind) {
      case 'lesson':
        return t('kinds.lesson');
      case 'question':
        return t('kinds.question');
      case 'lab':
        return t('kinds.lab');
      case 'term':
        return t('kinds.term');
    }
  };
}
