/**
 * Sandbox on isolated-vm: a fresh V8 isolate per run with a heap limit (array buffers count
 * against it). The limit that decides a verdict is CPU time: this worker process's, as the kernel
 * counts it (process.cpuUsage), which a busy machine does not inflate the way it inflates the wall
 * clock. (isolated-vm's own isolate.cpuTime is measured with a wall clock while the isolate is
 * entered, so it grows under contention: it is not used.) The worker runs one job at a time, so its
 * CPU time is the run's. The wall clock stops a run only as a backstop several times larger. The
 * process that loads this must run Node with --no-node-snapshot.
 *
 * Two ways to drive the harness's entry, with the same results:
 * - **direct** (tried first): `applySync` on this thread, in slices of about 20 ms between which the event loop turns
 *   (progress chunks go out) and the CPU time is read. A call costs about 3 µs instead of about 80 µs for an
 *   asynchronous call, which matters because an async test makes one call per virtual timer (tens of thousands in a
 *   suite that settles promises between simulation events). While a call runs nothing else on this thread can, so each
 *   call gets a wall-clock timeout equal to the CPU time the run has left: on an idle machine that stops an infinite
 *   loop at the CPU limit. When such a timeout fires and the CPU time is in fact still under the limit (a busy machine
 *   gave the run less than a core), the verdict would depend on the machine, so the run is thrown away and
 *   started again the other way.
 * - **watched**: `apply` on isolated-vm's thread while a watchdog on this thread polls the CPU time every 5 ms and
 *   disposes the isolate once the limit is spent. Exact whatever the load, slower per call.
 * The harness is deterministic (seeded randomness, virtual clock), so the second way produces the same tests in the
 * same order; the chunks the first way already reported are not reported twice.
 */
import ivm from 'isolated-vm';
import { REPEAT_COMMAND } from '../harness/protocol';
import { chunkCollector, collectChunksAsync, type Sandbox, type SandboxRequest, type SandboxRun } from './sandbox';

class DeadlineExceeded extends Error {}

/** The direct attempt gave up because a call hit its wall-clock timeout with CPU time to spare. */
class TooBusyForDirect extends Error {}

/** How often the watchdog reads the CPU time in the watched mode. */
const watchdogIntervalMs = 5;
/** How long the direct mode runs calls back to back before letting the event loop turn. */
const directSliceMs = 20;

type Entry = ivm.Reference<(command?: string) => string | null>;
type Finished = Omit<SandboxRun, 'runMs' | 'cpuMs'>;

interface Attempt {
  request: SandboxRequest;
  cpuMs: () => number;
  remainingWallMs: () => number;
  emit: (chunk: string) => void;
}

export class IsolatedVmSandbox implements Sandbox {
  readonly kind = 'isolated-vm';

  async run(request: SandboxRequest, onChunk?: (chunk: string) => void): Promise<SandboxRun> {
    const startedMs = performance.now();
    const deadlineMs = startedMs + request.wallTimeMs;
    const remainingWallMs = () => {
      const left = Math.floor(deadlineMs - performance.now());
      if (left <= 0) throw new DeadlineExceeded();
      return left;
    };
    let reported = 0;
    const emit = (chunk: string) => {
      reported++;
      onChunk?.(chunk);
    };
    const direct = await this.attempt('direct', { request, cpuMs: cpuClock(), remainingWallMs, emit });
    let finished: Finished & { cpuMs: number };
    if (direct !== null) finished = direct;
    else {
      // Start again, watched; skip the chunks the direct attempt already reported (the same ones, in the same order).
      let skip = reported;
      finished = await this.attempt('watched', {
        request,
        cpuMs: cpuClock(),
        remainingWallMs,
        emit: (chunk) => {
          if (skip > 0) skip--;
          else emit(chunk);
        },
      });
    }
    return { ...finished, runMs: performance.now() - startedMs };
  }

  /** One attempt in a fresh isolate; null when the direct mode cannot give a verdict that is independent of the load. */
  private async attempt(mode: 'direct', a: Attempt): Promise<(Finished & { cpuMs: number }) | null>;
  private async attempt(mode: 'watched', a: Attempt): Promise<Finished & { cpuMs: number }>;
  private async attempt(mode: 'direct' | 'watched', { request, cpuMs, remainingWallMs, emit }: Attempt): Promise<(Finished & { cpuMs: number }) | null> {
    const isolate = new ivm.Isolate({ memoryLimit: request.memoryMb });
    let cpuExceeded = false;
    const watchdog =
      mode === 'watched'
        ? setInterval(() => {
            if (isolate.isDisposed || cpuMs() <= request.cpuTimeMs) return;
            cpuExceeded = true;
            isolate.dispose();
          }, watchdogIntervalMs)
        : undefined;
    const finish = (run: Finished) => {
      clearInterval(watchdog);
      return { ...run, cpuMs: cpuMs() };
    };
    const chunks: string[] = [];
    try {
      const context = await isolate.createContext();
      const script = await isolate.compileScript(request.script, { filename: 'suite.js' });
      await script.run(context, { timeout: remainingWallMs() });
      script.release();
      const entry = (await context.global.get(request.entry, { reference: true })) as Entry;
      if (entry.typeof !== 'function') return finish({ outcome: 'crashed', chunks, detail: `the script did not define ${request.entry}()` });
      const overflow =
        mode === 'watched'
          ? await collectChunksAsync(() => this.callWatched(entry, isolate, remainingWallMs, () => cpuExceeded), request.maxReportChars, chunks, emit)
          : await this.runDirect(entry, isolate, request, cpuMs, remainingWallMs, chunks, emit);
      // A last reading: a run that finished just past the limit, between two readings, is still over it.
      if (cpuMs() > request.cpuTimeMs) cpuExceeded = true;
      if (cpuExceeded) return finish(this.classify(new DeadlineExceeded(), isolate, request, chunks, true));
      if (overflow) return finish({ outcome: 'output-limit', chunks, detail: `the run reported more than ${request.maxReportChars} characters` });
      return finish({ outcome: 'completed', chunks });
    } catch (error) {
      if (error instanceof TooBusyForDirect) {
        clearInterval(watchdog);
        return null;
      }
      return finish(this.classify(error, isolate, request, chunks, cpuExceeded || cpuMs() > request.cpuTimeMs));
    } finally {
      clearInterval(watchdog);
      if (!isolate.isDisposed) isolate.dispose();
    }
  }

