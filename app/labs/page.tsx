import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { currentViewer } from '@/lib/auth/session';
import type { Locale } from '@/lib/i18n/locale';
import { difficultyLabel, formatMinutes, listLabListings, type LabListing } from '@/lib/labs/catalog';
import { records, type LabState } from '@/lib/labs/lab-records';
import './labs.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('labs');
  return { title: t('meta.title'), description: t('meta.description') };
}

// The list shows the learner's own progress, so it is rendered per request.
export const dynamic = 'force-dynamic';

type T = Awaited<ReturnType<typeof getTranslations<'labs'>>>;

function stateLabel(state: LabState | undefined, t: T): { label: string; kind: 'solved' | 'attempted' | 'started' | 'new' } {
  if (state?.solved) return { label: t('list.state.solved'), kind: 'solved' };
  if (state && state.attempts > 0) return { label: t('list.state.attempted', { count: state.attempts }), kind: 'attempted' };
  if (state?.hasDraft) return { label: t('list.state.started'), kind: 'started' };
  return { label: t('list.state.new'), kind: 'new' };
}

/** The lab to start with: small, and it shows how Run and Submit work. */
const START_LAB = 'hello-counter';
const DIFFICULTIES = ['intro', 'core', 'stretch'] as const;

/** Intro, then core, then stretch labs (catalogue order within each), with the starting lab first. */
function groupByDifficulty(labs: LabListing[]): { difficulty: (typeof DIFFICULTIES)[number]; labs: LabListing[] }[] {
  return DIFFICULTIES.map((difficulty) => ({
    difficulty,
    labs: labs.filter((l) => l.difficulty === difficulty).sort((a, b) => Number(b.id === START_LAB) - Number(a.id === START_LAB)),
  })).filter((g) => g.labs.length > 0);
}

export default async function LabsPage() {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations('labs');
  const [labs, viewer] = await Promise.all([listLabListings(locale), currentViewer()]);
  const states = viewer ? await records().labStates(viewer) : new Map<string, LabState>();
  const solved = labs.filter((l) => states.get(l.id)?.solved).length;
  return (
    <>
      <h1 className="page-title">{t('list.title')}</h1>
      <p className="lead">{t.rich('list.lead', { b: (c) => <strong>{c}</strong> })}</p>
      <p className="labs-progress" data-testid="labs-progress">
        {t.rich('list.progress', { solved, total: labs.length, b: (c) => <strong>{c}</strong> })}
        <span className="labs-progress-bar" aria-hidden="true">
          <span style={{ width: `${labs.length ? (solved / labs.length) * 100 : 0}%` }} />
        </span>
      </p>
      {groupByDifficulty(labs).map((group) => (
        <section key={group.difficulty} aria-labelledby={`labs-${group.difficulty}`} className="labs-topic" data-difficulty={group.difficulty}>
          <h2 id={`labs-${group.difficulty}`}>{t(`list.group.${group.difficulty}`)}</h2>
          <ul className="labs-grid">
            {group.labs.map((lab) => {
              const state = stateLabel(states.get(lab.id), t);
              const start = lab.id === START_LAB;
              return (
                <li key={lab.id}>
                  <article className={`card lab-card lab-${state.kind}${start ? ' lab-start' : ''}`} data-lab={lab.id} data-state={state.kind}>
                    {start ? (
                      <p className="lab-start-flag" data-testid="lab-start-here">
                        <strong>{t('list.startHere')}</strong> <span>{t('list.startHereText')}</span>
                      </p>
                    ) : null}
                    <h3>
                      <Link className="card-link" href={`/labs/${lab.id}`}>
                        {lab.title}
                      </Link>
                    </h3>
                    <p>{lab.summary}</p>
                    <div className="card-meta">
                      <Link className="badge lab-topic" href={`/learn/${lab.topic}`}>
                        {lab.topicTitle}
                      </Link>
                      <span className={`badge difficulty-${lab.difficulty}`}>{difficultyLabel(lab.difficulty, locale)}</span>
                      <span className="badge">≈ {formatMinutes(lab.minutes, locale)}</span>
                      <span className="badge">{t('list.stages', { count: lab.stages.length })}</span>
                      <span className={`lab-state state-${state.kind}`}>
                        {state.kind === 'solved' ? '✓ ' : ''}
                        {state.label}
                      </span>
                    </div>
                  </article>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
