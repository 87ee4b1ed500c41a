/**
 * Sandbox on isolated-vm: a fresh V8 isolate per run with a heap limit (array buffers count
 * against it) and a timeout covering the whole run, including microtasks. The process that
 * loads this must run Node with --no-node-snapshot.
 */
import ivm from 'isolated-vm';
import { REPEAT_COMMAND } from '../harness/protocol';
import { collectChunks, type Sandbox, type SandboxRequest, type SandboxRun } from './sandbox';

class DeadlineExceeded extends Error {}

export class IsolatedVmSandbox implements Sandbox {
  readonly kind = 'isolated-vm';

  async run(request: SandboxRequest): Promise<SandboxRun> {
    const startedMs = performance.now();
    const deadlineMs = startedMs + request.wallTimeMs;
    const remainingMs = () => {
      const left = Math.floor(deadlineMs - performance.now());
      if (left <= 0) throw new DeadlineExceeded();
      return left;
    };
    const isolate = new ivm.Isolate({ memoryLimit: request.memoryMb });
    const finish = (run: Omit<SandboxRun, 'runMs'>): SandboxRun => ({ ...run, runMs: performance.now() - startedMs });
    const chunks: string[] = [];
    try {
      const context = isolate.createContextSync();
      const script = isolate.compileScriptSync(request.script, { filename: 'suite.js' });
      script.runSync(context, { timeout: remainingMs() });
      script.release();
      const entry = context.global.getSync(request.entry, { reference: true }) as ivm.Reference<(command?: string) => string | null>;
      if (entry.typeof !== 'function') return finish({ outcome: 'crashed', chunks, detail: `the script did not define ${request.entry}()` });
      const overflow = collectChunks(() => {
        try {
          return entry.applySync(undefined, [], { timeout: remainingMs() });
        } catch (error) {
          if (this.isLimitError(error, isolate)) throw error;
          // An unhandled rejection thrown from the microtask checkpoint: the step itself completed.
          return entry.applySync(undefined, [REPEAT_COMMAND], { timeout: remainingMs() });
        }
      }, request.maxReportChars, chunks);
      if (overflow) return finish({ outcome: 'output-limit', chunks, detail: `the run reported more than ${request.maxReportChars} characters` });
      return finish({ outcome: 'completed', chunks });
    } catch (error) {
      return finish(this.classify(error, isolate, request, chunks));
    } finally {
      if (!isolate.isDisposed) isolate.dispose();
    }
  }

  private isLimitError(error: unknown, isolate: ivm.Isolate): boolean {
    const message = error instanceof Error ? error.message : '';
    return error instanceof DeadlineExceeded || isolate.isDisposed || /timed out|memory limit|disposed/i.test(message);
  }

  private classify(error: unknown, isolate: ivm.Isolate, request: SandboxRequest, chunks: string[]): Omit<SandboxRun, 'runMs'> {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof DeadlineExceeded || /timed out/i.test(message)) {
      return { outcome: 'timeout', chunks, detail: `the time limit of ${request.wallTimeMs} ms was exceeded` };
    }
    if (isolate.isDisposed || /memory limit/i.test(message)) {
      return { outcome: 'memory', chunks, detail: `the memory limit of ${request.memoryMb} MB was exceeded` };
    }
    return { outcome: 'crashed', chunks, detail: `the sandbox stopped: ${message.slice(0, 300)}` };
  }
}