  private async callWatched(entry: Entry, isolate: ivm.Isolate, remainingWallMs: () => number, cpuExceeded: () => boolean): Promise<unknown> {
    try {
      return await entry.apply(undefined, [], { timeout: remainingWallMs() });
    } catch (error) {
      if (this.isLimitError(error, isolate, cpuExceeded())) throw error;
      // An unhandled rejection thrown from the microtask checkpoint: the step itself completed.
      return await entry.apply(undefined, [REPEAT_COMMAND], { timeout: remainingWallMs() });
    }
  }

  /**
   * The direct mode: calls the entry synchronously, in slices of about directSliceMs, letting the event loop turn
   * between slices (progress chunks go out). Returns true if the output cap was hit.
   */
  private async runDirect(entry: Entry, isolate: ivm.Isolate, request: SandboxRequest, cpuMs: () => number, remainingWallMs: () => number, chunks: string[], emit: (chunk: string) => void): Promise<boolean> {
    const call = (command: [] | [string]): unknown => {
      const cpuLeftMs = Math.floor(request.cpuTimeMs - cpuMs());
      if (cpuLeftMs <= 0) throw new DeadlineExceeded();
      // The call may take as long on the wall clock as the run has CPU time left (plus a little for the
      // timer's own granularity), and never past the backstop.
      const budgetMs = cpuLeftMs + 5;
      const timeout = Math.min(budgetMs, remainingWallMs());
      try {
        return entry.applySync(undefined, command, { timeout });
      } catch (error) {
        const message = error instanceof Error ? error.message : '';
        if (!isolate.isDisposed && /timed out/i.test(message)) {
          if (cpuMs() > request.cpuTimeMs) throw new DeadlineExceeded();
          if (timeout < budgetMs) throw error; // the backstop
          throw new TooBusyForDirect();
        }
        throw error;
      }
    };
    const step = (): unknown => {
      try {
        return call([]);
      } catch (error) {
        if (error instanceof DeadlineExceeded || error instanceof TooBusyForDirect || this.isLimitError(error, isolate, false)) throw error;
        // An unhandled rejection thrown from the microtask checkpoint: the step itself completed.
        return call([REPEAT_COMMAND]);
      }
    };
    const collector = chunkCollector(request.maxReportChars, chunks, emit);
    for (;;) {
      const sliceEnd = performance.now() + directSliceMs;
      do {
        const verdict = collector(step());
        if (verdict !== undefined) return verdict;
      } while (performance.now() < sliceEnd);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private isLimitError(error: unknown, isolate: ivm.Isolate, cpuExceeded: boolean): boolean {
    const message = error instanceof Error ? error.message : '';
    return cpuExceeded || error instanceof DeadlineExceeded || isolate.isDisposed || /timed out|memory limit|disposed/i.test(message);
  }

  private classify(error: unknown, isolate: ivm.Isolate, request: SandboxRequest, chunks: string[], cpuExceeded: boolean): Finished {
    const message = error instanceof Error ? error.message : String(error);
    if (cpuExceeded) return { outcome: 'timeout', chunks, detail: `the CPU time limit of ${request.cpuTimeMs} ms was exceeded` };
    if (error instanceof DeadlineExceeded || /timed out/i.test(message)) {
      return { outcome: 'timeout', chunks, detail: `the run did not finish within ${request.wallTimeMs} ms of wall-clock time (the backstop; its CPU time was under the limit, so the grading machine may have been overloaded)` };
    }
    if (isolate.isDisposed || /memory limit/i.test(message)) {
      return { outcome: 'memory', chunks, detail: `the memory limit of ${request.memoryMb} MB was exceeded` };
    }
    return { outcome: 'crashed', chunks, detail: `the sandbox stopped: ${message.slice(0, 300)}` };
  }
}

/** This process's CPU time in ms since the call. */
function cpuClock(): () => number {
  const start = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
}
