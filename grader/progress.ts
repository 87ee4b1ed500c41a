/**
 * Progress of a suite while it runs, read off the harness's own event lines (grader/harness/protocol.ts) as the
 * sandbox returns them: how many tests have finished, how many there are, and which one runs now. Sent from the
 * grader process to whoever waits for the verdict (the workspace's Submit panel), throttled so a suite of a
 * thousand tiny tests costs a handful of messages, never one per test.
 */
export interface GradeProgress {
  done: number;
  total: number;
  /** The name of the test running now (the next one in the plan), when known. */
  current?: string;
}

export type ProgressListener = (progress: GradeProgress) => void;

const RESULT_PREFIX = '{"type":"result"';
const PLAN_PREFIX = '{"type":"plan"';

export class ProgressTracker {
  private names: string[] = [];
  private done = 0;
  private lastSentMs = -Infinity;
  private lastSentDone = 0;

  constructor(
    private readonly listener: ProgressListener,
    private readonly minIntervalMs = 250,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /**
   * One chunk from the sandbox: zero or more newline-separated JSON events. Runs in the grader process, whose CPU
   * time is the run's limit, so only the plan is parsed; results are counted by their prefix (the harness writes
   * them with JSON.stringify, `{"type":"result",…`). Anything else is ignored: the verdict is judged elsewhere.
   */
  take(chunk: string): void {
    let planned = false;
    for (const line of chunk.split('\n')) {
      if (line.startsWith(RESULT_PREFIX)) {
        this.done++;
      } else if (line.startsWith(PLAN_PREFIX)) {
        try {
          const tests = (JSON.parse(line) as { tests?: unknown }).tests;
          if (Array.isArray(tests)) {
            this.names = tests.map((t) => (t && typeof (t as { name?: unknown }).name === 'string' ? (t as { name: string }).name : ''));
            planned = true;
          }
        } catch {
          /* not a plan after all */
        }
      }
    }
    const now = this.nowMs();
    if (planned || (this.done !== this.lastSentDone && now - this.lastSentMs >= this.minIntervalMs)) this.send(now);
  }

  private send(now: number): void {
    const total = Math.max(this.names.length, this.done);
    const current = this.names[this.done];
    this.lastSentMs = now;
    this.lastSentDone = this.done;
    this.listener(current ? { done: this.done, total, current } : { done: this.done, total });
  }
}

/** A progress value from outside (an IPC message, a database column), or null when it is not one. */
export function parseProgress(value: unknown): GradeProgress | null {
  if (!value || typeof value !== 'object') return null;
  const { done, total, current } = value as Record<string, unknown>;
  if (!Number.isInteger(done) || !Number.isInteger(total) || (done as number) < 0 || (total as number) < (done as number) || (total as number) > 100_000) return null;
  return typeof current === 'string' && current.length > 0 ? { done: done as number, total: total as number, current: current.slice(0, 300) } : { done: done as number, total: total as number };
}
