'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { MAX_PLAN_DAYS, parseDays, spreadPlan, type PlanItem } from './spread';

const STORAGE_KEY = 'dsd.plan.interviewDays';

/** "Interview in N days": spreads what is left of the plan over N days and shows today's share (N is kept in localStorage). */
export function PlanDays({ items }: { items: PlanItem[] }) {
  const t = useTranslations('home');
  const id = useId();
  const [raw, setRaw] = useState('');
  const [ready, setReady] = useState(false);
  useEffect(() => {
    // Restoring a saved choice after hydration (the server cannot read localStorage); `ready` tells tests the form is live.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setReady(true);
    try {
      const stored = localStorage.getItem(STORAGE_KEY);
      if (parseDays(stored) !== null) setRaw(stored!);
    } catch {
      // Storage unavailable (private mode): the form still works for this visit.
    }
  }, []);
  const days = parseDays(raw);
  const update = (value: string) => {
    setRaw(value);
    try {
      if (parseDays(value) !== null) localStorage.setItem(STORAGE_KEY, value.trim());
      else if (value.trim() === '') localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Not remembered, nothing else lost.
    }
  };
  const share = days !== null ? spreadPlan(items, days) : null;
  return (
    <div className="plan-days" data-testid="plan-days" data-ready={ready ? 'true' : 'false'}>
      <p className="plan-days-field">
        <label htmlFor={`${id}-days`}>{t('plan.daysLabel')}</label>{' '}
        <input id={`${id}-days`} type="number" inputMode="numeric" min={1} max={MAX_PLAN_DAYS} step={1} value={raw} onChange={(e) => update(e.target.value)} aria-describedby={`${id}-out`} />
        {raw !== '' ? (
          <button type="button" className="button secondary" onClick={() => update('')}>
            {t('plan.reset')}
          </button>
        ) : null}
      </p>
      <div id={`${id}-out`} aria-live="polite">
        {items.length === 0 ? (
          <p>{t('plan.finished')}</p>
        ) : raw === '' ? (
          <p className="muted path-small">{t('plan.hint')}</p>
        ) : share === null ? (
          <p className="plan-invalid">{t('plan.invalid')}</p>
        ) : (
          <>
            <p>{t('plan.perDay', { minutes: share.minutesPerDay, days: days! })}</p>
            <h3 className="plan-today-title">{t('plan.today')}</h3>
            <ul className="plan-today">
              {share.today.map((item) => (
                <li key={item.href}>
                  <span className="badge">{item.kind === 'lesson' ? t('plan.lessonKind') : t('plan.labKind')}</span> <Link href={item.href}>{item.title}</Link>{' '}
                  <span className="muted">{t('minutes', { count: item.minutes })}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
