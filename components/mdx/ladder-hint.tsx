'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';

/** What a lab page's hints need from the workspace (components/workspace/help-ladder.tsx provides it). */
export interface HintLadder {
  /** The hint's title by id (for "reveal … first"). */
  titleOf(id: string): string | undefined;
  isRevealed(id: string): boolean;
  /** The hint to reveal before this one opens, or null when it is open. */
  blockedBy(id: string): string | null;
  reveal(id: string): void;
}

export const HintLadderContext = createContext<HintLadder | null>(null);

/** A small padlock drawn in the text colour (an emoji needs a font the learner may not have). */
export function LockIcon() {
  return (
    <svg className="lock-icon" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}

export function useHintLadder(): HintLadder | null {
  return useContext(HintLadderContext);
}

/**
 * A README hint with an id. On a lab page the hints open one rung at a time: a hint a stage lists
 * after another opens once that one has been revealed. Outside a lab page (no ladder) it is an
 * ordinary disclosure, like every other hint.
 */
export function LadderHint({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  const t = useTranslations('help');
  const ladder = useHintLadder();
  if (!ladder) {
    return (
      <details className="hint" data-hint-id={id}>
        <summary>{title}</summary>
        <div className="hint-body">{children}</div>
      </details>
    );
  }
  const blocker = ladder.blockedBy(id);
  if (blocker !== null) {
    return (
      <div className="hint hint-locked" data-hint-id={id} data-locked="true" role="group" aria-label={t('hint.lockedLabel', { title })}>
        <p className="hint-locked-title">
          <LockIcon /> {title}
        </p>
        <p className="hint-locked-note">{t('hint.lockedBehind', { title: ladder.titleOf(blocker) ?? blocker })}</p>
      </div>
    );
  }
  const revealed = ladder.isRevealed(id);
  return (
    <details
      className="hint"
      data-hint-id={id}
      data-revealed={revealed ? 'true' : undefined}
      onToggle={(event) => {
        if (event.currentTarget.open) ladder.reveal(id);
      }}
    >
      <summary>
        {title}
        {revealed ? <span className="hint-seen"> · {t('hint.revealed')}</span> : null}
      </summary>
      <div className="hint-body">{children}</div>
    </details>
  );
}
