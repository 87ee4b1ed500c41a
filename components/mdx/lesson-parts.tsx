import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';

export function YouWillLearn({ children }: { children?: ReactNode }) {
  const t = useTranslations('mdx');
  return (
    <section className="you-will-learn" aria-label={t('youWillLearn')}>
      <h2 className="ywl-title">{t('youWillLearn')}</h2>
      {children}
    </section>
  );
}

/** A key concept with its Chinese term, e.g. cache breakdown (缓存击穿). */
/**
 * A key concept with its name in the other language, once, where it is introduced: in an English
 * lesson `<Term zh="选票瓜分">split vote</Term>`, in a Chinese one `<Term en="split vote">选票瓜分</Term>`.
 */
export function Term({ zh, en, children }: { zh?: string; en?: string; children?: ReactNode }) {
  const other = zh ?? en;
  return (
    <span className="term">
      <strong>{children}</strong>
      {other ? (
        <>
          {' '}
          <span className={zh ? 'term-zh' : 'term-en'} lang={zh ? 'zh-CN' : 'en'}>
            ({other})
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

export function Hint({ title = 'Show hint', children }: { title?: string; children?: ReactNode }) {
  return (
    <details className="hint">
      <summary>{title}</summary>
      <div className="hint-body">{children}</div>
    </details>
  );
}
