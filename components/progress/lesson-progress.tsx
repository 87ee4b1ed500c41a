'use client';

import { useEffect, useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { recordLessonVisitAction, setLessonReadAction } from '@/app/_actions/progress';
import '../account/account.css';

/**
 * On a (statically generated) lesson page: records the visit for "continue where you left off" and
 * offers "Mark as read". Both go through server actions, so the page itself stays static.
 */
export function LessonProgress({ topic, lesson }: { topic: string; lesson: string }) {
  const t = useTranslations('progress');
  const [read, setRead] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let cancelled = false;
    recordLessonVisitAction(topic, lesson)
      .then((res) => {
        if (cancelled) return;
        if (res.ok) setRead(res.data.read);
        else setError(res.error);
      })
      .catch(() => !cancelled && setRead(false));
    return () => {
      cancelled = true;
    };
  }, [topic, lesson]);

  const toggle = () =>
    startTransition(async () => {
      setError(null);
      const res = await setLessonReadAction(topic, lesson, !read);
      if (res.ok) setRead(res.data.read);
      else setError(res.error);
    });

  return (
    <div className="lesson-progress">
      <button type="button" className={read ? 'button secondary read' : 'button'} onClick={toggle} disabled={pending || read === null} aria-pressed={read ?? false}>
        {read ? t('lesson.read') : t('lesson.markRead')}
      </button>
      <span className="muted small" role="status" aria-live="polite">
        {error ?? (read ? t('lesson.counted') : '')}
      </span>
    </div>
  );
}
