import type { ReactNode } from 'react';

export function YouWillLearn({ children }: { children?: ReactNode }) {
  return (
    <section className="you-will-learn" aria-label="You will learn">
      <h2 className="ywl-title">You will learn</h2>
      {children}
    </section>
  );
}

/** A key concept with its Chinese term, e.g. cache breakdown (缓存击穿). */
export function Term({ zh, children }: { zh: string; children?: ReactNode }) {
  return (
    <span className="term">
      <strong>{children}</strong>{' '}
      <span className="term-zh" lang="zh-CN">
        ({zh})
      </span>
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
