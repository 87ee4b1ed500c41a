import type { Metadata } from 'next';
import Link from 'next/link';
import { currentViewer } from '@/lib/auth/session';
import { DIFFICULTY_LABEL, formatMinutes, listLabListings, type LabListing } from '@/lib/labs/catalog';
import { records, type LabState } from '@/lib/labs/lab-records';
import './labs.css';

export const metadata: Metadata = {
  title: 'Labs',
  description: 'Coding labs graded by hidden, seeded simulations: Raft, caches, IDs, rate limiters and more.',
};

// The list shows the learner's own progress, so it is rendered per request.
export const dynamic = 'force-dynamic';

function stateLabel(state: LabState | undefined): { label: string; kind: 'solved' | 'attempted' | 'started' | 'new' } {
  if (state?.solved) return { label: 'Solved', kind: 'solved' };
  if (state && state.attempts > 0) return { label: `Attempted · ${state.attempts} ${state.attempts === 1 ? 'submission' : 'submissions'}`, kind: 'attempted' };
  if (state?.hasDraft) return { label: 'In progress', kind: 'started' };
  return { label: 'Not started', kind: 'new' };
}

function groupByTopic(labs: LabListing[]): { topic: string; title: string; labs: LabListing[] }[] {
  const groups: { topic: string; title: string; labs: LabListing[] }[] = [];
  for (const lab of labs) {
    const last = groups.at(-1);
    if (last && last.topic === lab.topic) last.labs.push(lab);
    else groups.push({ topic: lab.topic, title: lab.topicTitle, labs: [lab] });
  }
  return groups;
}

export default async function LabsPage() {
  const [labs, viewer] = await Promise.all([listLabListings(), currentViewer()]);
  const states = viewer ? await records().labStates(viewer) : new Map<string, LabState>();
  const solved = labs.filter((l) => states.get(l.id)?.solved).length;
  return (
    <>
      <h1 className="page-title">Labs</h1>
      <p className="lead">
        Implement the real thing in the browser editor. <strong>Run</strong> checks the visible tests on your machine; <strong>Submit</strong> grades your code against
        hidden, seeded simulations with dropped messages, crashes and partitions. Every failure comes with the seed that reproduces it.
      </p>
      <p className="labs-progress" data-testid="labs-progress">
        <strong>
          {solved} of {labs.length}
        </strong>{' '}
        labs solved
        <span className="labs-progress-bar" aria-hidden="true">
          <span style={{ width: `${labs.length ? (solved / labs.length) * 100 : 0}%` }} />
        </span>
      </p>
      {groupByTopic(labs).map((group) => (
        <section key={group.topic} aria-labelledby={`labs-${group.topic}`} className="labs-topic">
          <h2 id={`labs-${group.topic}`}>
            <Link href={`/learn/${group.topic}`}>{group.title}</Link>
          </h2>
          <ul className="labs-grid">
            {group.labs.map((lab) => {
              const state = stateLabel(states.get(lab.id));
              return (
                <li key={lab.id}>
                  <article className={`card lab-card lab-${state.kind}`} data-lab={lab.id} data-state={state.kind}>
                    <h3>
                      <Link className="card-link" href={`/labs/${lab.id}`}>
                        {lab.title}
                      </Link>
                    </h3>
                    <p>{lab.summary}</p>
                    <div className="card-meta">
                      <span className={`badge difficulty-${lab.difficulty}`}>{DIFFICULTY_LABEL[lab.difficulty]}</span>
                      <span className="badge">≈ {formatMinutes(lab.minutes)}</span>
                      <span className="badge">
                        {lab.stages.length} {lab.stages.length === 1 ? 'stage' : 'stages'}
                      </span>
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
