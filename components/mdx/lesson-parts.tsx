import { isValidElement, useId, type ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { findTerm, type GlossaryEntry } from '@/lib/content/glossary';
import '@/app/glossary/term.css';
import { LadderHint } from './ladder-hint';

export function YouWillLearn({ children }: { children?: ReactNode }) {
  const t = useTranslations('mdx');
  return (
    <section className="you-will-learn" aria-label={t('youWillLearn')}>
      <h2 className="ywl-title">{t('youWillLearn')}</h2>
      {children}
    </section>
  );
}

/** The plain text of a term's children (`**applied**` arrives as an element). */
function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

/**
 * A key concept with its name in the other language, once, where it is introduced: in an English
 * lesson `<Term zh="选票瓜分">split vote</Term>`, in a Chinese one `<Term en="split vote">选票瓜分</Term>`.
 * The concept is looked up in content/glossary.json by its English name (aliases included); when
 * found, a small button opens its one-line definition, in the page's language, with a link to
 * /glossary#<id>. The popover is native (keyboard, touch, Esc and light dismiss, no client script);
 * the definition is also the button's description for screen readers. A term the glossary does
 * not know renders as before (test/unit/content/glossary.test.ts keeps them all known).
 */
export function Term({ zh, en, children }: { zh?: string; en?: string; children?: ReactNode }) {
  const tg = useTranslations('glossary');
  const locale = useLocale();
  const popoverId = useId();
  const other = zh ?? en;
  const english = en ?? textOf(children);
  let entry: GlossaryEntry | undefined;
  try {
    entry = findTerm(english, 'en');
  } catch (error) {
    // An invalid glossary must not take every lesson down; the content tests report it.
    console.error(error instanceof Error ? error.message : String(error));
  }
  const name = textOf(children).replace(/\s+/g, ' ').trim() || english;
  const definition = entry ? (locale === 'zh-CN' ? entry.definition.zh : entry.definition.en) : null;
  return (
    <span className="term">
      <dfn>
        <strong>{children}</strong>
      </dfn>
      {other ? (
        <>
          {' '}
          <span className={zh ? 'term-zh' : 'term-en'} lang={zh ? 'zh-CN' : 'en'}>
            ({other})
          </span>
        </>
      ) : null}
      {entry && definition ? (
        <>
          <button type="button" className="term-info" popoverTarget={popoverId} aria-label={tg('term.show', { term: name })} aria-describedby={`${popoverId}-def`}>
            <span aria-hidden="true">?</span>
          </button>
          <span popover="auto" id={popoverId} className="term-popover" lang={locale}>
            <span className="term-popover-name">
              {locale === 'zh-CN' ? entry.zh : entry.en}
              <span className="term-popover-other" lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}>
                {locale === 'zh-CN' ? entry.en : entry.zh}
              </span>
            </span>
            <span className="term-popover-def" id={`${popoverId}-def`}>
              {definition}
            </span>
            <a className="term-popover-link" href={`/glossary#${entry.id}`}>
              {tg('term.more')}
            </a>
          </span>
        </>
      ) : null}
    </span>
  );
}

export function Figure({ caption, children }: { caption?: string; children?: ReactNode }) {
  return (
    <figure className="diagram">
      {children}
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

/** A hint behind a toggle; with an `id` (lab READMEs), a rung of the lab's hint ladder (./ladder-hint.tsx). */
export function Hint({ id, title, children }: { id?: string; title?: string; children?: ReactNode }) {
  const tg = useTranslations('glossary');
  if (id) {
    return (
      <LadderHint id={id} title={title ?? tg('hint.show')}>
        {children}
      </LadderHint>
    );
  }
  return (
    <details className="hint">
      <summary>{title ?? tg('hint.show')}</summary>
      <div className="hint-body">{children}</div>
    </details>
  );
}
