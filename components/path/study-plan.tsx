import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PlanStep } from '@/lib/data/progress';
import { PlanDays } from './plan-days';
import type { PlanItem } from './spread';

/** Hours to one decimal ("2.5"), for estimates. */
const hours = (minutes: number) => String(Math.round(minutes / 6) / 10);

/** The suggested route through every topic with estimated hours, and the "interview in N days" form. */
export async function StudyPlan({ steps, labTitles }: { steps: PlanStep[]; labTitles: Record<string, string> }) {
  const t = await getTranslations('home');
  const total = steps.reduce((m, s) => m + s.minutesTotal, 0);
  const left = steps.reduce((m, s) => m + s.minutesLeft, 0);
  // What is left, in route order: each topic's unread lessons, then its unsolved labs.
  const items: PlanItem[] = steps.flatMap((s) => [
    ...s.lessons.filter((l) => !l.read).map((l) => ({ href: `/learn/${l.topic}/${l.slug}`, title: l.title, minutes: l.minutes, kind: 'lesson' as const })),
    ...s.labs.filter((l) => !l.solved).map((l) => ({ href: `/labs/${l.id}`, title: labTitles[l.id] ?? l.id, minutes: l.minutes, kind: 'lab' as const })),
  ]);
  return (
    <section className="study-plan" aria-labelledby="plan">
      <h2 id="plan">{t('plan.title')}</h2>
      <p>{t('plan.lead', { topics: steps.length, hours: hours(total), left: hours(left) })}</p>
      <p className="muted path-small">{t('plan.estimate')}</p>
      <PlanDays items={items} />
      <ol className="plan-route">
        {steps.map((s) => {
          const read = s.lessons.filter((l) => l.read).length;
          const done = s.minutesLeft === 0;
          return (
            <li key={s.topic} className={done ? 'plan-done' : undefined}>
              <Link href={`/learn/${s.topic}`}>{s.title}</Link>
              <span className="plan-meta">
                {s.lessons.length > 0 ? <span>{t('read', { read, total: s.lessons.length })}</span> : null}
                <span>{t('plan.labs', { count: s.labs.length })}</span>
                <span>{t('plan.hours', { hours: hours(s.minutesTotal) })}</span>
                {done ? <strong className="plan-check">✓ {t('plan.done')}</strong> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
