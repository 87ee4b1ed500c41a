'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { labReviewCardsAction, type LabCardsView } from '@/app/_actions/mistakes';
import { excerpt } from '@/components/quiz/excerpt';
import { Markdown } from '@/components/quiz/markdown';

/** How often and how many times to ask again while the grader's post-failure hook has not recorded the cards yet. */
const RETRY_MS = 700;
const RETRIES = 8;
const SHOWN = 3;

/** Under a failed submission's result: "Added 2 review cards: …" with a link to /review (nothing when none were added). */
export function LabReviewCards({ submissionId }: { submissionId: string }) {
  const t = useTranslations('mistakes');
  const [view, setView] = useState<LabCardsView | null>(null);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async (left: number) => {
      const res = await labReviewCardsAction(submissionId).catch(() => null);
      if (cancelled || !res || !res.ok) return;
      if (res.data.pending && left > 0) timer = setTimeout(() => void ask(left - 1), RETRY_MS);
      else setView(res.data);
    };
    void ask(RETRIES);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [submissionId]);
  if (!view || view.pending || view.cards.length === 0) return null;
  return (
    <div className="lab-review-cards callout callout-note" role="status">
      <p>{t('labCards.added', { count: view.cards.length })}</p>
      <ul>
        {view.cards.slice(0, SHOWN).map((c) => (
          <li key={c.questionId}>
            <Markdown text={excerpt(c.prompt, 120)} inline />
          </li>
        ))}
        {view.cards.length > SHOWN ? <li className="muted">{t('labCards.more', { count: view.cards.length - SHOWN })}</li> : null}
      </ul>
      <p>
        <Link href="/review">{t('labCards.review')}</Link>
      </p>
    </div>
  );
}
