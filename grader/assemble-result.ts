/**
 * Turns a sandbox run (its outcome and the harness's events) into the overall verdict and the
 * per-test list. Tests that never reported (the run was cut short) are listed as errors with
 * the reason, the one that was running named as such.
 */
import type { SandboxRun } from './sandbox/sandbox';
import { HarnessProtocolError, parseHarnessEvents } from './harness-event-schema';
import type { PlannedTest } from './harness/protocol';
import type { ErrorKind, GradeResult, TestResult } from './results-schema';

export type Verdict = Pick<GradeResult, 'status' | 'message' | 'errorKind' | 'tests'>;

const outcomeKinds: Record<Exclude<SandboxRun['outcome'], 'completed'>, ErrorKind> = {
  timeout: 'timeout',
  memory: 'memory',
  'output-limit': 'output',
  crashed: 'crash',
};

export function assembleVerdict(run: Pick<SandboxRun, 'outcome' | 'chunks' | 'detail'>, stageIds: readonly string[]): Verdict {
  let events;
  try {
    events = parseHarnessEvents(run.chunks);
  } catch (error) {
    if (!(error instanceof HarnessProtocolError)) throw error;
    return { status: 'error', errorKind: 'crash', message: `The grader could not read the results: ${error.message}.`, tests: [] };
  }

  let plan: PlannedTest[] | undefined;
  const reported = new Map<string, TestResult>();
  for (const event of events) {
    if (event.type === 'load-error') {
      return { status: 'error', errorKind: 'load', message: `Your code or the tests could not be loaded: ${event.message}`, tests: [] };
    }
    if (event.type === 'plan') plan = event.tests;
    else reported.set(event.test.name, event.test);
  }

  if (run.outcome !== 'completed') {
    const reason = sentenceFor(run);
    const tests: TestResult[] = [...reported.values()];
    let runningNamed = false;
    for (const planned of plan ?? []) {
      if (reported.has(planned.name)) continue;
      const message = runningNamed ? 'Not run: the suite had already been stopped.' : `Stopped while this test was running: ${reason}`;
      runningNamed = true;
      tests.push({ ...planned, status: 'error', message, durationMs: 0 });
    }
    return { status: 'error', errorKind: outcomeKinds[run.outcome], message: plan ? reason : `${reason} (while loading your code)`, tests };
  }

  if (plan === undefined) return { status: 'error', errorKind: 'crash', message: 'The grader finished without running any test.', tests: [] };
  const unknownStage = plan.find((t) => t.stage !== undefined && !stageIds.includes(t.stage));
  if (unknownStage) return { status: 'error', errorKind: 'lab', message: `The lab is misconfigured: test "${unknownStage.name}" uses stage "${unknownStage.stage}", which lab.json does not declare.`, tests: [] };
  if (plan.length === 0) return { status: 'error', errorKind: 'lab', message: 'The suite has no tests to run.', tests: [] };

  const tests = plan.map(
    (planned): TestResult => reported.get(planned.name) ?? { ...planned, status: 'error', message: 'The test did not report a result.', durationMs: 0 },
  );
  const failed = tests.filter((t) => t.status !== 'pass').length;
  if (failed === 0) return { status: 'pass', tests };
  return { status: 'fail', message: `${failed} of ${tests.length} tests did not pass.`, tests };
}

function sentenceFor(run: Pick<SandboxRun, 'outcome' | 'detail'>): string {
  switch (run.outcome) {
    case 'timeout':
      return `Time limit exceeded: ${run.detail ?? 'the run took too long'} (an infinite loop, or work that never ends?).`;
    case 'memory':
      return `Memory limit exceeded: ${run.detail ?? 'the run used too much memory'}.`;
    case 'output-limit':
      return `Too much output: ${run.detail ?? 'the run reported too much'}.`;
    case 'crashed':
      return `The sandbox stopped unexpectedly: ${run.detail ?? 'no detail'}.`;
    default:
      return 'The run completed.';
  }
}
