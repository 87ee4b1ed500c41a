'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CodeEditorHandle } from '@/components/editor/code-editor';
import type { SuiteStrength } from '@/grader/lab-loader';
import type { TestResult } from '@/grader/results-schema';
import { isFinished, type SubmissionSummaryView, type SubmissionView } from '@/lib/labs/submission-view';
import { Modal } from './modal';
import type { RunProgress, RunResult } from './run-in-worker';
import { SplitPane } from './split-pane';
import { formatDuration, TestList, type StageInfo } from './test-results';
import { TraceView } from './trace-view';
import { useDraft, type SaveState } from './use-draft';
import './workspace.css';

/** 0.9731 → "97%"; a score just under 1 is not rounded up to "100%". */
function formatPercent(fraction: number): string {
  const percent = Math.floor(fraction * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

const EditorLoading = () => (
  <div className="editor-loading" role="status">
    Loading the editor…
  </div>
);
const loadEditor = () => import('@/components/editor/code-editor');
const CodeEditor = dynamic(loadEditor, { ssr: false, loading: EditorLoading });
const CodeDiff = dynamic(() => loadEditor().then((m) => m.CodeDiff), { ssr: false, loading: EditorLoading });
const loadRunner = () => import('./run-in-worker');

export interface LabWorkspaceProps {
  labId: string;
  title: string;
  topic: string;
  topicTitle: string;
  difficultyLabel: string;
  minutesLabel: string;
  /** The hidden suite's mutation score, from `npm run mutation` (null if never measured). */
  suiteStrength?: SuiteStrength | null;
  stages: StageInfo[];
  starter: string;
  apiTypes: string;
  codeSizeKb: number;
  /** The README, rendered on the server with the lessons' MDX pipeline. */
  instructions: ReactNode;
}

type RunState = { kind: 'idle' } | { kind: 'running'; progress: RunProgress } | { kind: 'done'; result: RunResult };
type Tab = 'run' | 'submission' | 'history';

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function saveLabel(state: SaveState): string {
  switch (state.kind) {
    case 'local':
      return 'Saved in this browser';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved ${new Date(state.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
    case 'failed':
      return state.message;
    default:
      return 'Starter code';
  }
}

function statusText(status: SubmissionView['status']): string {
  return { queued: 'Queued', running: 'Grading…', passed: 'Passed', failed: 'Failed', error: 'Error' }[status];
}

function relativeTime(iso: string): string {
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

async function fetchHistory(labId: string): Promise<SubmissionSummaryView[] | null> {
  try {
    const response = await fetch(`/api/labs/${encodeURIComponent(labId)}/submissions`, { credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as { submissions: SubmissionSummaryView[] }).submissions : null;
  } catch {
    return null;
  }
}

function codeBytes(code: string): number {
  return new TextEncoder().encode(code).length;
}

export function LabWorkspace(props: LabWorkspaceProps) {
  const { labId, title, stages, starter, apiTypes, codeSizeKb } = props;
  const draft = useDraft(labId, starter);
  const editor = useRef<CodeEditorHandle | null>(null);
  const codeRef = useRef<string>('');
  const [editorReady, setEditorReady] = useState(false);
  const [tab, setTab] = useState<Tab>('run');
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const [submission, setSubmission] = useState<SubmissionView | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [history, setHistory] = useState<SubmissionSummaryView[] | null>(null);
  const [replay, setReplay] = useState<TestResult | null>(null);
  const [diffWith, setDiffWith] = useState<{ submission: SubmissionView; draft: string } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [announce, setAnnounce] = useState('');
  const runAbort = useRef<AbortController | null>(null);
  const solved = history?.some((s) => s.status === 'passed') ?? false;
  const mod = isMac() ? '⌘' : 'Ctrl';

  useEffect(() => {
    if (draft.initial) codeRef.current = draft.initial.code;
  }, [draft.initial]);

  const refreshHistory = useCallback(async () => {
    const list = await fetchHistory(labId);
    if (list) setHistory(list);
  }, [labId]);

  // Warm up: Monaco and the submissions list now, while the draft is still being fetched (the editor
  // mounts once the draft is known); a load error shows in the editor pane when it mounts.
  useEffect(() => {
    let live = true;
    void loadEditor()
      .then((m) => m.preloadEditor())
      .catch(() => undefined);
    void fetchHistory(labId).then((list) => {
      if (live && list) setHistory(list);
    });
    return () => {
      live = false;
      runAbort.current?.abort();
    };
  }, [labId]);

  // The runner chunk and the visible suite once the editor is up, so they don't compete with it.
  useEffect(() => {
    if (!editorReady) return;
    const warm = () => void loadRunner().then((m) => m.preloadSuite(labId).catch(() => undefined));
    const id = setTimeout(warm, 100);
    return () => clearTimeout(id);
  }, [labId, editorReady]);

  const onChange = useCallback(
    (code: string) => {
      codeRef.current = code;
      draft.update(code);
    },
    [draft],
  );

  const runTests = useCallback(async () => {
    runAbort.current?.abort();
    const controller = new AbortController();
    runAbort.current = controller;
    setTab('run');
    editor.current?.setDiagnostic(null);
    setRun({ kind: 'running', progress: { planned: [], done: [] } });
    setAnnounce('Running the visible tests…');
    try {
      const { runVisibleTests } = await loadRunner();
      const result = await runVisibleTests(labId, codeRef.current, {
        signal: controller.signal,
        onProgress: (progress) => setRun({ kind: 'running', progress: { planned: progress.planned, done: progress.done } }),
      });
      if (controller.signal.aborted) return;
      if (result.diagnostic) editor.current?.setDiagnostic(result.diagnostic);
      setRun({ kind: 'done', result });
      const passed = result.tests.filter((t) => t.status === 'pass').length;
      setAnnounce(result.errorKind === 'compile' ? 'Your code does not compile.' : `Run finished: ${passed} of ${result.tests.length} visible tests passed.`);
    } catch (error) {
      if (controller.signal.aborted) return;
      setRun({
        kind: 'done',
        result: { status: 'error', message: `Run failed: ${error instanceof Error ? error.message : String(error)}`, tests: [], timings: { fetchMs: 0, transpileMs: 0, runMs: 0, totalMs: 0 } },
      });
    }
  }, [labId]);

  // While the shown submission is queued or running, poll it (quickly at first, then backing off).
  const pollingId = submission && !isFinished(submission.status) ? submission.id : null;
  useEffect(() => {
    if (!pollingId) return;
    let live = true;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const response = await fetch(`/api/submissions/${pollingId}`, { credentials: 'same-origin' });
        if (response.status === 404) {
          if (!live) return;
          setSubmission(null);
          setSubmitError('This submission is no longer available to this browser session (signed out, or another session). Your draft is safe; submit again.');
          return;
        }
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const { submission: next } = (await response.json()) as { submission: SubmissionView };
        if (!live) return;
        if (isFinished(next.status)) {
          // The history first: it decides "Solved", and this effect ends once the submission is finished.
          const list = await fetchHistory(labId);
          if (!live) return;
          if (list) setHistory(list);
          setSubmission((current) => (current && current.id !== pollingId ? current : next));
          setAnnounce(`Submission ${statusText(next.status).toLowerCase()}: ${next.passedTests} of ${next.totalTests} hidden tests passed.`);
          return;
        }
        setSubmission((current) => (current && current.id !== pollingId ? current : next));
      } catch {
        /* transient: keep polling */
      }
      if (!live) return;
      attempt++;
      timer = setTimeout(tick, attempt < 10 ? 300 : attempt < 40 ? 1000 : 3000);
    };
    timer = setTimeout(tick, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pollingId, labId]);

  const submit = useCallback(async () => {
    const code = codeRef.current;
    setTab('submission');
    setSubmitError(null);
    const bytes = codeBytes(code);
    if (bytes > codeSizeKb * 1024) {
      setSubmitError(`Your code is ${(bytes / 1024).toFixed(1)} KB; the limit for this lab is ${codeSizeKb} KB. Nothing was lost: your draft is still in the editor.`);
      return;
    }
    setSubmitting(true);
    // Save first, and wait: a first-time visitor's first write creates their guest session, and two
    // writes racing without a cookie would create two guests (the submission would then be someone else's).
    await draft.flush();
    try {
      const response = await fetch(`/api/labs/${encodeURIComponent(labId)}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
        credentials: 'same-origin',
      });
      const body = (await response.json().catch(() => ({}))) as { submission?: SubmissionView; error?: string };
      if (!response.ok || !body.submission) {
        setSubmitError(body.error ?? `The server answered ${response.status}. Your draft is safe.`);
        return;
      }
      setSubmission(body.submission);
      setAnnounce('Submitted: waiting for the grader.');
      void refreshHistory();
    } catch {
      setSubmitError('The server could not be reached. Your draft is safe in this browser; try again when you are back online.');
    } finally {
      setSubmitting(false);
    }
  }, [codeSizeKb, draft, labId, refreshHistory]);

  const save = useCallback(() => {
    void draft.flush();
  }, [draft]);

  const openSubmission = useCallback(
    async (id: string, thenDiff: boolean) => {
      try {
        const response = await fetch(`/api/submissions/${id}`, { credentials: 'same-origin' });
        if (!response.ok) return;
        const { submission: loaded } = (await response.json()) as { submission: SubmissionView };
        if (thenDiff) setDiffWith({ submission: loaded, draft: codeRef.current });
        else {
          setSubmission(loaded);
          setTab('submission');
        }
      } catch {
        /* offline */
      }
    },
    [],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      if (event.shiftKey) void submit();
      else void runTests();
    } else if (event.key === 's' || event.key === 'S') {
      event.preventDefault();
      save();
    }
  };

  const running = run.kind === 'running';
  const grading = submission !== null && !isFinished(submission.status);

  return (
    <div className="lab-workspace" onKeyDown={onKeyDown} data-editor-ready={editorReady ? 'true' : undefined}>
      <header className="lab-bar">
        <div className="lab-title">
          <nav className="breadcrumbs" aria-label="Breadcrumb">
            <ol>
              <li>
                <Link href="/labs">Labs</Link>
              </li>
              <li>
                <Link href={`/learn/${props.topic}`}>{props.topicTitle}</Link>
              </li>
            </ol>
          </nav>
          <h1>{title}</h1>
          <span className="badge">{props.difficultyLabel}</span>
          <span className="badge">≈ {props.minutesLabel}</span>
          {props.suiteStrength ? (
            <span
              className="badge"
              data-testid="suite-strength"
              title={`The hidden tests catch ${props.suiteStrength.detected} of ${props.suiteStrength.mutants - props.suiteStrength.equivalent} automatically generated wrong versions of the reference solution (mutation testing with StrykerJS${props.suiteStrength.equivalent ? `; ${props.suiteStrength.equivalent} more behave exactly like it` : ''}).`}
            >
              Tests catch {formatPercent(props.suiteStrength.score)} of mutants
            </span>
          ) : null}
          {solved ? (
            <span className="badge badge-ok" data-testid="lab-solved">
              ✓ Solved
            </span>
          ) : null}
        </div>
        <div className="lab-actions">
          <span className={`save-state save-${draft.saveState.kind}`} role="status" aria-live="polite">
            {saveLabel(draft.saveState)}
          </span>
          <button type="button" className="button secondary" onClick={() => setConfirmReset(true)} disabled={!editorReady}>
            Reset to starter
          </button>
          <button type="button" className="button secondary" onClick={() => void runTests()} disabled={!editorReady} aria-keyshortcuts="Control+Enter Meta+Enter" title={`Run the visible tests in your browser (${mod}+Enter)`}>
            {running ? 'Running…' : 'Run'} <kbd>{mod}+↵</kbd>
          </button>
          <button type="button" className="button" onClick={() => void submit()} disabled={!editorReady || submitting} aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter" title={`Grade with the hidden tests (${mod}+Shift+Enter)`}>
            {submitting ? 'Submitting…' : 'Submit'} <kbd>{mod}+⇧+↵</kbd>
          </button>
        </div>
      </header>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </div>
      <SplitPane
        direction="row"
        initialPercent={40}
        minPercent={20}
        maxPercent={70}
        storageKey="dsd:lab-split:instructions"
        label="Resize instructions and editor"
        firstId="lab-instructions"
        first={
          <section className="lab-instructions prose" aria-label="Instructions" tabIndex={0}>
            {props.instructions}
          </section>
        }
        second={
          <SplitPane
            direction="column"
            initialPercent={62}
            minPercent={20}
            maxPercent={88}
            storageKey="dsd:lab-split:results"
            label="Resize editor and results"
            firstId="lab-editor"
            first={
              <section className="lab-editor" aria-label="Your code: solution.ts">
                <div className="pane-head">
                  <span className="file-name">solution.ts</span>
                  <span className="muted pane-hint">
                    {mod}+Enter run · {mod}+S save · {mod}+M toggles Tab focus
                  </span>
                </div>
                <div className="editor-host">
                  {draft.initial ? (
                    <CodeEditor
                      initialValue={draft.initial.code}
                      apiTypes={apiTypes}
                      ariaLabel={`${title}: solution.ts. Press ${mod}+Enter to run the visible tests, ${mod}+M to let Tab move focus.`}
                      onChange={onChange}
                      onRun={() => void runTests()}
                      onSubmit={() => void submit()}
                      onSave={save}
                      onReady={(handle) => {
                        editor.current = handle;
                        codeRef.current = handle.getValue();
                        setEditorReady(true);
                        performance.mark('lab-editor-ready');
                      }}
                    />
                  ) : (
                    <EditorLoading />
                  )}
                </div>
              </section>
            }
            second={
              <ResultsPanel
                tab={tab}
                onTab={setTab}
                run={run}
                submission={submission}
                submitError={submitError}
                grading={grading}
                history={history}
                stages={stages}
                onReplay={setReplay}
                onOpen={(id) => void openSubmission(id, false)}
                onDiff={(id) => void openSubmission(id, true)}
              />
            }
          />
        }
      />

      <Modal
        open={confirmReset}
        onClose={() => setConfirmReset(false)}
        title="Reset to the starter code?"
        size="small"
        actions={
          <>
            <button type="button" className="button secondary" onClick={() => setConfirmReset(false)} autoFocus>
              Keep my code
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => {
                editor.current?.replaceAll(starter);
                setConfirmReset(false);
                // After the dialog has closed and handed focus back to its opener.
                setTimeout(() => editor.current?.focus(), 50);
                setAnnounce('The editor holds the starter code again. Undo brings your code back.');
              }}
            >
              Reset
            </button>
          </>
        }
      >
        <p>Your current code is replaced by the lab&apos;s starter. You can still get it back with Undo ({mod}+Z) in the editor, and your submissions keep their code.</p>
      </Modal>

      <Modal open={replay !== null} onClose={() => setReplay(null)} title={replay ? `Replay: ${replay.name}` : 'Replay'}>
        {replay?.trace ? (
          <div className="replay">
            {replay.message ? <p className="replay-message">{replay.message}</p> : null}
            <TraceView text={replay.trace} testName={replay.name} {...(replay.seed === undefined ? {} : { seed: replay.seed })} />
          </div>
        ) : null}
      </Modal>

      <Modal
        open={diffWith !== null}
        onClose={() => setDiffWith(null)}
        title={diffWith ? `Submission of ${new Date(diffWith.submission.createdAt).toLocaleString()} vs. your draft` : 'Compare'}
        actions={
          diffWith ? (
            <>
              <button type="button" className="button secondary" onClick={() => setDiffWith(null)}>
                Close
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  editor.current?.replaceAll(diffWith.submission.code);
                  setDiffWith(null);
                  setTimeout(() => editor.current?.focus(), 50);
                  setAnnounce('The editor holds the submission’s code. Undo brings your draft back.');
                }}
              >
                Restore this submission
              </button>
            </>
          ) : null
        }
      >
        {diffWith ? (
          <div className="diff-host">
            <CodeDiff original={diffWith.submission.code} modified={diffWith.draft} originalLabel={`Submission (${statusText(diffWith.submission.status).toLowerCase()})`} modifiedLabel="Your draft" />
          </div>
        ) : null}
      </Modal>
    </div>
  );
}

interface ResultsPanelProps {
  tab: Tab;
  onTab(tab: Tab): void;
  run: RunState;
  submission: SubmissionView | null;
  submitError: string | null;
  grading: boolean;
  history: SubmissionSummaryView[] | null;
  stages: StageInfo[];
  onReplay(test: TestResult): void;
  onOpen(id: string): void;
  onDiff(id: string): void;
}

const TABS: { id: Tab; label: string }[] = [
  { id: 'run', label: 'Run · visible tests' },
  { id: 'submission', label: 'Submission · hidden tests' },
  { id: 'history', label: 'History' },
];

function ResultsPanel(props: ResultsPanelProps) {
  const { tab, onTab } = props;
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((t) => t.id === tab);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    event.preventDefault();
    onTab(TABS[next]!.id);
    document.getElementById(`results-tab-${TABS[next]!.id}`)?.focus();
  };
  return (
    <section className="lab-results" aria-label="Results">
      <div className="results-tabs" role="tablist" aria-label="Results" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`results-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`results-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="results-tab"
            onClick={() => onTab(t.id)}
          >
            {t.label}
            {t.id === 'submission' && props.grading ? <span className="tab-dot" aria-label="(grading)" /> : null}
          </button>
        ))}
      </div>
      <div className="results-body" role="tabpanel" id={`results-panel-${tab}`} aria-labelledby={`results-tab-${tab}`} tabIndex={0}>
        {tab === 'run' ? <RunResults run={props.run} stages={props.stages} /> : null}
        {tab === 'submission' ? <SubmissionResults submission={props.submission} error={props.submitError} stages={props.stages} onReplay={props.onReplay} onDiff={props.onDiff} /> : null}
        {tab === 'history' ? <HistoryList history={props.history} onOpen={props.onOpen} onDiff={props.onDiff} /> : null}
      </div>
    </section>
  );
}

function Summary({ status, children }: { status: 'pass' | 'fail' | 'error' | 'pending'; children: ReactNode }) {
  return (
    <p className={`results-summary summary-${status}`} data-status={status}>
      {children}
    </p>
  );
}

function RunResults({ run, stages }: { run: RunState; stages: StageInfo[] }) {
  if (run.kind === 'idle') {
    return <p className="muted empty">Run executes the lab&apos;s visible tests in your browser, on your current code. Nothing is sent to the server.</p>;
  }
  if (run.kind === 'running') {
    return (
      <>
        <Summary status="pending">Running the visible tests…</Summary>
        <TestList tests={run.progress.done} pending={run.progress.planned} stages={stages} />
      </>
    );
  }
  const { result } = run;
  const passed = result.tests.filter((t) => t.status === 'pass').length;
  return (
    <>
      <Summary status={result.status}>
        {result.status === 'pass' ? `All ${result.tests.length} visible tests passed.` : result.errorKind === 'compile' ? 'Your code does not compile.' : result.tests.length > 0 ? `${passed} of ${result.tests.length} visible tests passed.` : 'The visible tests could not run.'}{' '}
        <span className="muted">
          in {formatDuration(result.timings.runMs + result.timings.transpileMs)} · in your browser{result.status === 'pass' ? ' · Submit runs the hidden suite' : ''}
        </span>
      </Summary>
      {result.message && result.status === 'error' ? <pre className="results-error">{result.message}</pre> : null}
      <TestList tests={result.tests} stages={stages} />
    </>
  );
}

function SubmissionResults({ submission, error, stages, onReplay, onDiff }: { submission: SubmissionView | null; error: string | null; stages: StageInfo[]; onReplay(t: TestResult): void; onDiff(id: string): void }) {
  if (error) {
    return (
      <p className="results-error" role="alert">
        {error}
      </p>
    );
  }
  if (!submission) return <p className="muted empty">Submit grades your code with the lab&apos;s hidden tests on the server: seeded simulations with faults. Failures come with their seed and, where the lab records one, a trace to replay.</p>;
  if (!isFinished(submission.status)) {
    return (
      <Summary status="pending">
        <span className="spinner" aria-hidden="true" />
        {submission.status === 'queued' ? `Queued${submission.queuePosition ? ` (${submission.queuePosition} ahead)` : ''}: waiting for a grader…` : 'Grading: running the hidden tests in a sandbox…'}
      </Summary>
    );
  }
  const results = submission.results;
  const total = results?.tests.length ?? 0;
  const passed = results?.tests.filter((t) => t.status === 'pass').length ?? 0;
  const status = submission.status === 'passed' ? 'pass' : submission.status === 'failed' ? 'fail' : 'error';
  return (
    <>
      <Summary status={status}>
        {submission.status === 'passed' ? `Passed: all ${total} hidden tests. The lab is solved.` : submission.status === 'failed' ? `Failed: ${passed} of ${total} hidden tests passed.` : 'The submission could not be graded.'}{' '}
        <span className="muted">
          {results ? `graded in ${formatDuration(results.timings.totalMs)} · ` : ''}
          {new Date(submission.createdAt).toLocaleTimeString()}
        </span>{' '}
        <button type="button" className="link-button" onClick={() => onDiff(submission.id)}>
          Compare with your draft
        </button>
      </Summary>
      {results?.message && submission.status === 'error' ? <pre className="results-error">{results.message}</pre> : null}
      {results ? <TestList tests={results.tests} stages={stages} onReplay={onReplay} /> : null}
    </>
  );
}

function HistoryList({ history, onOpen, onDiff }: { history: SubmissionSummaryView[] | null; onOpen(id: string): void; onDiff(id: string): void }) {
  if (history === null) return <p className="muted empty">Loading your submissions…</p>;
  if (history.length === 0) return <p className="muted empty">No submissions yet. Each Submit is kept here with its code and results.</p>;
  return (
    <ul className="history-list">
      {history.map((s) => (
        <li key={s.id} className={`history-item status-${s.status}`}>
          <span className={`history-status`}>{statusText(s.status)}</span>
          <span>
            {s.totalTests > 0 ? `${s.passedTests}/${s.totalTests} tests` : '—'} · <time dateTime={s.createdAt}>{relativeTime(s.createdAt)}</time>
          </span>
          <span className="history-actions">
            <button type="button" className="link-button" onClick={() => onOpen(s.id)}>
              Results
            </button>
            <button type="button" className="link-button" onClick={() => onDiff(s.id)}>
              Diff with draft
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}
