/**
 * Sandbox on isolated-vm: a fresh V8 isolate per run with a heap limit (array buffers count
 * against it). The limit that decides a verdict is CPU time: this worker process's, as the kernel
 * counts it (process.cpuUsage), which a busy machine does not inflate the way it inflates the wall
 * clock. (isolated-vm's own isolate.cpuTime is measured with a wall clock while the isolate is
 * entered, so it grows under contention: it is not used.) The worker runs one job at a time, so its
 * CPU time is the run's. A watchdog on the main thread polls it while the isolate runs on
 * isolated-vm's thread and disposes the isolate once the limit is spent. The wall clock stops a run
 * only as a backstop several times larger. The process that loads this must run Node with
 * --no-node-snapshot.
 */
import ivm from 'isolated-vm';
import { REPEAT_COMMAND } from '../harness/protocol';
import { collectChunksAsync, type Sandbox, type SandboxRequest, type SandboxRun } from './sandbox';

class DeadlineExceeded extends Error {}

/** How often the watchdog reads the isolate's CPU time. */
const watchdogIntervalMs = 5;

export class IsolatedVmSandbox implements Sandbox {
  readonly kind = 'isolated-vm';

  async run(request: SandboxRequest, onChunk?: (chunk: string) => void): Promise<SandboxRun> {
    const startedMs = performance.now();
    const deadlineMs = startedMs + request.wallTimeMs;
    const remainingMs = () => {
      const left = Math.floor(deadlineMs - performance.now());
      if (left <= 0) throw new DeadlineExceeded();
      return left;
    };
    const isolate = new ivm.Isolate({ memoryLimit: request.memoryMb });
    const cpuAtStart = process.cpuUsage();
    const cpuMs = () => {
      const used = process.cpuUsage(cpuAtStart);
      return (used.user + used.system) / 1000;
    };
    let cpuExceeded = false;
    const watchdog = setInterval(() => {
      if (isolate.isDisposed || cpuMs() <= request.cpuTimeMs) return;
      cpuExceeded = true;
      isolate.dispose();
    }, watchdogIntervalMs);
    const finish = (run: Omit<SandboxRun, 'runMs' | 'cpuMs'>): SandboxRun => {
      clearInterval(watchdog);
      return { ...run, runMs: performance.now() - startedMs, cpuMs: cpuMs() };
    };
    const chunks: string[] = [];
    try {
      const context = await isolate.createContext();
      const script = await isolate.compileScript(request.script, { filename: 'suite.js' });
      await script.run(context, { timeout: remainingMs() });
      script.release();
      const entry = (await context.global.get(request.entry, { reference: true })) as ivm.Reference<(command?: string) => string | null>;
      if (entry.typeof !== 'function') return finish({ outcome: 'crashed', chunks, detail: `the script did not define ${request.entry}()` });
      const overflow = await collectChunksAsync(async () => {
        try {
          return await entry.apply(undefined, [], { timeout: remainingMs() });
        } catch (error) {
          if (this.isLimitError(error, isolate, cpuExceeded)) throw error;
          // An unhandled rejection thrown from the microtask checkpoint: the step itself completed.
          return await entry.apply(undefined, [REPEAT_COMMAND], { timeout: remainingMs() });
        }
      }, request.maxReportChars, chunks, onChunk);
      // A last reading: a run that finished just past the limit, between two polls, is still over it.
      if (cpuMs() > request.cpuTimeMs) cpuExceeded = true;
      if (cpuExceeded) return finish(this.classify(new DeadlineExceeded(), isolate, request, chunks, true));
      if (overflow) return finish({ outcome: 'output-limit', chunks, detail: `the run reported more than ${request.maxReportChars} characters` });
      return finish({ outcome: 'completed', chunks });
    } catch (error) {
      return finish(this.classify(error, isolate, request, chunks, cpuExceeded));
    } finally {
      clearInterval(watchdog);
      if (!isolate.isDisposed) isolate.dispose();
    }
  }

  private isLimitError(error: unknown, isolate: ivm.Isolate, cpuExceeded: boolean): boolean {
    const message = error instanceof Error ? error.message : '';
    return cpuExceeded || error instanceof DeadlineExceeded || isolate.isDisposed || /timed out|memory limit|disposed/i.test(message);
  }

  private classify(error: unknown, isolate: ivm.Isolate, request: SandboxRequest, chunks: string[], cpuExceeded: boolean): Omit<SandboxRun, 'runMs' | 'cpuMs'> {
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
