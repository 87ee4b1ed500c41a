import { describe, expect, it, vi } from 'vitest';
import { parseProgress, ProgressTracker, type GradeProgress } from '@/grader/progress';
import { progressWriter } from '@/lib/labs/progress-writer';

const plan = (names: string[]) => JSON.stringify({ type: 'plan', tests: names.map((name) => ({ name })) });
const result = (name: string) => JSON.stringify({ type: 'result', test: { name, status: 'pass', durationMs: 1 } });

describe('ProgressTracker (issue 21: the Submit panel follows the suite)', () => {
  it('reports the plan at once, then finished tests at most once per interval, naming the test that runs now', () => {
    let now = 0;
    const seen: GradeProgress[] = [];
    const tracker = new ProgressTracker((p) => seen.push(p), 250, () => now);
    tracker.take(plan(['a', 'b', 'c', 'd']));
    expect(seen).toEqual([{ done: 0, total: 4, current: 'a' }]);
    tracker.take(result('a'));
    tracker.take(`${result('b')}\n`);
    expect(seen).toHaveLength(1); // within the interval
    now = 300;
    tracker.take(''); // "call again": the interval has passed, so what finished meanwhile is reported
    expect(seen.at(-1)).toEqual({ done: 2, total: 4, current: 'c' });
    tracker.take('');
    expect(seen).toHaveLength(2); // nothing new
    now = 600;
    tracker.take(result('c'));
    expect(seen.at(-1)).toEqual({ done: 3, total: 4, current: 'd' });
    now = 900;
    tracker.take(result('d'));
    expect(seen.at(-1)).toEqual({ done: 4, total: 4 });
  });

  it('ignores what is not a harness event, and never counts beyond what it saw', () => {
    const seen: GradeProgress[] = [];
    const tracker = new ProgressTracker((p) => seen.push(p), 0, () => 1);
    tracker.take('{"type":"plan", broken');
    tracker.take('not json\n{"type":"load-error","message":"x"}');
    expect(seen).toEqual([]);
    tracker.take(result('x'));
    expect(seen).toEqual([{ done: 1, total: 1 }]);
  });

  it('parseProgress accepts only whole, ordered counts and clips the test name', () => {
    expect(parseProgress({ done: 2, total: 5, current: 'x' })).toEqual({ done: 2, total: 5, current: 'x' });
    expect(parseProgress({ done: 2, total: 5, current: '' })).toEqual({ done: 2, total: 5 });
    expect(parseProgress({ done: 6, total: 5 })).toBeNull();
    expect(parseProgress({ done: -1, total: 5 })).toBeNull();
    expect(parseProgress({ done: 1.5, total: 5 })).toBeNull();
    expect(parseProgress('{"done":1}')).toBeNull();
    expect(parseProgress(null)).toBeNull();
    expect(parseProgress({ done: 0, total: 1, current: 'n'.repeat(1000) })!.current).toHaveLength(300);
  });
});

describe('progressWriter', () => {
  it('writes the first value at once, the latest of a burst when the interval ends, one write at a time, nothing after stop', async () => {
    vi.useFakeTimers();
    try {
      const writes: number[] = [];
      let release: (() => void) | null = null;
      const writer = progressWriter(
        (p) => {
          writes.push(p.done);
          return new Promise<void>((r) => (release = r));
        },
        { minIntervalMs: 500, nowMs: () => Date.now() },
      );
      writer.listener({ done: 1, total: 9 });
      expect(writes).toEqual([1]);
      writer.listener({ done: 2, total: 9 });
      writer.listener({ done: 3, total: 9 });
      expect(writes).toEqual([1]); // the first write is still in flight
      release!();
      await vi.advanceTimersByTimeAsync(100);
      expect(writes).toEqual([1]); // within the interval
      await vi.advanceTimersByTimeAsync(500);
      expect(writes).toEqual([1, 3]); // the latest value, not every one
      release!();
      writer.listener({ done: 4, total: 9 });
      writer.stop();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(writes).toEqual([1, 3]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failed write is logged and the next one still happens', async () => {
    const log = vi.fn();
    let calls = 0;
    const writer = progressWriter(
      async () => {
        calls++;
        if (calls === 1) throw new Error('database busy');
      },
      { minIntervalMs: 0, log },
    );
    writer.listener({ done: 1, total: 2 });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith('could not record grading progress', expect.any(Error)));
    writer.listener({ done: 2, total: 2 });
    await vi.waitFor(() => expect(calls).toBe(2));
  });
});
