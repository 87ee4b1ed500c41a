/**
 * A hidden suite graded as shards side by side (lab.json `shards`; the harness's SuiteOptions.shard runs every
 * count-th test). The shards' runs are merged back into the run one sandbox would have produced: one plan in the
 * registered order (shard i holds tests i, i + count, …), each test's result, the CPU time summed (the verdict's
 * limit applies to the whole suite, as unsharded), and the first shard that was stopped decides the outcome.
 */
import { HarnessProtocolError, parseHarnessEvents } from './harness-event-schema';
import type { HarnessEvent, PlannedTest } from './harness/protocol';
import type { GradeProgress, ProgressListener } from './progress';
import type { SandboxRun } from './sandbox/sandbox';

export interface ShardRun extends SandboxRun {
  queueMs: number;
}

/** Merges the shards' runs (in shard order); `cpuTimeMs` is the limit for their summed CPU time. */
export function mergeShardRuns(runs: readonly ShardRun[], cpuTimeMs: number): ShardRun {
  const first = runs[0];
  if (first === undefined) throw new RangeError('no shard ran');
  const cpuMs = runs.reduce((sum, run) => sum + run.cpuMs, 0);
  const timing = { runMs: Math.max(...runs.map((run) => run.runMs)), queueMs: Math.max(...runs.map((run) => run.queueMs)), cpuMs };
  const parsed: HarnessEvent[][] = [];
  for (const run of runs) {
    try {
      parsed.push(parseHarnessEvents(run.chunks));
    } catch (error) {
      if (!(error instanceof HarnessProtocolError)) throw error;
      return { ...run, ...timing }; // assembleVerdict reports the unreadable output
    }
  }
  // Loading failed (the learner's module threw, or the tests did not load): every shard says so; report one.
  const loadFailed = runs.findIndex((_, i) => parsed[i]!.some((event) => event.type === 'load-error'));
  if (loadFailed !== -1) return { ...runs[loadFailed]!, ...timing };

  const plans = parsed.map((events) => events.find((event): event is Extract<HarnessEvent, { type: 'plan' }> => event.type === 'plan')?.tests);
  const stopped = runs.find((run) => run.outcome !== 'completed');
  const chunks: string[] = [];
  if (plans.every((plan) => plan !== undefined)) {
    const merged: PlannedTest[] = [];
    const longest = Math.max(...plans.map((plan) => plan!.length));
    for (let i = 0; i < longest; i++) for (const plan of plans) if (i < plan!.length) merged.push(plan![i]!);
    chunks.push(JSON.stringify({ type: 'plan', tests: merged }));
    const results = new Map<string, HarnessEvent>();
    for (const events of parsed) for (const event of events) if (event.type === 'result') results.set(event.test.name, event);
    for (const planned of merged) {
      const result = results.get(planned.name);
      if (result) chunks.push(JSON.stringify(result));
    }
  } else if (stopped) {
    // A shard stopped before its plan (its module's top level never returned): its run is the verdict.
    return { ...stopped, ...timing };
  }
  const outcome = stopped ? { outcome: stopped.outcome, ...(stopped.detail === undefined ? {} : { detail: stopped.detail }) } : { outcome: 'completed' as const };
  if (outcome.outcome === 'completed' && cpuMs > cpuTimeMs) {
    return { outcome: 'timeout', detail: `the CPU time limit of ${cpuTimeMs} ms was exceeded`, chunks, ...timing };
  }
  return { ...outcome, chunks, ...timing };
}

/** One listener for the shards' progress: tests done and planned, summed; the running test is the latest shard's. */
export function combineProgress(count: number, listener: ProgressListener | undefined): (ProgressListener | undefined)[] {
  if (!listener) return Array.from({ length: count }, () => undefined);
  const parts: (GradeProgress | undefined)[] = Array.from({ length: count }, () => undefined);
  return parts.map((_, index) => (progress: GradeProgress) => {
    parts[index] = progress;
    const known = parts.filter((p): p is GradeProgress => p !== undefined);
    // Until every shard has planned, the total counts only those that have: it grows, never falls below done.
    const done = known.reduce((sum, p) => sum + p.done, 0);
    const total = known.reduce((sum, p) => sum + p.total, 0);
    listener({ done, total: Math.max(total, done), ...(progress.current === undefined ? {} : { current: progress.current }) });
  });
}
